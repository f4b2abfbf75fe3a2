import { asymmetricChannelCapacity } from './bounds.js';
import type { JointPosterior } from './posterior.js';
import type { BudgetExhaustedVerdict, InconclusiveVerdict, PosteriorSummary, Verdict } from './types.js';

export const DEFAULT_THRESHOLD = 0.99;

/**
 * How much a verdict must hold up if q were a single grid value instead of the prior mix (ε of an
 * ε-contamination class over q priors). The prior favours permanent failures, which keeps permanent bisections
 * cheap; without this guard an intermittent regression that happened to look permanent for a few runs would
 * be called with 0.99 under the prior but be wrong far more often than 1 % in that family.
 */
export const DEFAULT_Q_ROBUSTNESS = 0.2;

/*
 * Why these defaults (ε = 0.2, the half-permanent q prior in model.ts, threshold 0.99, no family tolerance):
 * every alternative we simulated moves cost between families instead of removing it. Measured in seeded runs
 * of runFailureExperiment, not with the bench seeds: jobs at N = 20 (200–300 trials; deterministic k = 1,
 * intermittent q = 0.5 k = 4 as jobs ÷ bound) and "errors" = wrong verdicts over 13 high-risk intermittent /
 * flaky / no-culprit cells (9,866 trials):
 *   ε = 0.2 (default)                         35 errors   det 10.5 jobs   q=0.5 2.85×
 *   ε = 0 (plain posterior)                   35 vs 15 errors on a 3,200-trial subset; det 8.9
 *   ε = 0.5                                   8 vs 15 on that subset; det 12.0
 *   P(q = 1) = 0.7 / 0.8 in the prior         49 / 44 errors (1.6 % in intermittent q = 0.1, N = 5); det 9.6 / 9.0
 *   familyTolerance 0.03 / 0.045 / 0.06,
 *   with qRobustness 0 (replacing the ε guard) 20 / 31 / 41 errors; det 10.2 / 9.5 / 9.2, but every
 *                                             intermittent family 5–20 % dearer than with ε = 0.2
 * Most of the deterministic excess over the bound (≈ 4 of ≈ 5.5 extra jobs) remains even with ε = 0: ruling out
 * "the push before is the culprit, intermittent at q = 0.5–0.7" takes several passes there, and the same
 * evidence is what protects the intermittent families. See bench-results/bisect.md.
 */

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

/**
 * Optional stricter verdict rule (PlannerInput.familyTolerance). Worst error share over failure families if
 * hypothesis h (push index, or N for "no culprit") were named now: max over families φ (each grid q with a
 * culprit, and "no culprit") of P(h is wrong, φ | D) / P(φ | original failure). Stopping only when this is ≤ δ bounds the error *within every family* by δ: summed over the
 * (disjoint) data sequences on which the planner stops, Σ_D P(D | φ)·P(wrong | D, φ) = Σ_D P(D)·P(wrong, φ | D)
 * / P(φ) ≤ δ·Σ_D P(D) ≤ δ. A plain posterior threshold only bounds the error averaged over families, so a
 * family with a small prior share (an intermittent q) could carry most of it.
 */
export function familyError(joint: JointPosterior, h: number): number {
  const { model, pushCount: N } = joint;
  const Q = model.q.length;
  const F = model.f.length;
  let worst = 0;
  for (let a = 0; a < Q; a++) {
    const prior = joint.familyPrior[a]!;
    let wrong = 0;
    for (let i = 0; i < N; i++) {
      if (i === h) continue;
      const base = (i * Q + a) * F;
      for (let b = 0; b < F; b++) wrong += joint.culprit[base + b]!;
    }
    if (wrong > 0) worst = Math.max(worst, prior > 0 ? wrong / prior : Infinity);
  }
  if (h !== N) {
    let none = 0;
    for (let b = 0; b < F; b++) none += joint.noCulprit[b]!;
    const prior = joint.familyPrior[Q]!;
    if (none > 0) worst = Math.max(worst, prior > 0 ? none / prior : Infinity);
  }
  return worst;
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
 * and robustly over q (see robustPosterior); else null. The reported posterior is the robust one. With
 * `familyTolerance` set, the verdict also needs familyError ≤ familyTolerance (off by default; see the note on the defaults above).
 */
export function confidentVerdict(
  joint: JointPosterior,
  summary: PosteriorSummary,
  threshold: number = DEFAULT_THRESHOLD,
  epsilon: number = DEFAULT_Q_ROBUSTNESS,
  familyTolerance?: number,
): Verdict | null {
  const best = bestHypothesis(summary);
  if (best.posterior < threshold) return null;
  if (familyTolerance !== undefined && familyError(joint, best.pushIndex ?? joint.pushCount) > familyTolerance)
    return null;
  const eps = best.pushIndex === null ? Math.max(epsilon, NO_CULPRIT_ROBUSTNESS) : epsilon;
  const robust = robustPosterior(joint, best.pushIndex ?? joint.pushCount, eps);
  if (robust < threshold) return null;
  return best.pushIndex === null
    ? { kind: 'no-culprit', posterior: robust }
    : { kind: 'culprit', pushIndex: best.pushIndex, posterior: robust };
}

/** Bits between the current posterior over pushes and "no culprit" and a confident one (entropy above target). */
export function remainingBits(summary: PosteriorSummary, threshold: number = DEFAULT_THRESHOLD): number {
  const probs = [...summary.pushes, summary.noCulprit];
  let entropy = 0;
  for (const p of probs) if (p > 0) entropy -= p * Math.log2(p);
  const others = probs.length - 1;
  const target = -threshold * Math.log2(threshold) - (1 - threshold) * Math.log2((1 - threshold) / Math.max(1, others));
  return Math.max(0, entropy - target);
}

/**
 * Rough jobs still needed: bits between the current posterior and a confident one, divided by what one run can
 * reveal at the current rate estimates. It is a floor-like estimate, shown so the user can decide to extend.
 */
export function expectedRemainingJobs(summary: PosteriorSummary, threshold: number = DEFAULT_THRESHOLD): number {
  const capacity = asymmetricChannelCapacity(summary.flakeRate, summary.regressionRate);
  if (!(capacity > 0)) return Infinity;
  return Math.max(1, Math.ceil(remainingBits(summary, threshold) / capacity));
}

/** Hypotheses most likely first (pushIndex null = "no culprit") until they hold `mass` of the posterior (≤ 5). */
export function leadingHypotheses(
  summary: PosteriorSummary,
  mass = 0.95,
): { pushIndex: number | null; posterior: number }[] {
  const all = [
    ...summary.pushes.map((posterior, pushIndex) => ({ pushIndex: pushIndex as number | null, posterior })),
    { pushIndex: null, posterior: summary.noCulprit },
  ].sort((a, b) => b.posterior - a.posterior);
  const out: { pushIndex: number | null; posterior: number }[] = [];
  let held = 0;
  for (const h of all) {
    if (held >= mass || out.length >= 5) break;
    out.push(h);
    held += h.posterior;
  }
  return out;
}

/**
 * Jobs a verdict would still take if every further job told as much as the best one available now. Information
 * per job only falls as the posterior sharpens, so this is a lower estimate: when even it exceeds the jobs left,
 * spending them is very unlikely to end in a verdict, and the planner says so instead (inconclusiveVerdict).
 */
export function jobsAtCurrentRate(summary: PosteriorSummary, bitsPerJob: number, threshold = DEFAULT_THRESHOLD) {
  const bits = remainingBits(summary, threshold);
  if (bits <= 0) return 0;
  return bitsPerJob > 1e-12 ? Math.ceil(bits / bitsPerJob) : Infinity;
}

export function inconclusiveVerdict(
  summary: PosteriorSummary,
  expectedJobs: number,
  budgetLeft: number,
  threshold = DEFAULT_THRESHOLD,
): InconclusiveVerdict {
  return {
    kind: 'inconclusive',
    candidates: leadingHypotheses(summary, threshold),
    expectedRemainingJobs: expectedJobs,
    budgetLeft,
  };
}

export function budgetExhaustedVerdict(
  summary: PosteriorSummary,
  threshold: number = DEFAULT_THRESHOLD,
): BudgetExhaustedVerdict {
  return {
    kind: 'budget-exhausted',
    best: bestHypothesis(summary),
    expectedRemainingJobs: expectedRemainingJobs(summary, threshold),
  };
}
