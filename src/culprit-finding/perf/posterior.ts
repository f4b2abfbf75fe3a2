import { mean } from '../stats.js';
import type { PerfPushObservation, PerfRun } from './types.js';

/** A run is summarized by the mean of its replicates (Perfherder's data point). */
export function runSummary(run: PerfRun): number {
  if (run.replicates.length === 0) throw new RangeError('a perf run without replicates');
  return mean(run.replicates);
}

/**
 * Posterior over where the step is: hypothesis i = "push i is the first with the new mean". Run summaries are
 * normal around the segment mean; both means (flat prior) and the common variance (Jeffreys prior) are
 * integrated out, so run-to-run noise is learned from the data rather than assumed:
 * log P(D | i) = −½ log n_before − ½ log n_after − (n − 2)/2 · log RSS_i.
 */
export function stepPosterior(before: readonly PerfRun[], observations: readonly PerfPushObservation[]): number[] {
  return stepModel(before, observations).posterior;
}

/** Per hypothesis: the fitted before/after means, run counts and residual variance, with the posterior. */
export interface StepModel {
  readonly posterior: number[];
  readonly beforeMean: number[];
  readonly afterMean: number[];
  readonly beforeCount: number[];
  readonly afterCount: number[];
  /** Residual variance of one run summary under the hypothesis. */
  readonly residualVariance: number[];
}

export function stepModel(before: readonly PerfRun[], observations: readonly PerfPushObservation[]): StepModel {
  const N = observations.length;
  if (N === 0) throw new RangeError('at least one suspect push is needed');
  if ((observations[N - 1]?.runs.length ?? 0) === 0) throw new RangeError('the alerted push needs a run');
  let n0 = 0;
  let s0 = 0;
  let q0 = 0;
  for (const run of before) {
    const x = runSummary(run);
    n0++;
    s0 += x;
    q0 += x * x;
  }
  const pushN: number[] = [];
  const pushS: number[] = [];
  const pushQ: number[] = [];
  let nT = n0;
  let sT = s0;
  let qT = q0;
  for (const o of observations) {
    let n = 0;
    let s = 0;
    let q = 0;
    for (const run of o.runs) {
      const x = runSummary(run);
      n++;
      s += x;
      q += x * x;
    }
    pushN.push(n);
    pushS.push(s);
    pushQ.push(q);
    nT += n;
    sT += s;
    qT += q;
  }
  if (nT < 3) throw new RangeError('need at least three runs in total (those before the gap included)');
  const scale = Math.max(1e-12, (qT - (sT * sT) / nT) / nT) * 1e-9; // keeps log RSS finite for noiseless data
  const logPost: number[] = [];
  const beforeMean: number[] = [];
  const afterMean: number[] = [];
  const beforeCount: number[] = [];
  const afterCount: number[] = [];
  const residualVariance: number[] = [];
  let nB = n0;
  let sB = s0;
  let qB = q0;
  let best = -Infinity;
  for (let i = 0; i < N; i++) {
    const nA = nT - nB;
    beforeCount.push(nB);
    afterCount.push(nA);
    beforeMean.push(nB > 0 ? sB / nB : NaN);
    afterMean.push(nA > 0 ? (sT - sB) / nA : NaN);
    if (nB === 0 || nA === 0) {
      logPost.push(-Infinity);
      residualVariance.push(NaN);
    } else {
      const sA = sT - sB;
      const qA = qT - qB;
      const rss = Math.max(0, qB - (sB * sB) / nB) + Math.max(0, qA - (sA * sA) / nA) + scale;
      const lp = -0.5 * Math.log(nB) - 0.5 * Math.log(nA) - ((nT - 2) / 2) * Math.log(rss);
      residualVariance.push(rss / Math.max(1, nT - 2));
      logPost.push(lp);
      if (lp > best) best = lp;
    }
    nB += pushN[i]!;
    sB += pushS[i]!;
    qB += pushQ[i]!;
  }
  const weights = logPost.map((lp) => (lp === -Infinity ? 0 : Math.exp(lp - best)));
  const total = weights.reduce((a, b) => a + b, 0);
  return { posterior: weights.map((w) => w / total), beforeMean, afterMean, beforeCount, afterCount, residualVariance };
}
