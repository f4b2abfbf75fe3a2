import { describe, expect, it } from 'vitest';
import { flakeRateGrid } from '../../../src/culprit-finding/model.js';
import { jointPosterior, posteriorOverPushes } from '../../../src/culprit-finding/posterior.js';
import type { BisectionPriors, PushObservation } from '../../../src/culprit-finding/types.js';

const empty = (n: number): PushObservation[] => Array.from({ length: n }, () => ({ runs: 0, failures: 0, pending: 0 }));
const withOriginalFailure = (n: number): PushObservation[] => {
  const obs = empty(n);
  obs[n - 1] = { runs: 1, failures: 1, pending: 0 };
  return obs;
};
const priors: BisectionPriors = { flakeAlpha: 1, flakeBeta: 301, noCulprit: 0.3 };
const permanentOnly: BisectionPriors = { ...priors, qGrid: [{ q: 1, weight: 1 }] };

describe('posteriorOverPushes', () => {
  it('starts uniform over pushes with the stated no-culprit share after counting the original failure', () => {
    const p = posteriorOverPushes(withOriginalFailure(10), priors);
    expect(p.noCulprit).toBeCloseTo(0.3, 6);
    for (const v of p.pushes) expect(v).toBeCloseTo(0.07, 6);
    expect(p.pushes.reduce((s, v) => s + v, 0) + p.noCulprit).toBeCloseTo(1, 9);
  });

  it('under q = 1 a pass at push j rules out every culprit i ≤ j', () => {
    const obs = withOriginalFailure(10);
    obs[5] = { runs: 1, failures: 0, pending: 0 };
    const p = posteriorOverPushes(obs, permanentOnly);
    for (let i = 0; i <= 5; i++) expect(p.pushes[i]).toBe(0);
    for (let i = 6; i < 10; i++) expect(p.pushes[i]).toBeGreaterThan(0.1);
  });

  it('with q unknown a pass only lowers the pushes at or before it', () => {
    const before = posteriorOverPushes(withOriginalFailure(10), priors);
    const obs = withOriginalFailure(10);
    obs[5] = { runs: 1, failures: 0, pending: 0 };
    const after = posteriorOverPushes(obs, priors);
    for (let i = 0; i <= 5; i++) expect(after.pushes[i]!).toBeLessThan(before.pushes[i]!);
    for (let i = 6; i < 10; i++) expect(after.pushes[i]!).toBeGreaterThan(before.pushes[i]!);
  });

  it('a failure at push j moves mass to pushes ≤ j and away from "no culprit"', () => {
    const obs = withOriginalFailure(10);
    obs[3] = { runs: 1, failures: 1, pending: 0 };
    const p = posteriorOverPushes(obs, priors);
    const atOrBefore = p.pushes.slice(0, 4).reduce((s, v) => s + v, 0);
    expect(atOrBefore).toBeGreaterThan(0.9);
    expect(p.noCulprit).toBeLessThan(0.01);
  });

  it('repeated passes on the failing push make "no culprit" the answer for a flaky job', () => {
    const obs = withOriginalFailure(5);
    obs[4] = { runs: 13, failures: 1, pending: 0 };
    const p = posteriorOverPushes(obs, { flakeAlpha: 31, flakeBeta: 71, noCulprit: 0.3 });
    expect(p.noCulprit).toBeGreaterThan(0.99);
  });

  it('ignores pending runs: they carry no evidence yet', () => {
    const a = withOriginalFailure(6);
    const b = withOriginalFailure(6);
    b[2] = { runs: 0, failures: 0, pending: 3 };
    expect(posteriorOverPushes(a, priors)).toEqual(posteriorOverPushes(b, priors));
  });

  it('learns the regression rate: passes after failures at the same push lower q', () => {
    const obs = withOriginalFailure(4);
    obs[3] = { runs: 11, failures: 3, pending: 0 };
    const p = posteriorOverPushes(obs, priors);
    expect(p.regressionRate).toBeGreaterThan(0.15);
    expect(p.regressionRate).toBeLessThan(0.5);
  });

  it('rejects inconsistent observations', () => {
    const obs = withOriginalFailure(3);
    obs[0] = { runs: 1, failures: 2, pending: 0 };
    expect(() => jointPosterior(obs, priors)).toThrow(RangeError);
  });
});

describe('flakeRateGrid', () => {
  it('keeps the Beta mean and sums to one', () => {
    const { values, weights } = flakeRateGrid(11, 91);
    let total = 0;
    let meanValue = 0;
    for (let i = 0; i < values.length; i++) {
      total += weights[i]!;
      meanValue += weights[i]! * values[i]!;
    }
    expect(total).toBeCloseTo(1, 9);
    expect(meanValue).toBeCloseTo(11 / 102, 3);
  });
});
