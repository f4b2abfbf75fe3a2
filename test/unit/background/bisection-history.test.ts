import { describe, expect, it } from 'vitest';
import { HISTORY_RUNS, similarJobHistory } from '../../../background/bisection/history';
import type { SimilarJob } from '../../../src/ci/schemas/treeherder';

/** A Treeherder whose similar_jobs holds `total` rows, newest first, 50 a page, and records the offsets asked. */
function similarJobs(total: number, row: (i: number) => Partial<SimilarJob>) {
  const offsets: number[] = [];
  return {
    offsets,
    client: {
      similarJobs: async (_repo: string, _jobId: number, options?: { count?: number; offset?: number }) => {
        const offset = options?.offset ?? 0;
        offsets.push(offset);
        const count = Math.min(options?.count ?? 50, 50);
        return Array.from({ length: Math.max(0, Math.min(count, total - offset)) }, (_, k) => ({
          state: 'completed',
          result: 'success',
          push_id: 10_000 - (offset + k),
          ...row(offset + k),
        })) as SimilarJob[];
      },
    },
  };
}

describe('the flake prior’s history', () => {
  it('pages similar jobs until it holds 300 finished runs', async () => {
    const th = similarJobs(5000, () => ({}));
    const runs = await similarJobHistory(th.client, 'autoland', 1, 20_000);
    expect(HISTORY_RUNS).toBe(300);
    expect(runs).toHaveLength(300);
    expect(th.offsets).toEqual([0, 50, 100, 150, 200, 250]);
  });

  it('leaves out runs inside the range and counts only finished runs towards 300', async () => {
    // The 40 newest rows are in the range (push ≥ 9,960); every 5th row is still running.
    const th = similarJobs(5000, (i) => (i % 5 === 0 ? { state: 'running', result: 'unknown' } : {}));
    const runs = await similarJobHistory(th.client, 'autoland', 1, 9_960);
    expect(runs.every((r) => r.push_id < 9_960)).toBe(true);
    // Whole pages are kept: 8 finished rows outside the range on the first page, then 40 a page, so 9 pages (328).
    expect(runs.filter((r) => r.state === 'completed')).toHaveLength(328);
    expect(th.offsets.length).toBe(9);
  });

  it('stops at the last page Treeherder has, and after twelve pages at most', async () => {
    const short = similarJobs(120, () => ({}));
    expect(await similarJobHistory(short.client, 'autoland', 1, 20_000)).toHaveLength(120);
    expect(short.offsets).toEqual([0, 50, 100]);
    const unfinished = similarJobs(5000, () => ({ state: 'pending', result: 'unknown' }));
    expect(await similarJobHistory(unfinished.client, 'autoland', 1, 20_000)).toHaveLength(600);
    expect(unfinished.offsets).toHaveLength(12);
  });
});
