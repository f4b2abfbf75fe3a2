/** Revisions against the fake CI's pushlog (real HTTP): one push's changesets and a failing job's gap. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCiClients, type CiClients } from '../../../src/ci';
import { createHttpClient } from '../../../src/http/client';
import { loadPushRevisions, loadRangeRevisions } from '../../../src/revisions/load';
import { createRevisionSources } from '../../../src/revisions/sources';
import { startFakeCi, type FakeCi } from '../../fake-ci/server';

describe('revisions on the fake CI', () => {
  let fake: FakeCi;
  let clients: CiClients;

  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'permanent', timeScale: 0, epochMs: Date.UTC(2026, 10, 20, 12) });
    clients = createCiClients(
      { treeherderUrl: fake.url, taskclusterRootUrl: fake.url, hgUrl: fake.url },
      createHttpClient({ sleep: async () => undefined }),
    );
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('shows a push with the commits Treeherder shows, tip first, and its files', async () => {
    const truthPush = fake.truth.pushes.at(-2)!;
    const push = await clients.treeherder.pushById('autoland', truthPush.id);
    const sources = createRevisionSources(clients, fake.url, 'integration/autoland');
    const shaped = await loadPushRevisions(sources, push);
    expect(shaped.pushlogId).toBe(truthPush.pushlogId);
    expect(shaped.pushId).toBe(truthPush.id);
    expect(shaped.revision).toBe(push.revision);
    expect(shaped.changesets.map((c) => c.node)).toEqual(push.revisions.map((r) => r.revision));
    expect(shaped.changesets.map((c) => c.author)).toEqual(push.revisions.map((r) => r.author));
    expect(shaped.files.length).toBeGreaterThan(0);
    expect(shaped.changesets.every((c) => c.bugs.length > 0 && c.summary.startsWith('Bug '))).toBe(true);
  });

  it('shows the gap of the failing job: the gap pushes and the failing one, with the files they touched', async () => {
    const regression = fake.truth.regressions[0]!;
    const byId = new Map(fake.truth.pushes.map((p) => [p.id, p]));
    const from = byId.get(regression.lastGoodPushId)!;
    const to = byId.get(regression.firstFailurePushId)!;
    const range = await loadRangeRevisions(
      createRevisionSources(clients, fake.url, 'integration/autoland'),
      from.revision,
      to.revision,
    );
    const expected = [...regression.gapPushIds, regression.firstFailurePushId]
      .map((id) => byId.get(id)!.pushlogId)
      .sort((a, b) => b - a);
    expect(range.pushes.map((p) => p.pushlogId)).toEqual(expected);
    expect(range.pushes[0]!.revision).toBe(to.revision);
    expect(range.totals.pushes).toBe(regression.gap + 1);
    expect(range.files.length).toBe(range.totals.files);
    expect(new Set(range.files.map((f) => f.path))).toEqual(new Set(range.pushes.flatMap((p) => p.files)));
  });
});
