import { describe, expect, it } from 'vitest';
import { summarizeValues } from '../../../src/culprit-finding/perf/value-summary.js';
import { detectChangePoint } from '../../../src/culprit-finding/perf/detect.js';
import { runPerfExperiment } from '../../../src/culprit-finding/perf/experiment.js';
import { planPerfProbes } from '../../../src/culprit-finding/perf/planner.js';
import { stepPosterior } from '../../../src/culprit-finding/perf/posterior.js';
import {
  mannWhitneyU,
  normalCdf,
  studentTCdf,
  studentTQuantile,
  welchTTest,
} from '../../../src/culprit-finding/perf/tests.js';
import type { PerfPushObservation, PerfRun } from '../../../src/culprit-finding/perf/types.js';

const run = (...replicates: number[]): PerfRun => ({ replicates });
const before = [100.2, 99.8, 100.5, 99.6, 100.1, 99.9, 100.3, 99.7].map((v) => run(v - 0.5, v, v + 0.5));
const empty = (n: number): PerfPushObservation[] => Array.from({ length: n }, () => ({ runs: [], pending: 0 }));

describe('statistics', () => {
  it('normal and Student t distribution functions', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(studentTCdf(2.228, 10)).toBeCloseTo(0.975, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 2);
  });

  it("Welch's t-test reports magnitude and a small p for a clear shift", () => {
    const r = welchTTest([100, 101, 99, 100, 100.5], [105, 106, 104, 105.5])!;
    expect(r.magnitude).toBeCloseTo(5.025 / 100.1, 9);
    expect(r.p).toBeLessThan(0.001);
    expect(welchTTest([1], [2, 3])).toBeNull();
  });

  it('Mann–Whitney U counts pairs and handles ties', () => {
    const r = mannWhitneyU([1, 2, 3], [4, 5, 6])!;
    expect(r.u).toBe(9);
    expect(mannWhitneyU([1, 2, 3], [1, 2, 3])!.p).toBeCloseTo(1, 6);
  });
});

describe('summarizeValues', () => {
  it('gives mean, sd and a t-based 95 % interval', () => {
    const s = summarizeValues([10, 12, 11, 13, 9]);
    expect(s.mean).toBe(11);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 9);
    const half = 2.776 * (Math.sqrt(2.5) / Math.sqrt(5));
    expect(s.ci95[0]).toBeCloseTo(11 - half, 2);
    expect(s.ci95[1]).toBeCloseTo(11 + half, 2);
    expect(() => summarizeValues([])).toThrow(RangeError);
  });
});

describe('perf planner', () => {
  it('puts the step between the last push at the old level and the first at the new one', () => {
    const obs = empty(10);
    obs[3] = { runs: [run(100, 100.4, 99.6)], pending: 0 };
    obs[4] = { runs: [run(105, 105.3, 104.7)], pending: 0 };
    obs[9] = { runs: [run(105.2, 104.9, 105.1)], pending: 0 };
    const p = stepPosterior(before, obs);
    expect(p[4]).toBeGreaterThan(0.99);
  });

  it('first probes split the range, then names the culprit with both tests passing', () => {
    const obs = empty(12);
    obs[11] = { runs: [run(105, 105.4, 104.6)], pending: 0 };
    const first = planPerfProbes({ before, observations: obs, budget: 50, jobsTriggered: 0, parallel: 4 });
    expect(first.kind).toBe('probe');
    if (first.kind === 'probe') for (const p of first.probes) expect(p.pushIndex).toBeLessThan(11);
    obs[5] = { runs: [run(100.1, 99.8, 100.3)], pending: 0 };
    obs[6] = { runs: [run(105.1, 104.8, 105.3), run(104.9, 105.2, 105)], pending: 0 };
    const step = planPerfProbes({ before, observations: obs, budget: 50, jobsTriggered: 4, parallel: 4 });
    expect(step.kind).toBe('verdict');
    if (step.kind === 'verdict' && step.verdict.kind === 'culprit') {
      expect(step.verdict.pushIndex).toBe(6);
      expect(step.verdict.magnitude).toBeGreaterThan(0.04);
      expect(step.verdict.mannWhitney.p).toBeLessThan(0.01);
    } else throw new Error('expected a culprit');
  });

  it('does not re-request pending runs', () => {
    const obs = empty(12);
    obs[11] = { runs: [run(105, 105.4, 104.6)], pending: 0 };
    obs[4] = { runs: [], pending: 2 };
    obs[8] = { runs: [], pending: 2 };
    expect(planPerfProbes({ before, observations: obs, budget: 50, jobsTriggered: 4, parallel: 4 }).kind).toBe('wait');
  });

  it('calls a located step below 2 % "below threshold"', () => {
    const obs = empty(6);
    obs[2] = { runs: [run(100, 100.05, 99.95)], pending: 0 };
    obs[3] = { runs: [run(101, 101.05, 100.95), run(101, 100.98, 101.02)], pending: 0 };
    obs[5] = { runs: [run(101, 101.02, 100.98)], pending: 0 };
    const tight = [100, 100.02, 99.98, 100.01, 99.99, 100].map((v) => run(v - 0.01, v, v + 0.01));
    const step = planPerfProbes({ before: tight, observations: obs, budget: 50, jobsTriggered: 3, parallel: 2 });
    expect(step.kind === 'verdict' && step.verdict.kind).toBe('below-threshold');
  });
});

describe('perf comparison strategies and simulation', () => {
  it('Perfherder-style detection finds a clean step', () => {
    const series = [
      ...Array.from({ length: 12 }, (_, h) => ({ pushIndex: h - 12, value: 100 + (h % 3) * 0.2 })),
      { pushIndex: 2, value: 100.1 },
      { pushIndex: 5, value: 105 },
      { pushIndex: 9, value: 105.2 },
    ];
    expect(detectChangePoint(series)?.pushIndex).toBe(5);
  });

  it('finds a 5 % shift more often and with fewer jobs than Sherlock on the fake-CI-like case', () => {
    const spec = {
      pushes: 20,
      culprit: 'uniform' as const,
      shiftPct: 5,
      noisePct: 3,
      replicatesPerRun: 25,
      parallel: 4,
    };
    const ours = runPerfExperiment(spec, 'planner', 40, 3);
    const sherlock = runPerfExperiment(spec, 'sherlock', 40, 3);
    const full = runPerfExperiment(spec, 'full', 40, 3);
    expect(ours.summary.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(ours.summary.meanJobs).toBeLessThan(sherlock.summary.meanJobs);
    expect(full.summary.meanJobs).toBe(19);
  });
});
