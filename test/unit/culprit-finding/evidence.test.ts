import { describe, expect, it } from 'vitest';
import { estimateBisectionCost, estimateInSlices, weightedQuantile } from '../../../src/culprit-finding/cost.js';
import { runFailureExperiment } from '../../../src/culprit-finding/experiment.js';
import { DEFAULT_Q_GRID } from '../../../src/culprit-finding/model.js';
import { planNextProbes } from '../../../src/culprit-finding/planner.js';
import { posteriorOverPushes } from '../../../src/culprit-finding/posterior.js';
import { repeatJobProbability } from '../../../src/culprit-finding/repeats.js';
import { createRng } from '../../../src/culprit-finding/rng.js';
import { initialObservations } from '../../../src/culprit-finding/simulate.js';
import type { PushObservation } from '../../../src/culprit-finding/types.js';

const priors = { flakeAlpha: 1, flakeBeta: 301, noCulprit: 0.3 };

describe('repeat jobs (several runs of the failing test in one job)', () => {
  it('have a proper outcome law: binomial without correlation, one shared outcome with full correlation', () => {
    for (const rho of [0, 0.3, 1]) {
      let total = 0;
      for (let x = 0; x <= 5; x++) total += repeatJobProbability(x, 5, 0.3, rho);
      expect(total).toBeCloseTo(1, 12);
    }
    expect(repeatJobProbability(2, 5, 0.3, 0)).toBeCloseTo(10 * 0.3 ** 2 * 0.7 ** 3, 12);
    expect(repeatJobProbability(5, 5, 0.3, 1)).toBeCloseTo(0.3, 12);
    expect(repeatJobProbability(2, 5, 0.3, 1)).toBe(0);
    expect(repeatJobProbability(4, 5, 1, 0.5)).toBe(0); // a pass is impossible at q = 1
  });

  it('count as evidence: uncorrelated like separate runs, fully correlated like one run', () => {
    const plain = (runs: number, failures: number): PushObservation[] => [
      { runs: 0, failures: 0, pending: 0 },
      { runs: 0, failures: 0, pending: 0 },
      { runs, failures, pending: 0 },
    ];
    const asRepeatJob: PushObservation[] = [
      { runs: 0, failures: 0, pending: 0 },
      { runs: 0, failures: 0, pending: 0 },
      { runs: 1, failures: 1, pending: 0, repeatJobs: [{ repeats: 5, failures: 5 }] },
    ];
    const separate = posteriorOverPushes(plain(6, 6), priors);
    const independent = posteriorOverPushes(asRepeatJob, { ...priors, repeatCorrelation: 0 });
    const shared = posteriorOverPushes(asRepeatJob, { ...priors, repeatCorrelation: 1 });
    const single = posteriorOverPushes(plain(2, 2), priors);
    independent.pushes.forEach((p, i) => {
      expect(p).toBeCloseTo(separate.pushes[i]!, 9);
    });
    shared.pushes.forEach((p, i) => {
      expect(p).toBeCloseTo(single.pushes[i]!, 9);
    });
    // Five failures at the failing push make "no culprit" on a clean job far less likely than one does.
    expect(independent.noCulprit).toBeLessThan(single.noCulprit / 100);
  });

  it('confirm-failures first: the first round opens with one repeat job on the failing push', () => {
    const input = { observations: initialObservations(20), priors, budget: 60, jobsTriggered: 0, parallel: 4 };
    const step = planNextProbes({ ...input, repeatsPerJob: 5 });
    if (step.kind !== 'probe') throw new Error('expected probes');
    expect(step.probes[0]).toEqual({ pushIndex: 19, times: 1, repeats: 5 });
    expect(step.probes.slice(1).every((p) => p.repeats === undefined)).toBe(true);
    expect(step.probes.reduce((s, p) => s + p.times, 0)).toBe(4);
    const every = planNextProbes({ ...input, repeatsPerJob: 5, repeatMode: 'every-probe' });
    if (every.kind !== 'probe') throw new Error('expected probes');
    expect(every.probes.every((p) => p.repeats === 5)).toBe(true);
  });

  it('make bisections cheaper in jobs and machine time, less so when correlated', () => {
    const spec = { pushes: 20, culprit: 'uniform' as const, f: 0, q: 1, parallel: 1 };
    const none = runFailureExperiment(spec, 'planner', 40, 8).summary;
    const first = runFailureExperiment({ ...spec, repeatsPerJob: 5 }, 'planner', 40, 8).summary;
    const correlated = runFailureExperiment({ ...spec, repeatsPerJob: 5, repeatCorrelation: 0.8 }, 'planner', 40, 8);
    expect(first.accuracy).toBe(1);
    expect(first.meanJobs).toBeLessThan(none.meanJobs - 0.8);
    expect(first.meanMachineMinutes).toBeLessThan(none.meanMachineMinutes);
    expect(correlated.summary.meanJobs).toBeGreaterThan(first.meanJobs);
  });
});

describe('other evidence', () => {
  it('the failing test’s own line: a 1 % test flake rate costs far less than the job’s 10 %', () => {
    const spec = { pushes: 20, culprit: 'uniform' as const, f: 0.1, q: 1, parallel: 1 };
    const job = runFailureExperiment(spec, 'planner', 40, 4).summary;
    const line = runFailureExperiment({ ...spec, testFlakeRate: 0.01 }, 'planner', 40, 4).summary;
    expect(line.accuracy).toBe(1);
    expect(line.meanJobs).toBeLessThan(job.meanJobs - 1.5);
  });

  it('push weights from the files a push touched steer the search when they are right', () => {
    const weights = Array.from({ length: 20 }, (_, i) => (i % 5 === 2 ? 8 : 1));
    const spec = { pushes: 20, culprit: 'uniform' as const, f: 0, q: 1, parallel: 1, culpritWeights: weights };
    // The same planted culprits (drawn from the weights), with and without the weights as the prior.
    const weighted = runFailureExperiment({ ...spec, pushWeights: weights }, 'planner', 60, 6).summary;
    const uniform = runFailureExperiment(spec, 'planner', 60, 6).summary;
    expect(weighted.accuracy).toBe(1);
    expect(weighted.meanJobs).toBeLessThan(uniform.meanJobs - 0.5);
  });

  it('the Firefox prior: P(permanent) = 0.8 over q = 1, the rest over six intermittent rates', () => {
    expect(DEFAULT_Q_GRID[0]).toEqual({ q: 1, weight: 0.8 });
    expect(DEFAULT_Q_GRID.map((p) => p.q)).toEqual([1, 0.7, 0.5, 0.3, 0.2, 0.1, 0.05]);
    expect(DEFAULT_Q_GRID.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
  });
});

describe('the preview (cost estimate)', () => {
  const input = { observations: initialObservations(20), priors, budget: 60, jobsTriggered: 0, parallel: 4 };

  it('reports every family with its share, and the chance of a verdict within the budget', () => {
    const estimate = estimateBisectionCost(input, createRng(3));
    const families = estimate.families!;
    expect(families.map((f) => f.q)).toContain(1);
    expect(families.map((f) => f.q)).toContain(null);
    expect(families.reduce((s, f) => s + f.share, 0)).toBeGreaterThan(0.97);
    expect(families.every((f) => f.draws >= 1)).toBe(true);
    const permanent = families.find((f) => f.q === 1)!;
    expect(permanent.medianJobs).toBeLessThan(estimate.p90Jobs);
    const within = estimate.verdictWithinBudget!;
    expect(within + (estimate.inconclusive ?? 0) + estimate.budgetExhausted).toBeCloseTo(1, 9);
    expect(within).toBeGreaterThan(0.2);
    expect(within).toBeLessThan(1);
  });

  it('works in slices: each slice stops at the time limit and the result equals the one-go estimate', () => {
    let clock = 0;
    const slices = estimateInSlices(input, createRng(5), 24, 10, () => (clock += 1));
    let yields = 0;
    let result = slices.next();
    while (!result.done) {
      yields++;
      result = slices.next();
    }
    expect(yields).toBeGreaterThan(5);
    expect(result.value).toEqual(estimateBisectionCost(input, createRng(5), 24));
  });

  it('weighted quantiles', () => {
    expect(weightedQuantile([5, 1, 3], [1, 1, 1], 0.5)).toBe(3);
    expect(weightedQuantile([5, 1, 3], [0.1, 0.1, 0.8], 0.9)).toBe(3);
    expect(weightedQuantile([5, 1, 3], [0.1, 0.1, 0.8], 0.95)).toBe(5);
  });
});
