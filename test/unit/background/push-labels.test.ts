import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createPushLabelStore } from '../../../background/services/push-labels';
import type { Job } from '../../../src/ci';

const job = (label: string, lastModified: string, extra: Partial<Job> = {}): Job =>
  ({ job_type_name: label, last_modified: lastModified, job_type_symbol: 'X', result: 'success', ...extra }) as Job;

const DECISION = job('Gecko Decision Task', '2026-11-20T12:00:05.000000', {
  job_type_symbol: 'D',
  task_id: 'Fe4GqwoZQSStNUbe4EeSPQ',
  retry_id: 0,
});

let dbs = 0;
const fresh = () => `push-labels-test-${++dbs}`;

describe('push labels (IndexedDB)', () => {
  it('learns a push from its full job list once, and afterwards asks only for jobs changed since the newest seen', async () => {
    const name = fresh();
    const treeherder = {
      jobsForPush: vi.fn(async () => [
        DECISION,
        job('test-a', '2026-11-20T12:30:00.000000'),
        job('test-b', '2026-11-20T12:40:00.000000'),
      ]),
      findJobs: vi.fn(async () => [job('test-c', '2026-11-20T13:00:00.000000'), job('test-a', '2026-11-20T13:01:00')]),
    };
    const first = createPushLabelStore({ name });
    const learned = await first.labelsOf(treeherder, 'th|autoland|7', 7);
    expect(learned.labels.sort()).toEqual(['Gecko Decision Task', 'test-a', 'test-b']);
    expect(learned.decision).toEqual({ taskId: 'Fe4GqwoZQSStNUbe4EeSPQ', runId: 0 });
    await first.close();

    const restarted = createPushLabelStore({ name });
    const later = await restarted.labelsOf(treeherder, 'th|autoland|7', 7);
    expect(treeherder.jobsForPush).toHaveBeenCalledTimes(1);
    expect(treeherder.findJobs).toHaveBeenCalledWith({ pushIds: [7], lastModifiedAfter: '2026-11-20T12:39:57.000' });
    expect(later.labels.sort()).toEqual(['Gecko Decision Task', 'test-a', 'test-b', 'test-c']);
    expect(later.newestModified).toBe('2026-11-20T13:01:00');
    expect(later.decision).toEqual({ taskId: 'Fe4GqwoZQSStNUbe4EeSPQ', runId: 0 });
    await restarted.close();
  });

  it('finds the decision task in a later delta when it had not finished at first', async () => {
    const treeherder = {
      jobsForPush: vi.fn(async () => [job('test-a', '2026-11-20T12:30:00')]),
      findJobs: vi.fn(async () => [DECISION]),
    };
    const store = createPushLabelStore({ name: fresh() });
    expect((await store.labelsOf(treeherder, 'k', 1)).decision).toBeNull();
    expect((await store.labelsOf(treeherder, 'k', 1)).decision).toEqual({ taskId: 'Fe4GqwoZQSStNUbe4EeSPQ', runId: 0 });
    await store.close();
  });

  it('keeps at most its cap of pushes, dropping the least recently used', async () => {
    let clock = 0;
    const treeherder = {
      jobsForPush: vi.fn(async () => [job('test-a', '2026-11-20T12:30:00')]),
      findJobs: vi.fn(async () => []),
    };
    const store = createPushLabelStore({ name: fresh(), maxPushes: 2, now: () => ++clock });
    await store.labelsOf(treeherder, 'p1', 1);
    await store.labelsOf(treeherder, 'p2', 2);
    await store.labelsOf(treeherder, 'p1', 1); // p1 used again: p2 is the oldest now
    await store.labelsOf(treeherder, 'p3', 3);
    expect(treeherder.jobsForPush).toHaveBeenCalledTimes(3);
    await store.labelsOf(treeherder, 'p1', 1);
    await store.labelsOf(treeherder, 'p3', 3);
    expect(treeherder.jobsForPush).toHaveBeenCalledTimes(3);
    await store.labelsOf(treeherder, 'p2', 2); // evicted: learned again from the full list
    expect(treeherder.jobsForPush).toHaveBeenCalledTimes(4);
    await store.close();
  });
});
