import { describe, expect, it } from 'vitest';
import { classifyWaste, machineHoursOf, runRefsOfRows, windowDaysOf } from '../../../src/waste/classify';
import { addRuns, type Tallies } from '../../../src/waste/tally';
import type { ObservedRun, WindowPush } from '../../../src/waste/types';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 10, 0, 0, 0) / 1000;
/** Ten pushes an hour apart; "now" is 3 days after the first. */
const PUSHES: WindowPush[] = Array.from({ length: 10 }, (_, i) => ({
  pushId: 100 + i,
  revision: `${'a'.repeat(39)}${i}`,
  timestamp: T0 + i * 3600,
}));
const NOW = T0 * 1000 + 72 * HOUR;

let taskCounter = 0;
function run(label: string, pushId: number, result: string, extra: Partial<ObservedRun> = {}): ObservedRun {
  taskCounter++;
  return {
    label,
    platform: 'linux64',
    option: 'opt',
    tier: 1,
    pushId,
    taskId: `task${String(taskCounter).padStart(18, '0')}`,
    runId: 0,
    state: 'completed',
    result,
    durationMinutes: 30,
    lastModified: new Date((T0 + (pushId - 100) * 3600 + 1800) * 1000).toISOString(),
    ...extra,
  };
}
const onPushes = (n: number, make: (pushId: number, i: number) => ObservedRun) =>
  PUSHES.slice(0, n).map((p, i) => make(p.pushId, i));

function classify(runs: ObservedRun[], extra: Partial<Parameters<typeof classifyWaste>[0]> = {}) {
  const tallies: Tallies = addRuns(new Map(), runs);
  return { tallies, ...classifyWaste({ tallies, pushes: PUSHES, nowMs: NOW, ...extra }) };
}
const reasonsOf = (result: ReturnType<typeof classify>, label: string) =>
  result.rows.find((r) => r.label === label)?.reasons ?? [];

describe('classifyWaste', () => {
  it('(a) lists tier-3 jobs on at least half of the pushes, not rarer ones, and never tier-1 ones', () => {
    const result = classify([
      ...onPushes(5, (p) => run('t3-half', p, 'success', { tier: 3 })),
      ...onPushes(4, (p) => run('t3-rare', p, 'success', { tier: 3 })),
      ...onPushes(10, (p) => run('t1-everywhere', p, 'success')),
    ]);
    expect(reasonsOf(result, 't3-half')).toEqual(['hidden']);
    expect(result.rows.map((r) => r.label)).toEqual(['t3-half']);
  });

  it('counts pushes, not runs, for "most pushes" (retriggers on one push do not count)', () => {
    const runs = [0, 1, 2, 3, 4, 5].map(() => run('t3-retriggered', 100, 'success', { tier: 3 }));
    expect(classify(runs).rows).toEqual([]);
  });

  it('uses the tier of the newest run', () => {
    const runs = onPushes(10, (p) => run('moved-to-tier-2', p, 'success', { tier: p < 105 ? 3 : 2 }));
    expect(classify(runs).rows).toEqual([]);
  });

  it('(b) lists jobs failing on every run across at least 3 pushes; one success or too few pushes clears them', () => {
    const result = classify([
      ...onPushes(3, (p) => run('always-red', p, 'testfailed')),
      ...onPushes(6, (p, i) => run('almost-always-red', p, i === 5 ? 'success' : 'busted')),
      ...[0, 1, 2, 3].map(() => run('red-retriggers-on-one-push', 100, 'testfailed')),
      ...onPushes(2, (p) => run('red-twice', p, 'testfailed')),
    ]);
    expect(result.rows.map((r) => r.label)).toEqual(['always-red']);
    const row = result.rows[0]!;
    expect(row).toMatchObject({
      reasons: ['always-failing'],
      runs: 3,
      pushes: 3,
      finishedRuns: 3,
      failedRuns: 3,
      failureRate: 1,
      lastSuccess: null,
    });
  });

  it('an exception run does not count as a success or a failure', () => {
    const runs = [
      ...onPushes(3, (p) => run('red-with-infra', p, 'testfailed')),
      run('red-with-infra', 104, 'exception'),
    ];
    const row = classify(runs).rows[0]!;
    expect(row.reasons).toEqual(['always-failing']);
    expect(row.failureRate).toBe(1);
    expect(row.runs).toBe(4);
  });

  it('(c) lists jobs whose exception and retry runs reach 3 and 20 % of runs', () => {
    const result = classify([
      ...onPushes(10, (p) => run('flaky-infra', p, 'success')),
      ...onPushes(3, (p) => run('flaky-infra', p, 'retry', { runId: 1 })),
      ...onPushes(10, (p) => run('rare-infra', p, 'success')),
      ...onPushes(2, (p) => run('rare-infra', p, 'exception', { runId: 1 })),
    ]);
    expect(reasonsOf(result, 'flaky-infra')).toEqual(['retried']);
    expect(result.rows.find((r) => r.label === 'flaky-infra')?.retriedRuns).toBe(3);
    expect(reasonsOf(result, 'rare-infra')).toEqual([]);
  });

  it('(d) lists jobs that never finish with a result: exceptions, cancels and stale pending runs', () => {
    const result = classify(
      [
        ...onPushes(3, (p) => run('always-exception', p, 'exception')),
        run('stuck', 100, 'unknown', { state: 'pending', durationMinutes: 0 }),
        run('stuck', 101, 'unknown', { state: 'running' }),
        run('stuck', 102, 'usercancel'),
        // Pushes from the last day are not stale yet.
        ...onPushes(3, (p) => run('just-scheduled', p, 'unknown', { state: 'pending' })),
      ],
      { nowMs: PUSHES[9]!.timestamp * 1000 + 25 * HOUR },
    );
    expect(reasonsOf(result, 'always-exception')).toEqual(['retried', 'never-completes']);
    expect(reasonsOf(result, 'stuck')).toEqual(['never-completes']);
    expect(result.rows.find((r) => r.label === 'stuck')?.incompleteRuns).toBe(3);
    expect(reasonsOf(result, 'just-scheduled')).toEqual(['never-completes']);
    const fresh = classify(
      onPushes(3, (p) => run('just-scheduled', p, 'unknown', { state: 'pending' })),
      { nowMs: PUSHES[0]!.timestamp * 1000 + HOUR },
    );
    expect(fresh.rows).toEqual([]);
  });

  it('takes thresholds from the caller', () => {
    const runs = onPushes(2, (p) => run('red-twice', p, 'testfailed'));
    expect(classify(runs, { thresholds: { minRuns: 2 } }).rows.map((r) => r.label)).toEqual(['red-twice']);
  });

  it('keeps the newest success and its revision, and counts job types by label, platform and option', () => {
    const runs = [
      ...onPushes(6, (p, i) => run('t3', p, i % 2 ? 'success' : 'testfailed', { tier: 3 })),
      ...onPushes(6, (p) => run('t3', p, 'testfailed', { tier: 3, option: 'debug' })),
    ];
    const result = classify(runs);
    expect(result.rows).toHaveLength(2);
    const opt = result.rows.find((r) => r.option === 'opt')!;
    expect(opt.lastSuccess).toEqual({ pushId: 105, revision: PUSHES[5]!.revision, at: runs[5]!.lastModified });
    expect(opt.failureRate).toBe(0.5);
    expect(result.rows.find((r) => r.option === 'debug')?.reasons).toEqual(['hidden', 'always-failing']);
    expect(result.counts).toEqual({ hidden: 2, 'always-failing': 1, retried: 0, 'never-completes': 0 });
  });

  it('sorts rows by machine hours, largest first, and reports per day over the push span', () => {
    const result = classify([
      ...onPushes(10, (p) => run('small', p, 'success', { tier: 3, durationMinutes: 6 })),
      ...onPushes(10, (p) => run('big', p, 'success', { tier: 3, durationMinutes: 60 })),
    ]);
    expect(result.rows.map((r) => r.label)).toEqual(['big', 'small']);
    // 9 hours between the first and last push.
    expect(result.windowDays).toBeCloseTo(9 / 24, 10);
    expect(result.rows[0]).toMatchObject({
      machineHours: 10,
      machineHoursPerDay: Math.round((10 / (9 / 24)) * 1000) / 1000,
      hoursSource: 'durations',
    });
  });
});

describe('machine hours', () => {
  it('uses exact run times where known, Treeherder minutes elsewhere, nothing for runs that never started', () => {
    const runs = [
      run('x', 100, 'success', { taskId: 'A'.repeat(22), runId: 0, durationMinutes: 60 }),
      run('x', 101, 'success', { taskId: 'B'.repeat(22), runId: 0, durationMinutes: 60 }),
      run('x', 102, 'unknown', { taskId: 'C'.repeat(22), runId: 0, state: 'pending', durationMinutes: 45 }),
    ];
    const tally = addRuns(new Map(), runs).values().next().value!;
    expect(machineHoursOf(tally, NOW)).toEqual({ hours: 2, source: 'durations' });
    const exact = new Map([[`${'A'.repeat(22)}.0`, { startedMs: 0, resolvedMs: 90 * 60_000 }]]);
    expect(machineHoursOf(tally, NOW, exact)).toEqual({ hours: 2.5, source: 'mixed' });
    const all = new Map([
      [`${'A'.repeat(22)}.0`, { startedMs: 0, resolvedMs: 90 * 60_000 }],
      [`${'B'.repeat(22)}.0`, { startedMs: NOW - HOUR }],
      [`${'C'.repeat(22)}.0`, {}],
    ]);
    expect(machineHoursOf(tally, NOW, all)).toEqual({ hours: 2.5, source: 'task runs' });
  });

  it('counts runs without a task reference by their minutes, and ignores nonsense durations', () => {
    const tally = addRuns(new Map(), [
      { ...run('old', 100, 'success', { durationMinutes: 30 }), taskId: undefined, runId: undefined },
      run('old', 101, 'success', { durationMinutes: Number.NaN }),
      run('old', 102, 'success', { durationMinutes: -5 }),
    ])
      .values()
      .next().value!;
    expect(machineHoursOf(tally, NOW)).toEqual({ hours: 0.5, source: 'durations' });
  });

  it('lists the task runs of the listed rows only', () => {
    const runs = [...onPushes(3, (p) => run('red', p, 'testfailed')), run('green', 100, 'success')];
    const result = classify(runs);
    expect(runRefsOfRows(result.tallies, result.rows)).toEqual(runs.slice(0, 3).map((r) => `${r.taskId}.0`));
  });
});

describe('windowDaysOf', () => {
  it('is at least an hour, also for one push or none', () => {
    expect(windowDaysOf([])).toBeCloseTo(1 / 24, 10);
    expect(windowDaysOf([PUSHES[0]!])).toBeCloseTo(1 / 24, 10);
    expect(windowDaysOf([PUSHES[3]!, PUSHES[0]!, PUSHES[9]!])).toBeCloseTo(9 / 24, 10);
  });
});
