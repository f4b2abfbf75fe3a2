import { describe, expect, it } from 'vitest';
import type { Job, Push } from '../../../src/ci';
import { HttpError } from '../../../src/http/errors';
import { loadWasteReport, observedRun, type WasteSources } from '../../../src/waste/load-report';

const T0 = 1_800_000_000;
const pushes: Push[] = [0, 1, 2, 3].map((i) => ({
  id: 10 + i,
  revision: `${'a'.repeat(39)}${i}`,
  author: 'a@b',
  revisions: [],
  revision_count: 1,
  push_timestamp: T0 + i * 3600,
  repository_id: 1,
}));

function job(pushId: number, id: number, extra: Partial<Job> = {}): Job {
  return {
    id,
    push_id: pushId,
    job_type_name: 'test-linux/opt-red',
    job_type_symbol: 'R',
    job_group_name: 'g',
    job_group_symbol: 'G',
    platform: 'linux64',
    platform_option: 'opt',
    result: 'testfailed',
    state: 'completed',
    tier: 2,
    failure_classification_id: 1,
    last_modified: '2027-01-15T08:00:00',
    signature: 's',
    task_id: `task${String(id).padStart(18, '0')}`,
    retry_id: 0,
    duration: 30,
    ...extra,
  };
}

function sources(overrides: Partial<WasteSources> = {}): WasteSources & { batches: number[][] } {
  const batches: number[][] = [];
  return {
    batches,
    latestPushes: async (_repo, count) => pushes.slice(0, count),
    jobsForPushes: async (ids) => {
      batches.push([...ids]);
      return new Map(ids.map((id) => [id, [job(id, id * 10)]]));
    },
    ...overrides,
  };
}

describe('loadWasteReport', () => {
  it('asks for the jobs batch by batch and keeps the report on durations (with a sentence) when Taskcluster fails', async () => {
    const failing = new HttpError({
      kind: 'network',
      method: 'POST',
      url: 'https://tc.example/api/queue/v1/tasks/status',
      source: 'taskcluster',
      what: 'the statuses of 4 tasks',
      tries: 3,
    });
    const src = sources({
      taskStatuses: async () => {
        throw failing;
      },
    });
    const report = await loadWasteReport(
      src,
      { repo: 'autoland', pushes: 4, batchSize: 3, concurrency: 1 },
      { now: () => (T0 + 5 * 86400) * 1000 },
    );
    expect(src.batches).toEqual([[10, 11, 12], [13]]);
    expect(report.rows.map((r) => [r.label, r.reasons, r.machineHours, r.hoursSource])).toEqual([
      ['test-linux/opt-red', ['always-failing'], 2, 'durations'],
    ]);
    expect(report.note).toMatch(/Treeherder durations.*Could not reach tc\.example/);
    expect(report.window).toMatchObject({ pushes: 4, oldest: { pushId: 10 }, newest: { pushId: 13 } });
    expect(report.jobsSeen).toBe(4);
  });

  it('says when Taskcluster knows some runs no more', async () => {
    const report = await loadWasteReport(sources({ taskStatuses: async () => new Map() }), {
      repo: 'autoland',
      pushes: 4,
    });
    expect(report.note).toMatch(/4 of 4 runs had no Taskcluster times/);
  });

  it('stops when aborted and passes errors of the job lists on', async () => {
    const controller = new AbortController();
    const src = sources();
    const aborting = loadWasteReport(
      {
        ...src,
        jobsForPushes: async (ids) => {
          controller.abort();
          return src.jobsForPushes(ids);
        },
      },
      { repo: 'autoland', pushes: 4, batchSize: 1 },
      { signal: controller.signal },
    );
    await expect(aborting).rejects.toThrow();
    await expect(
      loadWasteReport(
        sources({
          jobsForPushes: async () => {
            throw new Error('boom');
          },
        }),
        { repo: 'autoland', pushes: 4 },
      ),
    ).rejects.toThrow('boom');
  });

  it('handles a repository without pushes', async () => {
    const report = await loadWasteReport(sources({ latestPushes: async () => [] }), { repo: 'autoland', pushes: 100 });
    expect(report).toMatchObject({ rows: [], requestedPushes: 100, window: { pushes: 0, oldest: null, newest: null } });
  });

  it('normalises Treeherder times to ISO with Z', () => {
    expect(observedRun(job(10, 1)).lastModified).toBe('2027-01-15T08:00:00.000Z');
  });
});
