import { describe, expect, it } from 'vitest';
import { JOB_PROPERTY_NAMES } from '../../fake-ci/treeherder/job-view';
import { createTreeherderClient, decisionTaskFromJobs } from '../../../src/ci/treeherder';
import { formatTreeherderTime, parseTreeherderTime } from '../../../src/ci/treeherder-time';
import { createTestHttp, jsonResponse, routes } from '../http/fake-fetch';
import { OTHER_TASK_ID, REV_A, REV_B, TASK_ID } from './fixtures';

const TH = 'https://th.example';
/** mozilla/treeherder `treeherder/webapp/api/jobs.py` column order, as the fake CI serves it. */
const CURRENT_COLUMNS: readonly string[] = JOB_PROPERTY_NAMES;

function row(id: number, overrides: Partial<Record<string, unknown>> = {}): unknown[] {
  const job: Record<string, unknown> = {
    failure_classification_id: 1,
    id,
    job_group_name: 'Mochitests',
    job_group_symbol: 'M',
    job_type_name: `test-linux1804-64-qr/debug-mochitest-plain-${id}`,
    job_type_symbol: String(id),
    last_modified: '2026-11-01T10:00:00.123456',
    platform: 'linux1804-64-qr',
    push_id: 100,
    push_revision: REV_A,
    result: 'success',
    signature: 'abc',
    state: 'completed',
    tier: 1,
    task_id: OTHER_TASK_ID,
    retry_id: 0,
    duration: 12,
    platform_option: 'debug',
    ...overrides,
  };
  return CURRENT_COLUMNS.map((name) => job[name]);
}

function page(rows: unknown[][], next: string | null, columns = CURRENT_COLUMNS) {
  return { count: rows.length, next, previous: null, results: rows, job_property_names: columns };
}

function client(handler: Parameters<typeof createTestHttp>[0]) {
  const t = createTestHttp(handler);
  return { ...t, treeherder: createTreeherderClient({ http: t.http, urls: { treeherderUrl: `${TH}/` } }) };
}

describe('Treeherder client', () => {
  it('loads every page of a push’s jobs, staying on our host whatever `next` says', async () => {
    const c = client((request) => {
      const pageNumber = new URL(request.url).searchParams.get('page');
      if (!pageNumber)
        return jsonResponse(page([row(1), row(2)], 'https://elsewhere.example/api/jobs/?push_id=100&page=2'));
      if (pageNumber === '2') return jsonResponse(page([row(3)], '/jobs/?push_id=100&page=3'));
      return jsonResponse(page([row(4)], null));
    });
    const jobs = await c.treeherder.jobsForPush(100);
    expect(jobs.map((job) => job.id)).toEqual([1, 2, 3, 4]);
    expect(c.fake.urls()).toEqual([
      `${TH}/api/jobs/?push_id=100&count=2000`,
      `${TH}/api/jobs/?push_id=100&count=2000&page=2`,
      `${TH}/api/jobs/?push_id=100&count=2000&page=3`,
    ]);
    expect(jobs[0]).toMatchObject({ task_id: OTHER_TASK_ID, retry_id: 0, result: 'success', platform_option: 'debug' });
  });

  it('decodes rows by each page’s own job_property_names', async () => {
    const reversed = [...CURRENT_COLUMNS].reverse();
    const c = client(() => jsonResponse(page([row(7).reverse()], null, reversed)));
    const [job] = await c.treeherder.jobsForPush(100);
    expect(job).toMatchObject({ id: 7, job_type_symbol: '7', tier: 1, state: 'completed' });
  });

  it('loads several pushes’ jobs in one paged push_id__in query, grouped by push', async () => {
    const c = client((request) =>
      new URL(request.url).searchParams.get('page') === '2'
        ? jsonResponse(page([row(3, { push_id: 101 })], null))
        : jsonResponse(page([row(1, { push_id: 100 }), row(2, { push_id: 101 })], `${TH}/api/jobs/?page=2`)),
    );
    const byPush = await c.treeherder.jobsForPushes([100, 101, 102]);
    expect([...byPush].map(([pushId, jobs]) => [pushId, jobs.map((job) => job.id)])).toEqual([
      [100, [1]],
      [101, [2, 3]],
      [102, []],
    ]);
    expect(new URL(c.fake.urls()[0]!).searchParams.get('push_id__in')).toBe('100,101,102');
    expect(c.fake.requests).toHaveLength(2);
  });

  it('caches the job list of a finished push only when asked', async () => {
    const c = client(() => jsonResponse(page([row(1)], null)));
    await c.treeherder.jobsForPush(100, { cacheTtlMs: 60_000 });
    await c.treeherder.jobsForPush(100, { cacheTtlMs: 60_000 });
    await c.treeherder.jobsForPush(100);
    expect(c.fake.requests).toHaveLength(2);
  });

  it('stops paging after maxPages', async () => {
    const t = createTestHttp(() => jsonResponse(page([row(1)], `${TH}/api/jobs/?page=2`)));
    const treeherder = createTreeherderClient({ http: t.http, urls: { treeherderUrl: TH }, maxPages: 3 });
    await expect(treeherder.jobsForPush(1)).rejects.toThrow(/after 3 pages/);
  });

  it('asks for jobs changed since a time with push_id__in and last_modified__gt', async () => {
    const c = client(() => jsonResponse(page([row(9, { state: 'running', result: 'unknown' })], null)));
    const jobs = await c.treeherder.jobsChangedSince([100, 101], new Date(Date.UTC(2026, 10, 1, 10, 0, 0)));
    expect(jobs[0]).toMatchObject({ id: 9, state: 'running' });
    const url = new URL(c.fake.urls()[0]!);
    expect(url.searchParams.get('push_id__in')).toBe('100,101');
    expect(url.searchParams.get('last_modified__gt')).toBe('2026-11-01T10:00:00.000');
    expect(await c.treeherder.jobsChangedSince([], '2026-01-01T00:00:00')).toEqual([]);
  });

  it('finds one label’s runs on earlier pushes, and the job of a task run', async () => {
    const c = client((request) => {
      const url = new URL(request.url);
      if (url.searchParams.get('task_id') === 'nothing00000000000000A') return jsonResponse(page([], null));
      return jsonResponse(page([row(5)], null));
    });
    await c.treeherder.findJobs({
      pushIds: [98, 99],
      jobTypeName: 'test-linux1804-64-qr/debug-mochitest-plain-3',
      tiers: [1, 2],
    });
    expect((await c.treeherder.jobForTaskRun(OTHER_TASK_ID, 0))?.id).toBe(5);
    expect(await c.treeherder.jobForTaskRun('nothing00000000000000A', 0)).toBeNull();
    expect(await c.treeherder.findJobs({ pushIds: [] })).toEqual([]);
    const [labelQuery, taskQuery] = c.fake.urls().map((u) => Object.fromEntries(new URL(u).searchParams));
    expect(labelQuery).toEqual({
      push_id__in: '98,99',
      job_type_name: 'test-linux1804-64-qr/debug-mochitest-plain-3',
      tier__in: '1,2',
      count: '2000',
    });
    expect(taskQuery).toEqual({ task_id: OTHER_TASK_ID, retry_id: '0', count: '2000' });
  });

  it('finds pushes by tip revision, by any commit, by id and by range', async () => {
    const push = {
      id: 100,
      revision: REV_A,
      author: 'a@example.com',
      revision_count: 1,
      push_timestamp: 1740767261,
      repository_id: 77,
      revisions: [{ revision: REV_A, author: 'A <a@example.com>', comments: 'Bug 1 - x' }],
    };
    const c = client(
      routes({
        'push/100/': () => jsonResponse(push),
        [`revision=${REV_B}`]: () => jsonResponse({ meta: { count: 0 }, results: [] }),
        'push/': () => jsonResponse({ meta: { count: 1 }, results: [push] }),
      }),
    );
    expect((await c.treeherder.pushByRevision('autoland', REV_A))?.id).toBe(100);
    expect(await c.treeherder.pushByRevision('autoland', REV_B)).toBeNull();
    expect((await c.treeherder.pushContainingRevision('autoland', REV_A))?.id).toBe(100);
    expect((await c.treeherder.pushById('autoland', 100)).revision).toBe(REV_A);
    await c.treeherder.pushesInRange('autoland', { fromRevision: REV_B, toRevision: REV_A });
    await c.treeherder.latestPushes('autoland', 10);
    await c.treeherder.pushesBefore('autoland', 100, 30);
    expect(c.fake.urls()).toEqual([
      `${TH}/api/project/autoland/push/?revision=${REV_A}&count=1`,
      `${TH}/api/project/autoland/push/?revision=${REV_B}&count=1`,
      `${TH}/api/project/autoland/push/?commit_revision=${REV_A}&count=1`,
      `${TH}/api/project/autoland/push/100/`,
      `${TH}/api/project/autoland/push/?fromchange=${REV_B}&tochange=${REV_A}&count=1000`,
      `${TH}/api/project/autoland/push/?count=10`,
      `${TH}/api/project/autoland/push/?id__lt=100&count=30`,
    ]);
  });

  it('finds the decision task in the job list, else through /push/decisiontask/, else null', async () => {
    const decisionRow = row(1, {
      job_type_name: 'Gecko Decision Task',
      job_type_symbol: 'D',
      task_id: TASK_ID,
      retry_id: 1,
    });
    const c = client(
      routes({
        'push_ids=100': () => jsonResponse({ '100': { id: TASK_ID, run: '0' } }),
        'push_ids=101': () => jsonResponse({ detail: 'No decision task' }, 404),
        '/api/jobs/': () => jsonResponse(page([row(2), decisionRow], null)),
      }),
    );
    const jobs = await c.treeherder.jobsForPush(100);
    expect(decisionTaskFromJobs(jobs)).toEqual({ taskId: TASK_ID, runId: 1 });
    expect(await c.treeherder.decisionTask('autoland', 100, jobs)).toEqual({ taskId: TASK_ID, runId: 1 });
    expect(c.fake.requests).toHaveLength(1);

    expect(await c.treeherder.decisionTask('autoland', 100, [])).toEqual({ taskId: TASK_ID, runId: 0 });
    expect(await c.treeherder.decisionTask('autoland', 101)).toBeNull();
    expect(c.fake.urls()[1]).toBe(`${TH}/api/project/autoland/push/decisiontask/?push_ids=100`);
  });

  it('ignores a decision task that has not succeeded', () => {
    const running = [
      { job_type_name: 'Gecko Decision Task', job_type_symbol: 'D', result: 'unknown', task_id: TASK_ID },
    ];
    expect(decisionTaskFromJobs(running as never)).toBeNull();
  });

  it('loads job detail, logs, bug suggestions and similar jobs from project URLs', async () => {
    const c = client(
      routes({
        similar_jobs: () => jsonResponse({ meta: {}, results: [] }),
        bug_suggestions: () => jsonResponse([]),
        'job-log-url': () =>
          jsonResponse([
            { id: 1, job_id: 5, name: 'live_backing_log', url: 'https://tc.example/log', parse_status: 'parsed' },
          ]),
      }),
    );
    expect(await c.treeherder.similarJobs('try', 5, { count: 500, nosuccess: true })).toEqual([]);
    expect(await c.treeherder.bugSuggestions('try', 5)).toEqual([]);
    expect((await c.treeherder.jobLogUrls('try', 5))[0]!.name).toBe('live_backing_log');
    await expect(c.treeherder.jobDetail('try', 5)).rejects.toMatchObject({
      status: 404,
      userMessage: expect.stringMatching(/could not find try job 5/),
    });
    expect(c.fake.urls()).toEqual([
      `${TH}/api/project/try/jobs/5/similar_jobs/?count=50&nosuccess=true`,
      `${TH}/api/project/try/jobs/5/bug_suggestions/`,
      `${TH}/api/project/try/job-log-url/?job_id=5`,
      `${TH}/api/project/try/jobs/5/`,
    ]);
  });

  it('converts Treeherder times (UTC without Z)', () => {
    expect(parseTreeherderTime('2019-08-05T20:19:51.818175').toISOString()).toBe('2019-08-05T20:19:51.818Z');
    expect(formatTreeherderTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02T03:04:05.000');
  });
});
