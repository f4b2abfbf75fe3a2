import { describe, expect, it } from 'vitest';
import { createPerfherderClient } from '../../../src/ci/perfherder';
import { createPushlogClient, repoPathFromUrl } from '../../../src/ci/pushlog';
import { createTestHttp, jsonResponse, routes } from '../http/fake-fetch';
import { FIXTURES, REV_A, REV_B } from './fixtures';

const HG = 'https://hg.example';

describe('pushlog client', () => {
  it('gets pushes between two ids, oldest first, with full changesets when asked', async () => {
    const t = createTestHttp(() => jsonResponse(FIXTURES['json-pushes']));
    const pushlog = createPushlogClient({ http: t.http, urls: { hgUrl: `${HG}/` } });
    const pushes = await pushlog.pushesBetweenIds('integration/autoland', {
      startId: 232988,
      endId: 232990,
      full: true,
    });
    expect(pushes.map((p) => p.pushId)).toEqual([232989, 232990]);
    expect(pushes[0]!.changesets).toEqual([{ node: REV_B }]);
    expect(pushes[1]!.changesets[1]).toEqual({
      node: REV_A,
      author: 'Hacker 1 <h1@example.com>',
      desc: 'Bug 1 - two',
      files: ['dom/b.cpp', 'dom/a.cpp'],
    });
    expect(t.fake.urls()[0]).toBe(
      `${HG}/integration/autoland/json-pushes?version=2&full=1&startID=232988&endID=232990`,
    );
  });

  it('gets pushes between two revisions', async () => {
    const t = createTestHttp(() => jsonResponse(FIXTURES['json-pushes']));
    const pushlog = createPushlogClient({ http: t.http, urls: { hgUrl: HG } });
    await pushlog.pushesBetweenRevisions('/mozilla-central/', { fromRevision: REV_B, toRevision: REV_A });
    expect(t.fake.urls()[0]).toBe(`${HG}/mozilla-central/json-pushes?version=2&fromchange=${REV_B}&tochange=${REV_A}`);
  });

  it('lists the files touched by a push up to a revision', async () => {
    const t = createTestHttp(
      routes({ 'json-automationrelevance': () => jsonResponse(FIXTURES['automation-relevance']) }),
    );
    const pushlog = createPushlogClient({ http: t.http, urls: { hgUrl: HG } });
    const touched = await pushlog.filesTouched('integration/autoland', REV_A);
    expect(touched.files).toEqual(['js/src/a.msg', 'js/src/b.cpp']);
    expect(touched.changesets[0]!.bugs[0]!.no).toBe('1948118');
    expect(t.fake.urls()[0]).toBe(`${HG}/integration/autoland/json-automationrelevance/${REV_A}`);
  });

  it('derives the repository path from a Treeherder repository URL', () => {
    expect(repoPathFromUrl('https://hg.mozilla.org/integration/autoland')).toBe('integration/autoland');
    expect(repoPathFromUrl('https://hg.mozilla.org/try/')).toBe('try');
  });

  it('reports a pushlog 404 in words', async () => {
    const t = createTestHttp(() => jsonResponse("unknown revision 'abc'", 404));
    const pushlog = createPushlogClient({ http: t.http, urls: { hgUrl: HG } });
    await expect(pushlog.filesTouched('try', 'abc')).rejects.toMatchObject({
      userMessage: `Not found: The hg pushlog could not find the files touched by abc on try (HTTP 404). The server said: "unknown revision 'abc'"`,
    });
  });
});

describe('Perfherder client', () => {
  it('asks for a signature’s series in a window around the push', async () => {
    const t = createTestHttp(() => jsonResponse([]));
    const perfherder = createPerfherderClient({ http: t.http, urls: { treeherderUrl: 'https://th.example' } });
    await perfherder.seriesAroundPush({
      repository: 'autoland',
      signatureId: 1647494,
      frameworkId: 1,
      pushTimestamp: 1740767261,
      windowDays: 2,
    });
    const url = new URL(t.fake.urls()[0]!);
    expect(url.pathname).toBe('/api/performance/summary/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      repository: 'autoland',
      signature: '1647494',
      framework: '1',
      startday: '2025-02-26T18:27:41',
      endday: '2025-03-02T18:27:41',
      all_data: 'true',
      replicates: 'false',
    });
  });

  it('pages alert summaries', async () => {
    const t = createTestHttp(() => jsonResponse({ next: null, previous: null, results: [] }));
    const perfherder = createPerfherderClient({ http: t.http, urls: { treeherderUrl: 'https://th.example' } });
    expect((await perfherder.alertSummaries({ repositoryId: 77, frameworkId: 1, page: 2 })).results).toEqual([]);
    expect(t.fake.urls()[0]).toBe('https://th.example/api/performance/alertsummary/?repository=77&framework=1&page=2');
  });
});
