import { describe, expect, it } from 'vitest';
import { startingEvidence } from '../../../src/culprit-finding/evidence.js';
import { runFailureExperiment } from '../../../src/culprit-finding/experiment.js';
import { posteriorOverPushes } from '../../../src/culprit-finding/posterior.js';
import { createRng } from '../../../src/culprit-finding/rng.js';
import { bisectionRange, RANGE_EVIDENCE_PASSES } from '../../../src/gap/bisection-range.js';
import type { PushRuns } from '../../../src/gap/compute-gap.js';

/** Earlier pushes newest first; `ran` maps "pushes back" (1 = the push before the failing one) to its results. */
function history(length: number, ran: Record<number, string[]>): PushRuns[] {
  return Array.from({ length }, (_, i) => ({ pushId: 1000 - i - 1, revision: '', results: ran[i + 1] ?? [] }));
}

describe('the bisection range over earlier runs', () => {
  it('reaches back over passing runs until it holds five of them, not to the nearest run', () => {
    const range = bisectionRange(
      history(60, {
        4: ['success'],
        8: ['success'],
        12: ['success'],
        16: ['success'],
        20: ['success'],
        24: ['success'],
      }),
    );
    expect(RANGE_EVIDENCE_PASSES).toBe(5);
    expect(range).toEqual({ earlierPushes: 20, passes: 5, failures: 0, pushesWithRuns: 5, short: false });
  });

  it('on a dense schedule covers the five pushes before the failure', () => {
    const ran = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [i + 1, ['success']]));
    expect(bisectionRange(history(30, ran)).earlierPushes).toBe(5);
  });

  it('counts retriggers on one push as several passes, and extends past failures and unfinished runs', () => {
    const range = bisectionRange(
      history(40, {
        2: ['testfailed', 'success'],
        5: ['running'],
        9: ['success', 'success', 'exception'],
        14: ['success', 'success'],
      }),
    );
    expect(range).toEqual({ earlierPushes: 14, passes: 5, failures: 1, pushesWithRuns: 4, short: false });
  });

  it('stops at the limit or the end of the history, and says so', () => {
    expect(bisectionRange(history(200, { 3: ['success'] }))).toMatchObject({
      earlierPushes: 100,
      passes: 1,
      short: true,
    });
    expect(bisectionRange(history(200, { 3: ['success'] }), { maxPushes: 30 }).earlierPushes).toBe(30);
    expect(bisectionRange(history(7, {}))).toMatchObject({ earlierPushes: 7, passes: 0, short: true });
  });
});

describe('existing runs in the simulator', () => {
  it('derives the sparse range the way the runtime does, with the earlier runs as observations', () => {
    // Every 4th push ran; the culprit (push 2 of 20) is older than four of the five runs, which all passed at f = 0.
    const start = startingEvidence({ pushes: 20, sparseEvery: 4 }, { culprit: 2, f: 0, q: 0.0001 }, createRng(1));
    expect(start.observations).toHaveLength(21); // truth pushes −1 … 19: back to the fifth pass, at push −1
    expect(start.truth.culprit).toBe(3);
    const ran = start.observations.flatMap((o, i) => (o.runs > 0 ? [i] : []));
    expect(ran).toEqual([0, 4, 8, 12, 16, 20]);
    expect(start.observations.slice(0, 20).every((o) => o.failures === 0)).toBe(true);
    expect(start.observations[20]).toEqual({ runs: 1, failures: 1, pending: 0 });
  });

  it('the old rule (range ends at the nearest run, taken as good) leaves older culprits outside the range', () => {
    const start = startingEvidence(
      { pushes: 20, sparseEvery: 4, rangeRule: 'nearest-run' },
      { culprit: 2, f: 0, q: 0.5 },
      createRng(1),
    );
    expect(start.observations).toHaveLength(4);
    expect(start.truth.culprit).toBeLessThan(0);
  });

  it('an earlier pass is evidence with the probes’ likelihood, never proof', () => {
    const observations = [
      { runs: 0, failures: 0, pending: 0 },
      { runs: 1, failures: 0, pending: 0 },
      { runs: 1, failures: 1, pending: 0 },
    ];
    const priors = { flakeAlpha: 1, flakeBeta: 300, noCulprit: 0.1 };
    const p = posteriorOverPushes(observations, priors);
    // A permanent culprit at push 0 or 1 is ruled out by the pass; an intermittent one keeps mass.
    expect(p.pushes[0]).toBeGreaterThan(0.02);
    expect(p.pushes[1]).toBeGreaterThan(0.02);
    const permanent = posteriorOverPushes(observations, { ...priors, qGrid: [{ q: 1, weight: 1 }] });
    expect(permanent.pushes[0]).toBeLessThan(1e-9);
    expect(permanent.pushes[1]).toBeLessThan(1e-9);
  });

  it('finds intermittent culprits on a sparse schedule, which the old rule mostly misses', () => {
    const spec = { pushes: 20, culprit: 'uniform' as const, f: 0, q: 0.5, parallel: 4, sparseEvery: 4 };
    const ours = runFailureExperiment(spec, 'planner', 30, 3);
    const old = runFailureExperiment({ ...spec, rangeRule: 'nearest-run' }, 'planner', 30, 3);
    expect(ours.summary.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(old.summary.accuracy).toBeLessThan(0.5);
  });

  it('existing runs in the range make a permanent bisection cheaper', () => {
    const spec = { pushes: 20, culprit: 'uniform' as const, f: 0, q: 1, parallel: 1 };
    const none = runFailureExperiment(spec, 'planner', 40, 5);
    const half = runFailureExperiment({ ...spec, coverage: 0.5 }, 'planner', 40, 5);
    expect(half.summary.accuracy).toBe(1);
    expect(half.summary.meanJobs).toBeLessThan(none.summary.meanJobs - 3);
  });
});
