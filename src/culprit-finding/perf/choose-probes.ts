import type { Probe } from '../types.js';
import { stepModel, type StepModel } from './posterior.js';
import type { PerfPushObservation, PerfRun } from './types.js';

/**
 * Expected information (bits) of one more run at push j about where the step is. Under hypothesis i a new run at
 * j is normal around the after-mean if i ≤ j, else the before-mean, with the fitted run variance inflated for
 * the uncertainty of that mean; the outcome law is the posterior mixture, integrated on a grid.
 */
export function perfProbeInformation(model: StepModel, j: number): number {
  const comps: { w: number; mu: number; v: number }[] = [];
  model.posterior.forEach((w, i) => {
    if (w < 1e-6) return;
    const after = i <= j;
    const n = after ? model.afterCount[i]! : model.beforeCount[i]!;
    const mu = after ? model.afterMean[i]! : model.beforeMean[i]!;
    const v = model.residualVariance[i]! * (1 + 1 / Math.max(1, n));
    if (Number.isFinite(mu) && v > 0) comps.push({ w, mu, v });
  });
  if (comps.length < 2) return 0;
  const total = comps.reduce((s, c) => s + c.w, 0);
  let lo = Infinity;
  let hi = -Infinity;
  let conditional = 0;
  for (const c of comps) {
    const sd = Math.sqrt(c.v);
    lo = Math.min(lo, c.mu - 6 * sd);
    hi = Math.max(hi, c.mu + 6 * sd);
    conditional += (c.w / total) * 0.5 * Math.log(2 * Math.PI * Math.E * c.v);
  }
  const steps = 240;
  const dy = (hi - lo) / steps;
  let marginal = 0;
  for (let s = 0; s <= steps; s++) {
    const y = lo + s * dy;
    let p = 0;
    for (const c of comps)
      p += ((c.w / total) * Math.exp(-((y - c.mu) ** 2) / (2 * c.v))) / Math.sqrt(2 * Math.PI * c.v);
    if (p > 0) marginal -= p * Math.log(p) * dy * (s === 0 || s === steps ? 0.5 : 1);
  }
  return Math.max(0, (marginal - conditional) / Math.LN2);
}

/**
 * Greedy round: the most informative push, then "believe" its predicted value (add it as a pseudo-run, so a
 * second run there or next to it is worth less) and pick again. Stop at `slots`, or when a run would bring less
 * than `efficiency` × the first run's bits.
 */
export function choosePerfProbes(
  before: readonly PerfRun[],
  observations: readonly PerfPushObservation[],
  slots: number,
  efficiency: number,
): Probe[] {
  const obs = observations.map((o) => ({ runs: [...o.runs], pending: o.pending }));
  const counts = new Map<number, number>();
  let first: number | null = null;
  for (let slot = 0; slot < slots; slot++) {
    const model = stepModel(before, obs);
    let best = -1;
    let bestInfo = -Infinity;
    for (let j = 0; j < obs.length; j++) {
      const info = perfProbeInformation(model, j);
      if (info > bestInfo + 1e-12) {
        bestInfo = info;
        best = j;
      }
    }
    if (best < 0) break;
    if (first === null) first = bestInfo;
    else if (bestInfo < efficiency * first || bestInfo < 1e-6) break;
    counts.set(best, (counts.get(best) ?? 0) + 1);
    // Predicted value at `best`: the posterior mixture mean.
    let predicted = 0;
    model.posterior.forEach((w, i) => {
      const mu = i <= best ? model.afterMean[i]! : model.beforeMean[i]!;
      if (w > 0 && Number.isFinite(mu)) predicted += w * mu;
    });
    obs[best]!.runs.push({ replicates: [predicted] });
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([pushIndex, times]) => ({ pushIndex, times }));
}
