import type { Probe } from '../types.js';
import { runSummary, stepModel, stepPosterior } from './posterior.js';
import { choosePerfProbes, perfProbeInformation } from './choose-probes.js';
import { mannWhitneyU, welchTTest } from './tests.js';
import type { PerfPlannerInput, PerfPlanStep, PerfVerdict } from './types.js';

export const PERF_DEFAULT_THRESHOLD = 0.99;
export const PERFHERDER_MIN_MAGNITUDE = 0.02;
export const PERF_DEFAULT_SIGNIFICANCE = 0.01;
/** Add a run to a round only while it brings ≥ this share of the first run's information. */
export const PERF_DEFAULT_BATCH_EFFICIENCY = 0.5;

/** Entropy (bits) of the split the probed pushes make of the posterior, as if each run were decisive. */
function splitInformation(posterior: readonly number[], probes: readonly Probe[]): number {
  const cuts = probes.map((p) => p.pushIndex).sort((a, b) => a - b);
  let info = 0;
  let start = 0;
  for (const cut of [...cuts, posterior.length - 1]) {
    let mass = 0;
    for (let i = start; i <= cut; i++) mass += posterior[i]!;
    if (mass > 0) info -= mass * Math.log2(mass);
    start = cut + 1;
  }
  return info;
}

/**
 * How many runs this round: more runs per round save rounds but cost jobs, and with a clear signal each extra
 * split point is worth less (log2(m + 1) bits for m cuts). Stop adding when a run would bring less than
 * `efficiency` × the first run's bits.
 */
export function roundSize(posterior: readonly number[], slots: number, efficiency: number): number {
  const first = splitInformation(posterior, quantileProbes(posterior, 1));
  let previous = first;
  let m = 1;
  while (m < slots) {
    const next = splitInformation(posterior, quantileProbes(posterior, m + 1));
    if (next - previous < efficiency * first) break;
    previous = next;
    m++;
  }
  return m;
}

/**
 * Where to run next: a run at push j tells "step ≤ j" from "step > j", so k runs go to the pushes whose
 * posterior CDF is nearest the levels 1/(k+1) … k/(k+1). When the posterior sits on one or two pushes, several
 * levels land on the same push and it is retriggered, which is how noisy tests get more runs where it matters.
 */
export function quantileProbes(posterior: readonly number[], slots: number): Probe[] {
  const N = posterior.length;
  const cdf: number[] = [];
  let running = 0;
  for (const p of posterior) {
    running += p;
    cdf.push(running);
  }
  const counts = new Map<number, number>();
  for (let l = 1; l <= slots; l++) {
    const level = l / (slots + 1);
    let best = -1;
    let bestDistance = Infinity;
    // The alerted push (N − 1) is "after" under every hypothesis: never informative.
    for (let j = 0; j < N - 1; j++) {
      const d = Math.abs(cdf[j]! - level);
      if (d < bestDistance - 1e-12) {
        bestDistance = d;
        best = j;
      }
    }
    if (best >= 0) counts.set(best, (counts.get(best) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([pushIndex, times]) => ({ pushIndex, times }));
}

/**
 * The round's runs: cuts at posterior quantiles (cheap, and job-efficient when runs are clear), unless the
 * posterior is split in a way cuts do not resolve — e.g. two separated clusters, or a push already run many
 * times — where the best quantile cut carries < ¼ of the best single run's information; then greedy
 * information-based choice.
 */
function chooseRound(
  input: PerfPlannerInput,
  posterior: readonly number[],
  slots: number,
  efficiency: number,
): Probe[] {
  const cuts = quantileProbes(posterior, roundSize(posterior, slots, efficiency));
  const model = stepModel(input.before, input.observations);
  let bestAnywhere = 0;
  for (let j = 0; j < posterior.length; j++) bestAnywhere = Math.max(bestAnywhere, perfProbeInformation(model, j));
  const bestCut = Math.max(0, ...cuts.map((p) => perfProbeInformation(model, p.pushIndex)));
  return bestCut >= 0.25 * bestAnywhere ? cuts : choosePerfProbes(input.before, input.observations, slots, efficiency);
}

/** Welch over run summaries (Perfherder's data points) when each side has two, else over replicates. */
function welchOverWindows(w: ReturnType<typeof windows>): ReturnType<typeof welchTTest> {
  return w.before.length >= 2 && w.after.length >= 2
    ? welchTTest(w.before, w.after)
    : welchTTest(w.beforeReps, w.afterReps);
}

function windows(
  input: PerfPlannerInput,
  culprit: number,
): { before: number[]; after: number[]; beforeReps: number[]; afterReps: number[] } {
  const before = input.before.map(runSummary);
  const beforeReps = input.before.flatMap((r) => [...r.replicates]);
  const after: number[] = [];
  const afterReps: number[] = [];
  input.observations.forEach((o, j) => {
    for (const run of o.runs) {
      (j < culprit ? before : after).push(runSummary(run));
      (j < culprit ? beforeReps : afterReps).push(...run.replicates);
    }
  });
  return { before, after, beforeReps, afterReps };
}

/**
 * One step of a perf bisection: locate the step change with the Bayesian posterior, then confirm it the way
 * perf sheriffs do — Welch's t-test over the before/after windows with a magnitude ≥ 2 % (Perfherder) and a
 * Mann–Whitney U test over replicates (Pinpoint). Pure; pending runs count as part of the round.
 */
export function planPerfProbes(input: PerfPlannerInput): PerfPlanStep {
  if (!Number.isInteger(input.parallel) || input.parallel < 1) throw new RangeError('parallel must be an integer ≥ 1');
  const threshold = input.threshold ?? PERF_DEFAULT_THRESHOLD;
  const minMagnitude = input.minMagnitude ?? PERFHERDER_MIN_MAGNITUDE;
  const significance = input.significance ?? PERF_DEFAULT_SIGNIFICANCE;
  const posterior = stepPosterior(input.before, input.observations);
  const N = posterior.length;
  let best = 0;
  for (let i = 1; i < N; i++) if (posterior[i]! > posterior[best]!) best = i;

  let confirmProbes: Probe[] | null = null;
  if (posterior[best]! >= threshold) {
    const w = windows(input, best);
    const welch = welchOverWindows(w);
    const mw = mannWhitneyU(w.beforeReps, w.afterReps);
    const magnitude = welch?.magnitude ?? 0;
    if (welch && Math.abs(magnitude) < minMagnitude) {
      return {
        kind: 'verdict',
        verdict: { kind: 'below-threshold', pushIndex: best, posterior: posterior[best]!, magnitude },
        posterior,
      };
    }
    if (welch && mw && welch.p < significance && mw.p < significance) {
      const verdict: PerfVerdict = {
        kind: 'culprit',
        pushIndex: best,
        posterior: posterior[best]!,
        magnitude,
        welch,
        mannWhitney: mw,
      };
      return { kind: 'verdict', verdict, posterior };
    }
    // Located but not yet significant (e.g. a single run after the step): more runs on both sides of it.
    confirmProbes =
      best > 0
        ? [
            { pushIndex: best - 1, times: 1 },
            { pushIndex: best, times: 1 },
          ]
        : [{ pushIndex: best, times: 1 }];
  }

  const pendingTotal = input.observations.reduce((s, o) => s + o.pending, 0);
  const remaining = Math.floor(input.budget - input.jobsTriggered);
  const slots = Math.min(input.parallel - pendingTotal, remaining);
  if (slots <= 0) {
    return pendingTotal > 0
      ? { kind: 'wait', pending: pendingTotal, posterior }
      : {
          kind: 'verdict',
          verdict: { kind: 'budget-exhausted', best: { pushIndex: best, posterior: posterior[best]! } },
          posterior,
        };
  }
  const efficiency = input.batchEfficiency ?? PERF_DEFAULT_BATCH_EFFICIENCY;
  let probes = confirmProbes ?? chooseRound(input, posterior, slots, efficiency);
  let used = 0;
  probes = probes
    .map((p) => {
      const times = Math.min(p.times, slots - used);
      used += times;
      return { pushIndex: p.pushIndex, times };
    })
    .filter((p) => p.times > 0);
  if (probes.length === 0) {
    return pendingTotal > 0
      ? { kind: 'wait', pending: pendingTotal, posterior }
      : {
          kind: 'verdict',
          verdict: { kind: 'budget-exhausted', best: { pushIndex: best, posterior: posterior[best]! } },
          posterior,
        };
  }
  return { kind: 'probe', probes, posterior };
}
