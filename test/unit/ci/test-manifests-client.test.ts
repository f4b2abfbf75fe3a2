import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTaskclusterClient } from '../../../src/ci/taskcluster';
import { createTreeherderClient } from '../../../src/ci/treeherder';
import { SchemaDriftError } from '../../../src/ci/drift';
import { createTestHttp, jsonResponse, routes } from '../http/fake-fetch';
import { TASK_ID } from './fixtures';

const ROOT = 'https://tc.example';
const TH = 'https://th.example';
const manifests = { 'test-linux1804-64-qr/debug-mochitest-plain-2': ['dom/events/test/mochitest.toml'] };
const tests = { 'dom/events/test/mochitest.toml': ['test_pointer_capture.html'] };

/** A gzip file as Taskcluster serves a `.json.gz` artifact: the compressed bytes, no Content-Encoding. */
const gzipFile = (body: unknown) =>
  new Response(gzipSync(Buffer.from(JSON.stringify(body))), { headers: { 'content-type': 'application/gzip' } });

describe('decision-task test-manifest maps (gzip artifacts)', () => {
  it('decompresses and validates both, and caches them (written once)', async () => {
    const t = createTestHttp(
      routes({
        'manifests-by-task.json.gz': () => gzipFile(manifests),
        'tests-by-manifest.json.gz': () => gzipFile(tests),
      }),
    );
    const taskcluster = createTaskclusterClient({ http: t.http, urls: { taskclusterRootUrl: ROOT } });
    expect(await taskcluster.manifestsByTask(TASK_ID)).toEqual(manifests);
    expect(await taskcluster.testsByManifest(TASK_ID)).toEqual(tests);
    await taskcluster.manifestsByTask(TASK_ID);
    expect(t.fake.urls()).toEqual([
      `${ROOT}/api/queue/v1/task/${TASK_ID}/artifacts/public/manifests-by-task.json.gz`,
      `${ROOT}/api/queue/v1/task/${TASK_ID}/artifacts/public/tests-by-manifest.json.gz`,
    ]);
  });

  it('reads a body already decoded on the way (transport gzip) as it is', async () => {
    const t = createTestHttp(routes({ 'manifests-by-task.json.gz': () => jsonResponse(manifests) }));
    const taskcluster = createTaskclusterClient({ http: t.http, urls: { taskclusterRootUrl: ROOT } });
    expect(await taskcluster.manifestsByTask(TASK_ID)).toEqual(manifests);
  });

  it('is null when the decision task has no such artifact, and a drift error when its shape changed', async () => {
    const t = createTestHttp(
      routes({
        'tests-by-manifest.json.gz': () => jsonResponse({ code: 'ResourceNotFound' }, 404),
        'manifests-by-task.json.gz': () => gzipFile({ label: 'not a list' }),
      }),
    );
    const taskcluster = createTaskclusterClient({ http: t.http, urls: { taskclusterRootUrl: ROOT } });
    expect(await taskcluster.testsByManifest(TASK_ID)).toBeNull();
    await expect(taskcluster.manifestsByTask(TASK_ID)).rejects.toBeInstanceOf(SchemaDriftError);
  });
});

describe('Treeherder failure counts', () => {
  it('asks /api/failurecount/ for one bug on one tree over a date range', async () => {
    const counts = [
      { date: '2026-11-18', test_runs: 20, failure_count: 3 },
      { date: '2026-11-19', test_runs: 22, failure_count: 0 },
    ];
    const t = createTestHttp(routes({ '/api/failurecount/': () => jsonResponse(counts) }));
    const treeherder = createTreeherderClient({ http: t.http, urls: { treeherderUrl: TH } });
    const got = await treeherder.failureCount({
      bugId: 1643980,
      tree: 'autoland',
      startDay: '2026-11-13',
      endDay: '2026-11-19',
    });
    expect(got).toEqual(counts);
    const url = new URL(t.fake.urls()[0]!);
    expect(url.pathname).toBe('/api/failurecount/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startday: '2026-11-13',
      endday: '2026-11-19',
      tree: 'autoland',
      bug: '1643980',
    });
  });
});
