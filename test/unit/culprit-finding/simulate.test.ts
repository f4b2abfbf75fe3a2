import { describe, expect, it } from 'vitest';
import { estimateBisectionCost } from '../../../src/culprit-finding/cost.js';
import { runFailureExperiment } from '../../../src/culprit-finding/experiment.js';
import { planRetriggerUntilFailure } from '../../../src/culprit-finding/retrigger-until-failure.js';
import { createRng } from '../../../src/culprit-finding/rng.js';
import { initialObservations } from '../../../src/culprit-finding/simulate.js';

describe('planner in simulation (truth planted, accuracy against it)', () => {
  it('finds permanent culprits within ⌈log_{k+1} N⌉ + 2 rounds', () => {
    for (const pushes of [5, 20]) {
      const { summary } = runFailureExperiment(
        { pushes, culprit: 'uniform', f: 0, q: 1, parallel: 4 },
        'planner',
        40,
        11,
      );
      expect(summary.accuracy).toBe(1);
      expect(summary.maxRounds).toBeLessThanOrEqual(Math.ceil(Math.log(pushes) / Math.log(5) - 1e-9) + 2);
    }
  });

  it('beats linear backfill by a wide margin on permanent failures with one run per round', () => {
    const ours = runFailureExperiment({ pushes: 39, culprit: 'uniform', f: 0, q: 1, parallel: 1 }, 'planner', 40, 5);
    const linear = runFailureExperiment({ pushes: 39, culprit: 'uniform', f: 0, q: 1, parallel: 1 }, 'linear', 40, 5);
    expect(ours.summary.accuracy).toBe(1);
    expect(ours.summary.meanJobs * 3).toBeLessThan(linear.summary.meanJobs);
  });

  it('is accurate on a flaky test and on a no-culprit flaky range', () => {
    const flaky = runFailureExperiment({ pushes: 9, culprit: 'uniform', f: 0.1, q: 1, parallel: 4 }, 'planner', 60, 2);
    expect(flaky.summary.accuracy).toBeGreaterThanOrEqual(0.98);
    const none = runFailureExperiment({ pushes: 9, culprit: null, f: 0.1, q: 1, parallel: 4 }, 'planner', 60, 3);
    expect(none.summary.accuracy).toBeGreaterThanOrEqual(0.98);
  });

  it('locates an intermittent regression (q = 0.5)', () => {
    const r = runFailureExperiment({ pushes: 5, culprit: 'uniform', f: 0, q: 0.5, parallel: 4 }, 'planner', 40, 4);
    expect(r.summary.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.summary.meanJobs).toBeGreaterThan(r.lowerBound);
  });

  it('is reproducible with a seed', () => {
    const spec = { pushes: 9, culprit: 'uniform' as const, f: 0.05, q: 1, parallel: 2 };
    expect(runFailureExperiment(spec, 'planner', 10, 9)).toEqual(runFailureExperiment(spec, 'planner', 10, 9));
  });
});

describe('estimateBisectionCost', () => {
  const input = {
    observations: initialObservations(9),
    priors: { flakeAlpha: 1, flakeBeta: 301, noCulprit: 0.3 },
    budget: 60,
    jobsTriggered: 0,
    parallel: 4,
  };
  it('returns the same median and p90 for the same seed', () => {
    const a = estimateBisectionCost(input, createRng(42), 30);
    const b = estimateBisectionCost(input, createRng(42), 30);
    expect(a).toEqual(b);
    expect(a.medianJobs).toBeGreaterThanOrEqual(4);
    expect(a.p90Jobs).toBeGreaterThanOrEqual(a.medianJobs);
    expect(a.p90Jobs).toBeLessThanOrEqual(60);
  });
});

describe('planRetriggerUntilFailure', () => {
  it('retriggers in batches of 5 until a failure or the budget', () => {
    expect(planRetriggerUntilFailure({ runs: 0, failures: 0, pending: 0, budget: 12 })).toEqual({
      kind: 'retrigger',
      times: 5,
    });
    expect(planRetriggerUntilFailure({ runs: 5, failures: 0, pending: 5, budget: 12 })).toEqual({
      kind: 'wait',
      pending: 5,
    });
    expect(planRetriggerUntilFailure({ runs: 10, failures: 0, pending: 0, budget: 12 })).toEqual({
      kind: 'retrigger',
      times: 2,
    });
    expect(planRetriggerUntilFailure({ runs: 7, failures: 1, pending: 3, budget: 12 })).toMatchObject({
      kind: 'reproduced',
    });
    const done = planRetriggerUntilFailure({ runs: 12, failures: 0, pending: 0, budget: 12 });
    expect(done.kind).toBe('budget-exhausted');
    if (done.kind === 'budget-exhausted') expect(done.failureRateUpperBound).toBeCloseTo(1 - 0.05 ** (1 / 12), 9);
  });
});
