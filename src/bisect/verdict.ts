import { asymmetricChannelCapacity } from './bounds.js';
import type { JointPosterior } from './posterior.js';
import type { BudgetExhaustedVerdict, PosteriorSummary, Verdict } from './types.js';

export const DEFAULT_THRESHOLD = 0.99;

/**
 * How much a verdict must hold up if q were a single grid value instead of the prior mix (ε of an
 * ε-contamination class over q priors). The prior favours permanent failures, which keeps permanent bisections
 * cheap; without this guard an intermittent regression that happened to look permanent for a few runs would
 * be called with 0.99 under the prior but be wrong far more often than 1 % in that family.
 */
export const DEFAULT_Q_ROBUSTNESS = 0.2;

/**
 * "No culprit" ends the search for a regression that may be real (an intermittent one that has not shown up
 * yet), so that verdict must hold up more strongly.
 */
export const NO_CULPRIT_ROBUSTNESS = 0.7;

/**
 * Lower posterior of hypothesis h (push index, or N for "no culprit") over priors
 * (1 − ε)·prior + ε·(point mass at one q): min over q_a of (P(h|D) + c·B_a·P(h|D,q_a)) / (1 + c·B_a),
 * with c = ε/(1 − ε) and B_a = P(D|q_a)/P(D) the Bayes factor of that q against the prior mix.
 */
export function robustPosterior(joint: JointPosterior, h: number, epsilon: number = DEFAULT_Q_ROBUSTNESS): number {
  const { model, pushCount: N } = joint;
  const Q = model.q.length;
  const F = model.f.length;
  let none = 0;
  for (let b = 0; b < F; b++) none += joint.noCulprit[b]!;
  let nominal = 0;
  if (h === N) nominal = none;
  else for (let t = h * Q * F; t < (h + 1) * Q * F; t++) nominal += joint.culprit[t]!;
  if (epsilon <= 0) return nominal;
  const c = epsilon / (1 - epsilon);
  let lowest = nominal;
  for (let a = 0; a < Q; a++) {
    const prior = model.qPrior[a]!;
    if (!(prior > 0)) continue;
    let culpritWithQ = 0;
    let hWithQ = 0;
    for (let i = 0; i < N; i++) {
      for (let b = 0; b < F; b++) {
        const v = joint.culprit[(i * Q + a) * F + b]!;
        culpritWithQ += v;
        if (i === h) hWithQ += v;
      }
    }
    // Under "q = q_a exactly": marginal likelihood and joint of h, both relative to P(D).
    const bayesFactor = culpritWithQ / prior + none;
    const hJoint = h === N ? none : hWithQ / prior;
    const value = (nominal + c * hJoint) / (1 + c * bayesFactor);
    if (value < lowest) lowest = value;
  }
  return lowest;
}

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

/**
 * A culprit or no-culprit verdict once the most likely hypothesis reaches the threshold, both under the prior
 * and robustly over q (see robustPosterior); else null. The reported posterior is the robust one.
 */
export function confidentVerdict(
  joint: JointPosterior,
  summary: PosteriorSummary,
  threshold: number = DEFAULT_THRESHOLD,
  epsilon: number = DEFAULT_Q_ROBUSTNESS,
): Verdict | null {
  const best = bestHypothesis(summary);
  if (best.posterior < threshold) return null;
  const eps = best.pushIndex === null ? Math.max(epsilon, NO_CULPRIT_ROBUSTNESS) : epsilon;
  const robust = robustPosterior(joint, best.pushIndex ?? joint.pushCount, eps);
  if (robust < threshold) return null;
  return best.pushIndex === null
    ? { kind: 'no-culprit', posterior: robust }
    : { kind: 'culprit', pushIndex: best.pushIndex, posterior: robust };
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
