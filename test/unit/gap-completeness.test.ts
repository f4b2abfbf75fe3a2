import { describe, expect, it } from 'vitest';
import { backfillDepthsForGap, computeGap, gapBadgeText, gapTooltip, type PushRuns } from '../../src/gap/compute-gap';
import { completenessBadgeText, computeCompleteness } from '../../src/completeness/compute-completeness';

const push = (pushId: number, results: string[] = []): PushRuns => ({
  pushId,
  revision: `${pushId}`.padStart(12, 'a'),
  results,
});

describe('computeGap', () => {
  it('counts unscheduled pushes back to the last run', () => {
    const earlier = [
      push(9),
      push(8),
      push(7),
      push(6),
      push(5),
      push(4),
      push(3),
      push(2, ['success']),
      push(1, ['success']),
    ];
    const gap = computeGap(earlier);
    expect(gap).toEqual({
      gap: 7,
      lastRun: { pushId: 2, revision: push(2).revision, results: ['success'] },
      searched: 8,
      beyondLimit: false,
    });
    expect(gapBadgeText(gap)).toBe('↶7');
    expect(gapTooltip(gap)).toBe(`7 earlier pushes did not run it; last run ${push(2).revision}: success.`);
  });
  it('is 0 when the previous push ran it', () => {
    expect(computeGap([push(9, ['testfailed'])]).gap).toBe(0);
  });
  it('says when the last run is beyond the search limit', () => {
    const earlier = Array.from({ length: 120 }, (_, i) => push(200 - i));
    const gap = computeGap(earlier);
    expect(gap).toMatchObject({ lastRun: null, searched: 100, beyondLimit: true });
    expect(gapBadgeText(gap)).toBe('↶100+');
    expect(gapTooltip(gap)).toMatch(/further back than that/);
  });
  it('splits large gaps into backfills of at most 25', () => {
    expect(backfillDepthsForGap(7)).toEqual([7]);
    expect(backfillDepthsForGap(39)).toEqual([25, 14]);
  });
});

describe('computeCompleteness', () => {
  const runnable = {
    'test-linux/opt-a-1': { symbol: '1', groupSymbol: 'M', platform: 'linux64' },
    'test-linux/opt-a-2': { symbol: '2', groupSymbol: 'M', platform: 'linux64' },
    'test-win/opt-b': { symbol: 'b', platform: 'windows11-64' },
    'build-linux/opt': { symbol: 'B', platform: 'linux64' },
  };
  it('counts scheduled runnable jobs and lists the missing ones by platform', () => {
    const c = computeCompleteness(runnable, ['build-linux/opt', 'test-linux/opt-a-2', 'not-runnable-anymore']);
    expect(c).toMatchObject({ runnable: 4, scheduled: 2, complete: false });
    expect(c.missingByPlatform).toEqual({
      linux64: [{ label: 'test-linux/opt-a-1', symbol: '1', groupSymbol: 'M', platform: 'linux64' }],
      'windows11-64': [{ label: 'test-win/opt-b', symbol: 'b', groupSymbol: undefined, platform: 'windows11-64' }],
    });
    expect(completenessBadgeText({ scheduled: 1204, runnable: 8950 })).toBe('1,204 / 8,950 scheduled');
  });
});
