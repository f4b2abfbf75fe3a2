import { describe, expect, it } from 'vitest';
import { planNextProbes } from '../../../src/culprit-finding/planner.js';
import { jointPosterior, summarizePosterior } from '../../../src/culprit-finding/posterior.js';
import { bestHypothesis, familyError } from '../../../src/culprit-finding/verdict.js';
import type { BisectionPriors, PushObservation } from '../../../src/culprit-finding/types.js';

const priors: BisectionPriors = { flakeAlpha: 1, flakeBeta: 301, noCulprit: 0.3 };
const start = (n: number): PushObservation[] => {
  const obs = Array.from({ length: n }, () => ({ runs: 0, failures: 0, pending: 0 }));
  obs[n - 1] = { runs: 1, failures: 1, pending: 0 };
  return obs;
};
/** Permanent-looking evidence: push 5 passed 4 times, pushes 6 and 8 always failed. */
const permanentLooking = (): PushObservation[] => {
  const obs = start(10);
  obs[5] = { runs: 4, failures: 0, pending: 0 };
  obs[6] = { runs: 4, failures: 4, pending: 0 };
  obs[8] = { runs: 2, failures: 2, pending: 0 };
  return obs;
};

describe('familyError', () => {
  it('family shares after the original failure sum to 1 and keep the stated no-culprit share', () => {
    const joint = jointPosterior(start(8), priors);
    const Q = joint.model.q.length;
    expect(joint.familyPrior.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(joint.familyPrior[Q]).toBeCloseTo(0.3, 12);
    // Before any triggered run the family shares are the posterior's q shares.
    const F = joint.model.f.length;
    for (let a = 0; a < Q; a++) {
      let mass = 0;
      for (let i = 0; i < 8; i++) for (let b = 0; b < F; b++) mass += joint.culprit[(i * Q + a) * F + b]!;
      expect(mass).toBeCloseTo(joint.familyPrior[a]!, 10);
    }
  });

  it('is never below the plain error share 1 − P(h)', () => {
    const obs = permanentLooking();
    const joint = jointPosterior(obs, priors);
    const best = bestHypothesis(summarizePosterior(joint));
    expect(best.pushIndex).toBe(6);
    expect(familyError(joint, 6)).toBeGreaterThanOrEqual(1 - best.posterior - 1e-12);
    // Naming a push that the evidence rules out is maximally wrong in the permanent family.
    expect(familyError(joint, 2)).toBeGreaterThan(1);
  });

  it('holds a verdict back when familyTolerance is tighter than the evidence, and allows it otherwise', () => {
    const obs = permanentLooking();
    const base = { observations: obs, priors, budget: 100, jobsTriggered: 0, parallel: 4 };
    expect(planNextProbes(base)).toMatchObject({ kind: 'verdict', verdict: { kind: 'culprit', pushIndex: 6 } });
    const err = familyError(jointPosterior(obs, priors), 6);
    expect(planNextProbes({ ...base, familyTolerance: err * 0.9 }).kind).toBe('probe');
    expect(planNextProbes({ ...base, familyTolerance: Math.min(0.99, err * 1.1) })).toMatchObject({
      kind: 'verdict',
      verdict: { kind: 'culprit', pushIndex: 6 },
    });
  });

  it('rejects a tolerance outside (0, 1)', () => {
    const base = { observations: start(5), priors, budget: 100, jobsTriggered: 0, parallel: 4 };
    expect(() => planNextProbes({ ...base, familyTolerance: 0 })).toThrow(RangeError);
    expect(() => planNextProbes({ ...base, familyTolerance: 1 })).toThrow(RangeError);
  });
});
