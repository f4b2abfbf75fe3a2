import { describe, expect, it } from 'vitest';
import { planNextProbes } from '../../../src/culprit-finding/planner.js';
import type { BisectionPriors, PlannerInput, PushObservation } from '../../../src/culprit-finding/types.js';

const priors: BisectionPriors = { flakeAlpha: 1, flakeBeta: 301, noCulprit: 0.3 };
const start = (n: number): PushObservation[] => {
  const obs = Array.from({ length: n }, () => ({ runs: 0, failures: 0, pending: 0 }));
  obs[n - 1] = { runs: 1, failures: 1, pending: 0 };
  return obs;
};
const input = (observations: PushObservation[], extra: Partial<PlannerInput> = {}): PlannerInput => ({
  observations,
  priors,
  budget: 100,
  jobsTriggered: 0,
  parallel: 4,
  ...extra,
});

describe('planNextProbes', () => {
  it('asks for k runs spread over the range on the first round', () => {
    const step = planNextProbes(input(start(20)));
    expect(step.kind).toBe('probe');
    if (step.kind !== 'probe') return;
    expect(step.probes.reduce((s, p) => s + p.times, 0)).toBe(4);
    const pushes = step.probes.map((p) => p.pushIndex);
    expect(new Set(pushes).size).toBeGreaterThanOrEqual(3);
    expect(Math.min(...pushes)).toBeLessThan(10);
    expect(step.posterior.pushes).toHaveLength(20);
  });

  it('gives a culprit verdict once permanent-failure evidence is clear', () => {
    const obs = start(10);
    obs[5] = { runs: 4, failures: 0, pending: 0 };
    obs[6] = { runs: 4, failures: 4, pending: 0 };
    obs[8] = { runs: 2, failures: 2, pending: 0 };
    const step = planNextProbes(input(obs));
    expect(step.kind).toBe('verdict');
    if (step.kind !== 'verdict') return;
    expect(step.verdict).toMatchObject({ kind: 'culprit', pushIndex: 6 });
    if (step.verdict.kind === 'culprit') expect(step.verdict.posterior).toBeGreaterThanOrEqual(0.99);
  });

  it('calls a flaky job "no culprit" when the failing push keeps passing', () => {
    const obs = start(6);
    obs[5] = { runs: 15, failures: 2, pending: 0 };
    const step = planNextProbes(input(obs, { priors: { flakeAlpha: 31, flakeBeta: 71, noCulprit: 0.3 } }));
    expect(step.kind).toBe('verdict');
    if (step.kind === 'verdict') expect(step.verdict.kind).toBe('no-culprit');
  });

  it('never re-requests pending runs: with k runs in flight it waits', () => {
    const obs = start(12);
    obs[3] = { runs: 0, failures: 0, pending: 2 };
    obs[8] = { runs: 0, failures: 0, pending: 2 };
    expect(planNextProbes(input(obs)).kind).toBe('wait');
  });

  it('only tops a partly pending round up to k', () => {
    const fresh = planNextProbes(input(start(12)));
    if (fresh.kind !== 'probe') throw new Error('expected probes');
    const first = fresh.probes[0]!;
    const obs = start(12);
    obs[first.pushIndex] = { runs: 0, failures: 0, pending: 1 };
    const resumed = planNextProbes(input(obs, { jobsTriggered: 1 }));
    expect(resumed.kind).toBe('probe');
    if (resumed.kind !== 'probe') return;
    expect(resumed.probes.reduce((s, p) => s + p.times, 0)).toBe(3);
  });

  it('is deterministic: the same observations give the same plan', () => {
    const obs = start(15);
    obs[4] = { runs: 1, failures: 0, pending: 0 };
    obs[9] = { runs: 2, failures: 1, pending: 0 };
    expect(planNextProbes(input(obs))).toEqual(planNextProbes(input(obs)));
  });

  it('stops with budget-exhausted and the best guess when no job is left', () => {
    const obs = start(8);
    obs[3] = { runs: 1, failures: 0, pending: 0 };
    obs[5] = { runs: 1, failures: 1, pending: 0 };
    const step = planNextProbes(input(obs, { budget: 2, jobsTriggered: 2 }));
    expect(step.kind).toBe('verdict');
    if (step.kind !== 'verdict' || step.verdict.kind !== 'budget-exhausted')
      throw new Error('expected budget-exhausted');
    expect([4, 5]).toContain(step.verdict.best.pushIndex);
    expect(step.verdict.expectedRemainingJobs).toBeGreaterThanOrEqual(1);
  });

  it('shrinks the last batch to the remaining budget', () => {
    const step = planNextProbes(input(start(20), { budget: 10, jobsTriggered: 8 }));
    expect(step.kind).toBe('probe');
    if (step.kind === 'probe') expect(step.probes.reduce((s, p) => s + p.times, 0)).toBe(2);
  });

  it('waits rather than exhausting when the budget is spent but runs are pending', () => {
    const obs = start(8);
    obs[2] = { runs: 0, failures: 0, pending: 2 };
    expect(planNextProbes(input(obs, { budget: 2, jobsTriggered: 2 })).kind).toBe('wait');
  });

  it('retriggers one push several times when the failure is intermittent and the range is narrowed', () => {
    const obs = start(6);
    obs[2] = { runs: 6, failures: 0, pending: 0 };
    obs[3] = { runs: 6, failures: 1, pending: 0 };
    obs[5] = { runs: 8, failures: 2, pending: 0 };
    const step = planNextProbes(input(obs));
    expect(step.kind).toBe('probe');
    if (step.kind === 'probe') expect(Math.max(...step.probes.map((p) => p.times))).toBeGreaterThanOrEqual(2);
  });

  it('rejects bad settings', () => {
    expect(() => planNextProbes(input(start(4), { parallel: 0 }))).toThrow(RangeError);
    expect(() => planNextProbes(input(start(4), { threshold: 1 }))).toThrow(RangeError);
  });

  it('stops inconclusive, saying what is known and what more would cost, when runs hardly tell the answers apart', () => {
    // A simulated no-culprit range at f = 0.1 with a flake prior from only 50 runs (2 of them failed): 434 runs of
    // the failing push fail 9.4 % of the time, which fits "no culprit" and "a culprit with q = 0.1" alike.
    const obs = start(20);
    for (const i of [6, 12, 17]) obs[i] = { runs: 1, failures: 0, pending: 0 };
    obs[19] = { runs: 434, failures: 41, pending: 0 };
    const stuck = input(obs, { priors: { flakeAlpha: 3, flakeBeta: 49, noCulprit: 0.3 }, jobsTriggered: 436 });
    const step = planNextProbes({ ...stuck, budget: 1500 });
    if (step.kind !== 'verdict' || step.verdict.kind !== 'inconclusive') throw new Error('expected inconclusive');
    expect(step.verdict.candidates[0]).toMatchObject({ pushIndex: null });
    expect(step.verdict.candidates.length).toBeGreaterThan(1);
    expect(step.verdict.budgetLeft).toBe(1500 - 436);
    expect(step.verdict.expectedRemainingJobs).toBeGreaterThan(6 * step.verdict.budgetLeft);
    // With enough budget left it goes on, and it can be told never to stop early.
    expect(planNextProbes({ ...stuck, budget: 5000 }).kind).toBe('probe');
    expect(planNextProbes({ ...stuck, budget: 1500, stopWhenHopeless: false }).kind).toBe('probe');
  });

  it('does not call a fresh search inconclusive at the default budget', () => {
    expect(planNextProbes(input(start(20), { budget: 60 })).kind).toBe('probe');
  });
});
