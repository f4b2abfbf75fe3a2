import type { JointPosterior } from './posterior.js';
import { repeatJobProbability } from './repeats.js';
import type { Probe } from './types.js';

/**
 * Chooses where the next runs go: greedily, the run that adds the most expected information (mutual
 * information, in bits) about where the culprit is, given the runs already chosen or pending. Outcomes of runs in
 * one batch are not known when it is chosen, so a second run next to the first is worth less than the first;
 * exact joint information captures that, and also when a retrigger of the same push is worth it (q < 1).
 */

/** Per-hypothesis summary over the nuisance rates: weight per (push, q) with the mean f given both. */
export interface SelectionModel {
  readonly pushCount: number;
  readonly q: Float64Array;
  /** P(culprit = i, q = q_a) at [i * Q + a]. */
  readonly weight: Float64Array;
  /** Prefix sums over pushes 0..i−1 of weight, at [i * Q + a], length (N + 1) * Q. */
  readonly prefixWeight: Float64Array;
  /** Prefix sums of weight × mean f, same layout. */
  readonly prefixWeightF: Float64Array;
  /** "No culprit": total weight and mean f. */
  readonly noneWeight: number;
  readonly noneF: number;
  /** Marginal P(culprit ≤ i), length N (no-culprit sits after the last push). */
  readonly cdf: Float64Array;
  readonly pushMass: Float64Array;
  /** Correlation of the runs within one repeat job (repeats.ts). */
  readonly repeatCorrelation: number;
}

export function buildSelectionModel(joint: JointPosterior, repeatCorrelation = 0): SelectionModel {
  const { model, pushCount: N } = joint;
  const Q = model.q.length;
  const F = model.f.length;
  const weight = new Float64Array(N * Q);
  const prefixWeight = new Float64Array((N + 1) * Q);
  const prefixWeightF = new Float64Array((N + 1) * Q);
  const pushMass = new Float64Array(N);
  const cdf = new Float64Array(N);
  let running = 0;
  for (let i = 0; i < N; i++) {
    let mass = 0;
    for (let a = 0; a < Q; a++) {
      let w = 0;
      let wf = 0;
      const base = (i * Q + a) * F;
      for (let b = 0; b < F; b++) {
        const v = joint.culprit[base + b]!;
        w += v;
        wf += v * model.f[b]!;
      }
      weight[i * Q + a] = w;
      prefixWeight[(i + 1) * Q + a] = prefixWeight[i * Q + a]! + w;
      prefixWeightF[(i + 1) * Q + a] = prefixWeightF[i * Q + a]! + wf;
      mass += w;
    }
    pushMass[i] = mass;
    running += mass;
    cdf[i] = running;
  }
  let noneWeight = 0;
  let noneWF = 0;
  for (let b = 0; b < F; b++) {
    noneWeight += joint.noCulprit[b]!;
    noneWF += joint.noCulprit[b]! * model.f[b]!;
  }
  return {
    pushCount: N,
    q: model.q,
    weight,
    prefixWeight,
    prefixWeightF,
    noneWeight,
    noneF: noneWeight > 0 ? noneWF / noneWeight : 0,
    cdf,
    pushMass,
    repeatCorrelation,
  };
}

const binomialCache = new Map<number, Float64Array>();
/** Row n of Pascal's triangle. */
function binomialRow(n: number): Float64Array {
  let row = binomialCache.get(n);
  if (!row) {
    row = new Float64Array(n + 1);
    row[0] = 1;
    for (let k = 1; k <= n; k++) row[k] = (row[k - 1]! * (n - k + 1)) / k;
    binomialCache.set(n, row);
  }
  return row;
}

function binomialPmf(n: number, p: number, out: Float64Array, offset: number): void {
  const row = binomialRow(n);
  for (let k = 0; k <= n; k++) out[offset + k] = row[k]! * p ** k * (1 - p) ** (n - k);
}

/**
 * A batch as distinct pushes (ascending) with plain run counts and, per push, the number of repeat jobs (each
 * re-running the failing test `repeats` times).
 */
export interface BatchShape {
  readonly pushes: readonly number[];
  readonly counts: readonly number[];
  readonly repeatJobs?: readonly number[];
}

/** Hypotheses lighter than this are left out of the information sum; their share is negligible. */
const NEGLIGIBLE = 1e-9;

/**
 * Mutual information (bits) between the outcomes of a batch (failure count per push and per repeat job) and the
 * culprit hypothesis. Runs at pushes ≥ the culprit fail at q, the others at f. A hypothesis's outcome law mixes
 * over its own posterior on q, so runs that pin q down (e.g. retriggering the failing push) count as informative.
 * f is replaced by its posterior mean within each (segment, q) cell, which keeps the cost O(segments × q).
 */
export function batchInformation(sel: SelectionModel, batch: BatchShape, repeats = 0): number {
  const m = batch.pushes.length;
  if (m === 0) return 0;
  const Q = sel.q.length;
  const N = sel.pushCount;
  // Cells: segment s ∈ 0..m (s = number of probe pushes before the culprit) × q, plus "no culprit".
  const cellCount = (m + 1) * Q + 1;
  const rates = new Float64Array(cellCount * m);
  const segmentOfPush = new Int32Array(N);
  let prevEnd = 0; // pushes [prevEnd, end) form segment s
  for (let s = 0; s <= m; s++) {
    const end = s < m ? batch.pushes[s]! + 1 : N;
    for (let i = prevEnd; i < end; i++) segmentOfPush[i] = s;
    for (let a = 0; a < Q; a++) {
      const c = s * Q + a;
      const w = sel.prefixWeight[end * Q + a]! - sel.prefixWeight[prevEnd * Q + a]!;
      const wf = sel.prefixWeightF[end * Q + a]! - sel.prefixWeightF[prevEnd * Q + a]!;
      const fMean = w > 0 ? wf / w : 0;
      for (let t = 0; t < m; t++) rates[c * m + t] = t < s ? fMean : sel.q[a]!;
    }
    prevEnd = end;
  }
  const none = (m + 1) * Q;
  for (let t = 0; t < m; t++) rates[none * m + t] = sel.noneF;

  // Outcome dimensions: the plain runs of each push (a failure count), then each repeat job on its own.
  const dimPush: number[] = [];
  const dimSize: number[] = [];
  const dimRepeat: boolean[] = [];
  for (let t = 0; t < m; t++) {
    if (batch.counts[t]! > 0) {
      dimPush.push(t);
      dimSize.push(batch.counts[t]!);
      dimRepeat.push(false);
    }
    for (let r = 0; r < (batch.repeatJobs?.[t] ?? 0); r++) {
      dimPush.push(t);
      dimSize.push(repeats);
      dimRepeat.push(true);
    }
  }
  const D = dimPush.length;
  if (D === 0) return 0;
  let stride = 0;
  for (const n of dimSize) stride = Math.max(stride, n + 1);
  // pmf[(c * D + d) * stride + y]
  const pmf = new Float64Array(cellCount * D * stride);
  for (let c = 0; c < cellCount; c++) {
    for (let d = 0; d < D; d++) {
      const p = rates[c * m + dimPush[d]!]!;
      const offset = (c * D + d) * stride;
      if (dimRepeat[d]) {
        for (let y = 0; y <= repeats; y++) pmf[offset + y] = repeatJobProbability(y, repeats, p, sel.repeatCorrelation);
      } else binomialPmf(dimSize[d]!, p, pmf, offset);
    }
  }

  const live: number[] = [];
  for (let i = 0; i < N; i++) if (sel.pushMass[i]! > NEGLIGIBLE) live.push(i);
  const hasNone = sel.noneWeight > NEGLIGIBLE;

  const y = new Int32Array(D);
  const lik = new Float64Array(cellCount);
  let info = 0;
  for (;;) {
    for (let c = 0; c < cellCount; c++) {
      let l = 1;
      for (let d = 0; d < D && l > 0; d++) l *= pmf[(c * D + d) * stride + y[d]!]!;
      lik[c] = l;
    }
    // Σ_h P(h) P(y|h) log P(y|h) − P(y) log P(y)
    let py = 0;
    let conditional = 0;
    for (const i of live) {
      const base = segmentOfPush[i]! * Q;
      let joint = 0;
      for (let a = 0; a < Q; a++) joint += sel.weight[i * Q + a]! * lik[base + a]!;
      if (joint > 0) {
        py += joint;
        conditional += joint * Math.log(joint / sel.pushMass[i]!);
      }
    }
    if (hasNone) {
      const joint = sel.noneWeight * lik[none]!;
      if (joint > 0) {
        py += joint;
        conditional += joint * Math.log(lik[none]!);
      }
    }
    if (py > 0) info += conditional - py * Math.log(py);
    // Odometer over outcomes.
    let d = 0;
    while (d < D) {
      y[d]!++;
      if (y[d]! <= dimSize[d]!) break;
      y[d] = 0;
      d++;
    }
    if (d === D) break;
  }
  return Math.max(0, info / Math.LN2);
}

function addToBatch(batch: BatchShape, pushIndex: number, times: number, repeat = false): BatchShape {
  const pushes = [...batch.pushes];
  const counts = [...batch.counts];
  const repeatJobs = batch.repeatJobs ? [...batch.repeatJobs] : pushes.map(() => 0);
  let at = pushes.indexOf(pushIndex);
  if (at < 0) {
    at = 0;
    while (at < pushes.length && pushes[at]! < pushIndex) at++;
    pushes.splice(at, 0, pushIndex);
    counts.splice(at, 0, 0);
    repeatJobs.splice(at, 0, 0);
  }
  if (repeat) repeatJobs[at]! += times;
  else counts[at]! += times;
  return { pushes, counts, repeatJobs };
}

export const MAX_CANDIDATES = 12;

/**
 * Pushes worth probing: those that split the posterior non-trivially. When there are many, keep the ones nearest
 * evenly spaced posterior quantiles so the search stays O(candidates) per slot.
 */
export function candidatePushes(sel: SelectionModel, maxCandidates: number = MAX_CANDIDATES): number[] {
  const N = sel.pushCount;
  const eps = 1e-9;
  const useful: number[] = [];
  for (let j = 0; j < N; j++) {
    const splits = sel.cdf[j]! > eps && sel.cdf[j]! < 1 - eps;
    if (splits && (sel.pushMass[j]! > eps || j === N - 1)) useful.push(j);
  }
  if (useful.length <= maxCandidates) return useful;
  const chosen = new Set<number>();
  for (let k = 1; k <= maxCandidates; k++) {
    const level = k / (maxCandidates + 1);
    let best = useful[0]!;
    let bestDist = Infinity;
    for (const j of useful) {
      const d = Math.abs(sel.cdf[j]! - level);
      if (d < bestDist) {
        bestDist = d;
        best = j;
      }
    }
    chosen.add(best);
  }
  chosen.add(N - 1);
  return [...chosen].sort((x, y) => x - y);
}

export interface ProbeChoice {
  readonly probes: Probe[];
  /** Expected information of the whole round (pending + new), bits. */
  readonly roundInformation: number;
  /** Expected information of the round's first new run, bits: the most one more job can tell now. */
  readonly firstGain: number;
}

/** What a round may add: plain runs, repeat jobs of `repeats` runs each, and a repeat job already chosen. */
export interface ProbeOptions {
  /** Runs per repeat job; 0 = no repeat jobs. */
  readonly repeats?: number;
  /** Every new probe is a repeat job (else plain runs). */
  readonly everyProbeRepeats?: boolean;
  /** Repeat jobs already placed in this round (e.g. confirm-failures on the failing push). */
  readonly fixedRepeatJobs?: readonly number[];
}

/**
 * Greedy batch: starting from the pending runs (and repeat jobs fixed for the round), add up to `slots` runs,
 * each at the push with the largest marginal information. Stop early when a run would bring less than
 * `efficiency` × the first new run's gain, trading a few more rounds for fewer jobs.
 */
export function chooseProbes(
  sel: SelectionModel,
  pending: readonly number[],
  slots: number,
  efficiency: number,
  options: ProbeOptions = {},
): ProbeChoice {
  const repeats = options.repeats ?? 0;
  const asRepeat = repeats > 0 && (options.everyProbeRepeats ?? false);
  let batch: BatchShape = { pushes: [], counts: [], repeatJobs: [] };
  pending.forEach((n, j) => {
    if (n > 0) batch = addToBatch(batch, j, n);
  });
  for (const j of options.fixedRepeatJobs ?? []) batch = addToBatch(batch, j, 1, true);
  let current = batchInformation(sel, batch, repeats);
  const candidates = candidatePushes(sel);
  const added = new Map<number, number>();
  let firstGain: number | null = null;
  for (let slot = 0; slot < slots && candidates.length > 0; slot++) {
    let bestPush = -1;
    let bestInfo = -Infinity;
    for (const j of candidates) {
      const info = batchInformation(sel, addToBatch(batch, j, 1, asRepeat), repeats);
      if (info > bestInfo + 1e-12) {
        bestInfo = info;
        bestPush = j;
      }
    }
    const gain = bestInfo - current;
    if (firstGain === null) firstGain = gain;
    else if (gain < efficiency * firstGain || gain < 1e-9) break;
    batch = addToBatch(batch, bestPush, 1, asRepeat);
    added.set(bestPush, (added.get(bestPush) ?? 0) + 1);
    current = bestInfo;
  }
  const probes = [...added.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([pushIndex, times]): Probe => (asRepeat ? { pushIndex, times, repeats } : { pushIndex, times }));
  return { probes, roundInformation: current, firstGain: firstGain ?? 0 };
}
