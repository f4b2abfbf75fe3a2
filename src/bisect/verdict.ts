import { asymmetricChannelCapacity } from './bounds.js';
import type { BudgetExhaustedVerdict, PosteriorSummary, Verdict } from './types.js';

export const DEFAULT_THRESHOLD = 0.99;

/** The most likely answer: a push index, or null for "no culprit". */
export function bestHypothesis(summary: PosteriorSummary): { pushIndex: number | null; posterior: number } {
  let pushIndex: number | null = null;
  let posterior = summary.noCulprit;
  summary.pushes.forEach((p, i) => {
    if (p > posterior) {
      posterior = p;
      pushIndex = i;
    }
  });
  return { pushIndex, posterior };
}

/** A culprit or no-culprit verdict once one hypothesis reaches the threshold, else null. */
export function confidentVerdict(summary: PosteriorSummary, threshold: number = DEFAULT_THRESHOLD): Verdict | null {
  const best = bestHypothesis(summary);
  if (best.posterior < threshold) return null;
  return best.pushIndex === null
    ? { kind: 'no-culprit', posterior: best.posterior }
    : { kind: 'culprit', pushIndex: best.pushIndex, posterior: best.posterior };
}

/**
 * Rough jobs still needed: bits between the current posterior and a confident one, divided by what one run can
 * reveal at the current rate estimates. It is a floor-like estimate, shown so the user can decide to extend.
 */
export function expectedRemainingJobs(summary: PosteriorSummary, threshold: number = DEFAULT_THRESHOLD): number {
  const probs = [...summary.pushes, summary.noCulprit];
  let entropy = 0;
  for (const p of probs) if (p > 0) entropy -= p * Math.log2(p);
  const others = probs.length - 1;
  const target =
    -threshold * Math.log2(threshold) - (1 - threshold) * Math.log2((1 - threshold) / Math.max(1, others));
  const capacity = asymmetricChannelCapacity(summary.flakeRate, summary.regressionRate);
  if (!(capacity > 0)) return Infinity;
  return Math.max(1, Math.ceil(Math.max(0, entropy - target) / capacity));
}

export function budgetExhaustedVerdict(summary: PosteriorSummary, threshold: number = DEFAULT_THRESHOLD): BudgetExhaustedVerdict {
  return {
    kind: 'budget-exhausted',
    best: bestHypothesis(summary),
    expectedRemainingJobs: expectedRemainingJobs(summary, threshold),
  };
}
