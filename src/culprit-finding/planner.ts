import { buildSelectionModel, chooseProbes } from './choose-probes.js';
import { jointPosterior, summarizePosterior } from './posterior.js';
import type { PlanStep, PlannerInput, Probe } from './types.js';
import {
  budgetExhaustedVerdict,
  confidentVerdict,
  DEFAULT_Q_ROBUSTNESS,
  DEFAULT_THRESHOLD,
  inconclusiveVerdict,
  jobsAtCurrentRate,
} from './verdict.js';

/**
 * "Inconclusive" needs the jobs a verdict would take at the current best rate to exceed the jobs left this many
 * times over: information per job can still rise once q is learnt, so a small margin stops winnable searches.
 * Measured at N = 20, k = 4, budget 60, 150 seeded trials (accuracy / inconclusive): q = 0.5 with margin 1.5:
 * 86 % / 14 %, 3: 90 % / 8 %, 6: 92 % / 3 % (= never stopping early); q = 0.3: 45 % / 53 %, 49 % / 45 %, 51 % / 23 %
 * (never: 51 %). With 50 history runs, the 7 % of no-culprit f = 0.1 ranges that never reach a verdict within
 * 1,500 jobs stop inconclusive at every margin.
 */
export const DEFAULT_HOPELESS_MARGIN = 6;

/** Fill all k slots by default: k runs per round, as the user asked for; raise it to trade rounds for jobs. */
export const DEFAULT_BATCH_EFFICIENCY = 0;

function checkInput(input: PlannerInput): void {
  if (!Number.isInteger(input.parallel) || input.parallel < 1) throw new RangeError('parallel must be an integer ≥ 1');
  if (!(input.budget >= 0) || !(input.jobsTriggered >= 0)) throw new RangeError('budget and jobsTriggered must be ≥ 0');
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold > 0.5 && threshold < 1)) throw new RangeError('threshold must be in (0.5, 1)');
  const efficiency = input.batchEfficiency ?? DEFAULT_BATCH_EFFICIENCY;
  if (!(efficiency >= 0 && efficiency <= 1)) throw new RangeError('batchEfficiency must be in [0, 1]');
  const robustness = input.qRobustness ?? DEFAULT_Q_ROBUSTNESS;
  if (!(robustness >= 0 && robustness < 1)) throw new RangeError('qRobustness must be in [0, 1)');
  const repeats = input.repeatsPerJob ?? 0;
  if (!(Number.isInteger(repeats) && repeats >= 0 && repeats <= 20))
    throw new RangeError('repeatsPerJob must be an integer in 0…20');
  if (input.familyTolerance !== undefined && !(input.familyTolerance > 0 && input.familyTolerance < 1)) {
    throw new RangeError('familyTolerance must be in (0, 1)');
  }
}

/**
 * One step of a bisection: the next batch to trigger, a wait (enough runs in flight), or a verdict.
 * Pure and deterministic: the same observations give the same answer, and runs already pending are counted
 * as part of the round, so calling it again after a restart never asks for them twice.
 */
export function planNextProbes(input: PlannerInput): PlanStep {
  checkInput(input);
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const joint = jointPosterior(input.observations, input.priors);
  const posterior = summarizePosterior(joint);

  const verdict = confidentVerdict(
    joint,
    posterior,
    threshold,
    input.qRobustness ?? DEFAULT_Q_ROBUSTNESS,
    input.familyTolerance,
  );
  if (verdict) return { kind: 'verdict', verdict, posterior };

  const pending = input.observations.map((o) => o.pending);
  const pendingTotal = pending.reduce((s, n) => s + n, 0);
  const remaining = Math.floor(input.budget - input.jobsTriggered);
  const slots = Math.min(input.parallel - pendingTotal, remaining);
  if (slots <= 0) {
    return pendingTotal > 0
      ? { kind: 'wait', pending: pendingTotal, posterior }
      : { kind: 'verdict', verdict: budgetExhaustedVerdict(posterior, threshold), posterior };
  }

  // confirm-failures first: one job re-running the failing test on the failing push opens the first round.
  const repeats = input.repeatsPerJob ?? 0;
  const everyProbe = repeats > 0 && input.repeatMode === 'every-probe';
  const last = input.observations.length - 1;
  const confirmFirst =
    repeats > 0 && !everyProbe && input.jobsTriggered === 0 && !input.observations[last]!.repeatJobs?.length;
  const confirm: Probe[] = confirmFirst ? [{ pushIndex: last, times: 1, repeats }] : [];
  const selection = buildSelectionModel(joint, input.priors.repeatCorrelation ?? 0);
  const choice = chooseProbes(
    selection,
    pending,
    slots - confirm.length,
    input.batchEfficiency ?? DEFAULT_BATCH_EFFICIENCY,
    { repeats, everyProbeRepeats: everyProbe, fixedRepeatJobs: confirmFirst ? [last] : [] },
  );
  const probes = [...confirm, ...choice.probes];
  if (probes.length === 0) {
    return pendingTotal > 0
      ? { kind: 'wait', pending: pendingTotal, posterior }
      : { kind: 'verdict', verdict: budgetExhaustedVerdict(posterior, threshold), posterior };
  }
  // Judged only with nothing in flight, when the first new run's information is not discounted by pending ones.
  if (pendingTotal === 0 && !confirmFirst && (input.stopWhenHopeless ?? true)) {
    const needed = jobsAtCurrentRate(posterior, choice.firstGain, threshold);
    if (needed > (input.hopelessMargin ?? DEFAULT_HOPELESS_MARGIN) * remaining)
      return { kind: 'verdict', verdict: inconclusiveVerdict(posterior, needed, remaining, threshold), posterior };
  }
  return { kind: 'probe', probes, posterior };
}
