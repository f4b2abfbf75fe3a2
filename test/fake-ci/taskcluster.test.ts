import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_ID_PATTERN } from './ids';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH, getJson, hawkHeader } from './test-helpers';

describe('Taskcluster, pushlog and OAuth', () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'default', timeScale: 0, epochMs: EPOCH });
  });
  afterAll(() => fake.close());

  it('serves task definitions and statuses with nice slugids', async () => {
    const push = fake.truth.pushes[2]!;
    expect(push.decisionTaskId).toMatch(TASK_ID_PATTERN);
    const task = await getJson<Record<string, unknown>>(fake, `/api/queue/v1/task/${push.decisionTaskId}`);
    expect(task).toMatchObject({
      taskGroupId: push.decisionTaskId,
      tags: { kind: 'decision-task' },
      extra: { treeherder: { symbol: 'D' } },
    });
    expect(task['scopes']).toContain('in-tree:hook-action:project-gecko/in-tree-action-3-*');
    const status = await getJson<{ status: { state: string; runs: Array<{ state: string }> } }>(
      fake,
      `/api/queue/v1/task/${push.decisionTaskId}/status`,
    );
    expect(status.status.state).toBe('completed');
    const missing = await fetch(`${fake.url}/api/queue/v1/task/AAAAAAAAQAAAAAAAAAAAAA`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'ResourceNotFound' });
  });

  it('serves decision artifacts in the real shapes and expands the decision scopes', async () => {
    const push = fake.truth.pushes[2]!;
    const base = `/api/queue/v1/task/${push.decisionTaskId}/artifacts`;
    const actions = await getJson<{ version: number; variables: object; actions: Array<Record<string, unknown>> }>(
      fake,
      `${base}/public%2Factions.json`,
    );
    expect(actions.version).toBe(1);
    const backfill = actions.actions.find((a) => a['name'] === 'backfill')!;
    expect(backfill).toMatchObject({ kind: 'hook', hookGroupId: 'project-gecko', extra: { actionPerm: 'backfill' } });
    expect(String(backfill['hookId'])).toMatch(/^in-tree-action-3-backfill\/[0-9a-f]{10}$/);
    expect(backfill['hookPayload']).toMatchObject({
      decision: {
        action: { cb_name: 'backfill' },
        push: { pushlog_id: String(push.pushlogId), revision: push.revision },
        repository: { project: 'autoland', level: '3' },
      },
      user: { input: { $eval: 'input' }, taskId: { $eval: 'taskId' }, taskGroupId: { $eval: 'taskGroupId' } },
    });
    expect(actions.actions.find((a) => a['name'] === 'retrigger-multiple')?.['context']).toEqual([]);
    const params = await (await fetch(`${fake.url}${base}/public/parameters.yml`)).text();
    expect(params).toContain(`pushlog_id: '${push.pushlogId}'`);
    const graph = await getJson<Record<string, { label: string }>>(fake, `${base}/public/task-graph.json`);
    const l2t = await getJson<Record<string, string>>(fake, `${base}/public/label-to-taskid.json`);
    expect(Object.keys(graph).sort()).toEqual(Object.values(l2t).sort());
    const expanded = await (
      await fetch(`${fake.url}/api/auth/v1/scopes/expand`, {
        method: 'POST',
        body: JSON.stringify({ scopes: ['assume:repo:hg.mozilla.org/integration/autoland:branch:default'] }),
      })
    ).json();
    expect((expanded as { scopes: string[] }).scopes).toContain('in-tree:hook-action:project-gecko/in-tree-action-3-*');
  });

  it('finds decision tasks in the index by revision and pushlog id', async () => {
    const push = fake.truth.pushes[4]!;
    const byRev = await getJson<{ taskId: string; namespace: string }>(
      fake,
      `/api/index/v1/task/gecko.v2.autoland.revision.${push.revision}.taskgraph.decision`,
    );
    expect(byRev.taskId).toBe(push.decisionTaskId);
    const byId = await getJson<{ taskId: string }>(
      fake,
      `/api/index/v1/task/gecko.v2.autoland.pushlog-id.${push.pushlogId}.decision`,
    );
    expect(byId.taskId).toBe(push.decisionTaskId);
    expect(
      (await fetch(`${fake.url}/api/index/v1/task/gecko.v2.autoland.revision.nope.taskgraph.decision`)).status,
    ).toBe(404);
  });

  it('serves the pushlog in hg shapes', async () => {
    const t = fake.truth;
    const a = t.pushes[3]!;
    const b = t.pushes[6]!;
    const v2 = await getJson<{
      lastpushid: number;
      pushes: Record<string, { changesets: Array<{ node: string; desc: string }>; date: number; user: string }>;
    }>(fake, `/integration/autoland/json-pushes?version=2&full=1&startID=${a.pushlogId}&endID=${b.pushlogId}`);
    expect(v2.lastpushid).toBe(t.pushes.at(-1)!.pushlogId);
    expect(Object.keys(v2.pushes).map(Number)).toEqual([a.pushlogId + 1, a.pushlogId + 2, b.pushlogId]);
    const tipLast = v2.pushes[String(b.pushlogId)]!.changesets.at(-1)!;
    expect(tipLast.node).toBe(b.revision);
    const byChangeset = await getJson<{ pushes: Record<string, unknown> }>(
      fake,
      `/integration/autoland/json-pushes?version=2&changeset=${b.revision}`,
    );
    expect(Object.keys(byChangeset.pushes)).toEqual([String(b.pushlogId)]);
    const rel = await getJson<{
      changesets: Array<{ node: string; pushid: number; pushhead: string }>;
      visible: boolean;
    }>(fake, `/integration/autoland/json-automationrelevance/${b.revision}`);
    expect(rel.changesets.at(-1)).toMatchObject({ node: b.revision, pushid: b.pushlogId, pushhead: b.revision });
    const mc = await getJson<{ pushes: object }>(fake, '/mozilla-central/json-pushes?version=2&startID=0&endID=100000');
    expect(Object.keys(mc.pushes).length).toBe(5);
  });

  it('runs the OAuth third-party login and the issued client passes Hawk', async () => {
    const redirect = 'https://treeherder.example/taskcluster-auth';
    // Treeherder's client is registered in the deployment's configuration; the user is signed in to the web UI.
    fake.registerOAuthClient({
      clientId: 'treeherder-localhost-client',
      responseType: 'code',
      scope: ['hooks:trigger-hook:*'],
      redirectUri: [redirect],
      whitelisted: true,
      maxExpires: '3 days',
    });
    const auth = await fetch(
      `${fake.url}/login/oauth/authorize?client_id=treeherder-localhost-client&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=hooks:trigger-hook:*&state=abc`,
      { redirect: 'manual', headers: { cookie: fake.taskclusterSession() } },
    );
    expect(auth.status).toBe(302);
    const back = new URL(auth.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(redirect);
    expect(back.searchParams.get('state')).toBe('abc');
    const code = back.searchParams.get('code')!;
    const token = (await (
      await fetch(`${fake.url}/login/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirect,
          client_id: 'treeherder-localhost-client',
        }),
      })
    ).json()) as { access_token: string };
    const reuse = await fetch(`${fake.url}/login/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code }),
    });
    expect(reuse.status).toBe(403); // invalid_grant: a code is used once
    const creds = (await (
      await fetch(`${fake.url}/login/oauth/credentials`, { headers: { Authorization: `Bearer ${token.access_token}` } })
    ).json()) as {
      credentials: { clientId: string; accessToken: string };
      expires: string;
    };
    expect(Date.parse(creds.expires)).toBeGreaterThan(Date.now());
    const url = `${fake.url}/api/auth/v1/scopes/current`;
    const scopes = await (
      await fetch(url, { headers: { Authorization: hawkHeader(url, 'GET', creds.credentials) } })
    ).json();
    expect(scopes).toEqual({ scopes: ['hooks:trigger-hook:project-gecko/in-tree-action-*'] }); // requested ∩ the user's
    expect(fake.state().oauthClientsIssued).toContain(creds.credentials.clientId);
  });

  it('advances simulated time over HTTP and resets to the generated state', async () => {
    const before = fake.now();
    await fetch(`${fake.url}/__fake/advance?ms=60000`, { method: 'POST' });
    expect(fake.now() - before).toBe(60_000);
    await fetch(`${fake.url}/__fake/reset`, { method: 'POST' });
    expect(fake.state().hookTriggers).toEqual([]);
    expect(fake.now()).toBe(EPOCH);
  });
});
