import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH, getJson, hawkHeader, jobs, triggerAction } from './test-helpers';

const HOUR = 3_600_000;
/** Long enough for an action task to be picked up and run its callback (pending ≤ 40 s, run ≤ 90 s). */
const ACTION_RUNS = 3 * 60_000;

describe('triggerHook on the permanent scenario', () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'permanent', timeScale: 0, epochMs: EPOCH });
  });
  afterAll(() => fake.close());

  const firstFailingTask = async (): Promise<{ taskId: string; decisionTaskId: string }> => {
    const r = fake.truth.regressions[0]!;
    const rows = await jobs(fake, `push_id=${r.firstFailurePushId}&job_type_name=${encodeURIComponent(r.label)}`);
    const push = fake.truth.pushes.find((p) => p.id === r.firstFailurePushId)!;
    expect(rows[0]?.['result']).toBe('testfailed');
    return { taskId: String(rows[0]!['task_id']), decisionTaskId: push.decisionTaskId };
  };

  it('rejects wrong Hawk credentials with 401 and a Taskcluster error body', async () => {
    const { taskId, decisionTaskId } = await firstFailingTask();
    const res = await triggerAction(fake, {
      decisionTaskId,
      action: 'backfill',
      taskId,
      credentials: { clientId: fake.credentials.clientId, accessToken: 'not-the-token' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'AuthenticationFailed', requestInfo: { method: 'triggerHook' } });
    expect(String(res.body['message'])).toContain('Bad mac');
    const last = fake.state().hookTriggers.at(-1)!;
    expect(last).toMatchObject({ hawkOk: false, statusCode: 401, clientId: fake.credentials.clientId });
  });

  it('rejects a client lacking the hook scope with 403 InsufficientScopes', async () => {
    const { taskId, decisionTaskId } = await firstFailingTask();
    const tryOnly = fake.createClient(['hooks:trigger-hook:project-gecko/in-tree-action-1-*']);
    const res = await triggerAction(fake, { decisionTaskId, action: 'backfill', taskId, credentials: tryOnly });
    expect(res.status).toBe(403);
    expect(res.body['code']).toBe('InsufficientScopes');
    expect(String(res.body['message'])).toMatch(
      /does not have sufficient scopes and is missing the following scopes:[\s\S]*hooks:trigger-hook:project-gecko\/in-tree-action-3-backfill\//,
    );
    expect(res.body['requestInfo']).toMatchObject({ method: 'triggerHook' });
    expect(fake.state().hookTriggers.at(-1)).toMatchObject({
      hawkOk: true,
      statusCode: 403,
      clientId: tryOnly.clientId,
    });

    const anonymous = await triggerAction(fake, { decisionTaskId, action: 'backfill', taskId, credentials: null });
    expect(anonymous.status).toBe(403);
    expect(String(anonymous.body['message'])).toContain('Client ID anonymous');
  });

  it('backfills onto the earlier pushes (default depth 9), visible through /api/jobs/', async () => {
    const r = fake.truth.regressions[0]!;
    const { taskId, decisionTaskId } = await firstFailingTask();
    const res = await triggerAction(fake, { decisionTaskId, action: 'backfill', taskId, input: {} });
    expect(res.status).toBe(200);
    expect(res.action.hookId).toMatch(/^in-tree-action-3-backfill\/[0-9a-f]{10}$/);
    const actionTaskId = String(res.body['taskId']);
    expect(res.body).toEqual({ taskId: actionTaskId, status: { taskId: actionTaskId } });
    // The backfill action task runs, fires backfill-task on each earlier push, and those action tasks run.
    fake.advance(ACTION_RUNS);
    fake.advance(ACTION_RUNS);

    const actionTask = await getJson<{
      taskGroupId: string;
      tags: Record<string, string>;
      extra: Record<string, unknown>;
    }>(fake, `/api/queue/v1/task/${actionTaskId}`);
    expect(actionTask.taskGroupId).toBe(decisionTaskId);
    expect(actionTask.tags['kind']).toBe('action-callback');
    expect(actionTask.extra['action']).toMatchObject({
      name: 'backfill',
      context: { taskId, taskGroupId: decisionTaskId, input: {} },
    });

    const failing = fake.truth.pushes.find((p) => p.id === r.firstFailurePushId)!;
    const earlier = fake.truth.pushes.filter(
      (p) => p.position < failing.position && p.position >= failing.position - 9,
    );
    expect(earlier).toHaveLength(9);
    const rev11 = failing.revision.slice(0, 11);
    for (const push of earlier) {
      const rows = await jobs(fake, `push_id=${push.id}&job_type_name=${encodeURIComponent(r.label)}`);
      const bk = rows.filter((j) => String(j['job_type_symbol']).endsWith(`-${rev11}-bk`));
      expect(bk, `push ${push.position}`).toHaveLength(1);
      expect(bk[0]!['job_group_symbol']).toBe('M-bk');
      const task = await getJson<{ taskGroupId: string; tags: Record<string, string>; extra: { parent: string } }>(
        fake,
        `/api/queue/v1/task/${bk[0]!['task_id']}`,
      );
      expect(task.taskGroupId).toBe(push.decisionTaskId);
      expect(task.tags['action']).toBe('backfill-task');
      const parent = await getJson<{ taskGroupId: string; tags: Record<string, string> }>(
        fake,
        `/api/queue/v1/task/${task.extra.parent}`,
      );
      expect(parent).toMatchObject({ taskGroupId: push.decisionTaskId, tags: { kind: 'action-callback' } });
    }
    const trigger = fake.state().hookTriggers.at(-1)!;
    expect(trigger).toMatchObject({ hawkOk: true, statusCode: 200, actionName: 'backfill', actionTaskId });
    expect(
      fake
        .state()
        .tasksCreated.filter(
          (t) => t.hookTrigger === fake.state().hookTriggers.length - 1 && t.actionTag === 'backfill-task',
        ).length,
    ).toBeGreaterThanOrEqual(9);

    // The backfilled runs finish as the truth says: green before the culprit, red from it on.
    fake.advance(6 * HOUR);
    for (const push of earlier) {
      const rows = await jobs(fake, `push_id=${push.id}&job_type_name=${encodeURIComponent(r.label)}`);
      const bk = rows.find((j) => String(j['job_type_symbol']).endsWith('-bk'))!;
      expect(bk['result'], `push ${push.position}`).toBe(push.position >= r.culpritPosition ? 'testfailed' : 'success');
    }
  });

  it('confirm-failures runs <label>-cf tasks in a -cf group per failing test', async () => {
    const { taskId, decisionTaskId } = await firstFailingTask();
    const failing = fake.truth.regressions[0]!;
    const res = await triggerAction(fake, { decisionTaskId, action: 'confirm-failures', taskId });
    expect(res.status).toBe(200);
    fake.advance(ACTION_RUNS);
    const created = fake.state().tasksCreated.filter((t) => t.hookTrigger === fake.state().hookTriggers.length - 1);
    expect(created).toHaveLength(failing.failingTests.length);
    for (const t of created)
      expect(t).toMatchObject({ label: `${failing.label}-cf`, groupSymbol: 'M-cf', actionTag: 'confirm-failure' });
    const def = await getJson<{ payload: { env: Record<string, string> } }>(
      fake,
      `/api/queue/v1/task/${created[0]!.taskId}`,
    );
    expect(def.payload.env['MOZHARNESS_CONFIRM_PATHS']).toContain(failing.failingTests[0]!);
  });

  it('backfill-task triggered directly renames the symbol -bk only when given test manifests', async () => {
    const r = fake.truth.regressions[0]!;
    const push = fake.truth.pushes.find((p) => p.id === r.gapPushIds[0])!;
    const createdBy = async (input: Record<string, unknown>) => {
      const res = await triggerAction(fake, { decisionTaskId: push.decisionTaskId, action: 'backfill-task', input });
      expect(res.status).toBe(200);
      expect(res.action.hookId).toContain('-backfill/');
      fake.advance(ACTION_RUNS);
      return fake.state().tasksCreated.filter((t) => t.parent === res.body['taskId']);
    };
    const rev11 = push.revision.slice(0, 11);
    const withManifests = await createdBy({
      label: r.label,
      revision: push.revision,
      times: 2,
      symbol: 'bc1',
      test_manifests: { 'mochitest-browser-chrome': ['dom/base/test/mochitest.toml'] },
    });
    expect(withManifests.map((t) => [t.symbol, t.groupSymbol, t.actionTag])).toEqual([
      [`bc1-${rev11}-bk`, 'M-bk', 'backfill-task'],
      [`bc1-${rev11}-bk`, 'M-bk', 'backfill-task'],
    ]);
    // backfill_modifier only touches the symbol and tag when the original task named its manifests.
    const without = await createdBy({ label: r.label, revision: push.revision, times: 1 });
    expect(without.map((t) => [t.symbol, t.groupSymbol, t.actionTag])).toEqual([['bc1', 'M', null]]);
  });

  it('accepts the hookId with a raw slash too', async () => {
    const push = fake.truth.pushes[3]!;
    const res = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'retrigger-multiple',
      input: { requests: [] },
      rawSlash: true,
    });
    expect(res.status).toBe(200);
  });
});

describe('retrigger-multiple and add-new-jobs', () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'missing-jobs', timeScale: 0, epochMs: EPOCH });
  });
  afterAll(() => fake.close());

  it('retrigger-multiple times 3 creates 3 tasks that complete after advance()', async () => {
    const push = fake.truth.pushes[5]!;
    const l2t = await getJson<Record<string, string>>(
      fake,
      `/api/queue/v1/task/${push.decisionTaskId}/artifacts/public/label-to-taskid.json`,
    );
    const label = Object.keys(l2t).find((l) => l.startsWith('test-'))!;
    const res = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'retrigger-multiple',
      input: { requests: [{ tasks: [label], times: 3 }] },
    });
    expect(res.status).toBe(200);
    expect(fake.state().tasksCreated.filter((t) => t.parent === res.body['taskId'])).toEqual([]); // not run yet
    fake.advance(ACTION_RUNS);
    const created = fake.state().tasksCreated.filter((t) => t.hookTrigger === fake.state().hookTriggers.length - 1);
    expect(created).toHaveLength(3);
    for (const t of created)
      expect(t).toMatchObject({
        label,
        pushId: push.id,
        taskGroupId: push.decisionTaskId,
        actionTag: 'retrigger-multiple-task',
        parent: res.body['taskId'],
      });

    const statuses = async (): Promise<string[]> => {
      const body = await (
        await fetch(`${fake.url}/api/queue/v1/tasks/status`, {
          method: 'POST',
          body: JSON.stringify({ taskIds: created.map((t) => t.taskId) }),
        })
      ).json();
      return (body as { statuses: Array<{ status: { state: string } }> }).statuses.map((s) => s.status.state);
    };
    for (const state of await statuses()) expect(['pending', 'running']).toContain(state);
    fake.advance(2 * HOUR);
    expect(await statuses()).toEqual(['completed', 'completed', 'completed']);
    const rows = await jobs(fake, `push_id=${push.id}&job_type_name=${encodeURIComponent(label)}`);
    expect(rows.filter((j) => j['result'] === 'success')).toHaveLength(4);

    const graph = await getJson<Record<string, { label: string }>>(
      fake,
      `/api/queue/v1/task/${res.body['taskId']}/artifacts/public/task-graph.json`,
    );
    // task_duplicates: copies 2…N get their ids after the graph is written, so it lists the first only.
    expect(Object.keys(graph)).toEqual([created[0]!.taskId]);
    const actionL2t = await getJson<Record<string, string>>(
      fake,
      `/api/queue/v1/task/${res.body['taskId']}/artifacts/public/label-to-taskid.json`,
    );
    // It maps the new label to its first copy, and also reused dependencies (the push's build) to theirs.
    expect(actionL2t[label]).toBe(created[0]!.taskId);
    for (const [l, id] of Object.entries(actionL2t)) if (l !== label) expect(l2t[l]).toBe(id);
  });

  it('add-new-jobs schedules a missing build first; the test stays unscheduled until the build completes', async () => {
    const missing = Object.entries(fake.truth.missingLabels).find(([, labels]) =>
      labels.some((l) => l.startsWith('build-')),
    );
    expect(missing, 'a push without some build').toBeDefined();
    const [pushId, labels] = missing!;
    const build = labels.find((l) => l.startsWith('build-'))!;
    const push = fake.truth.pushes.find((p) => p.id === Number(pushId))!;
    const graph = await getJson<Record<string, { dependencies: Record<string, string> }>>(
      fake,
      `/api/queue/v1/task/${push.decisionTaskId}/artifacts/public/full-task-graph.json`,
    );
    const test = labels.find((l) => graph[l]?.dependencies['build'] === build)!;
    expect(test).toBeDefined();
    const res = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'add-new-jobs',
      input: { tasks: [test] },
    });
    expect(res.status).toBe(200);
    fake.advance(ACTION_RUNS);
    const created = fake.state().tasksCreated.filter((t) => t.hookTrigger === fake.state().hookTriggers.length - 1);
    expect(created.map((t) => t.label).sort()).toEqual([build, test].sort());
    const testTask = created.find((t) => t.label === test)!;
    const buildTask = created.find((t) => t.label === build)!;
    expect(testTask.dependencies).toContain(buildTask.taskId);
    const state = async (id: string): Promise<string> =>
      (await getJson<{ status: { state: string } }>(fake, `/api/queue/v1/task/${id}/status`)).status.state;
    expect(await state(testTask.taskId)).toBe('unscheduled');
    fake.advance(20 * 60_000);
    expect(await state(buildTask.taskId)).toMatch(/pending|running/);
    expect(await state(testTask.taskId)).toBe('unscheduled');
    fake.advance(3 * HOUR);
    expect(await state(buildTask.taskId)).toBe('completed');
    expect(await state(testTask.taskId)).toBe('completed');
  });

  it('run-missing-tests schedules every test label the push lacks', async () => {
    const push = fake.truth.pushes[9]!;
    const missingTests = fake.truth.missingLabels[String(push.id)]!.filter((l) => l.startsWith('test-'));
    expect(missingTests.length).toBeGreaterThan(10);
    const res = await triggerAction(fake, { decisionTaskId: push.decisionTaskId, action: 'run-missing-tests' });
    expect(res.status).toBe(200);
    fake.advance(ACTION_RUNS);
    const created = fake.state().tasksCreated.filter((t) => t.hookTrigger === fake.state().hookTriggers.length - 1);
    expect(
      created
        .filter((t) => t.label.startsWith('test-'))
        .map((t) => t.label)
        .sort(),
    ).toEqual(missingTests);
    for (const t of created) expect(t.actionTag).toBe('run-missing-tests');
  });

  it('cancel-all cancels the unfinished tasks of the push', async () => {
    const push = fake.truth.pushes[9]!;
    const res = await triggerAction(fake, { decisionTaskId: push.decisionTaskId, action: 'cancel-all' });
    expect(res.status).toBe(200);
    fake.advance(ACTION_RUNS);
    const rows = await jobs(fake, `push_id=${push.id}`);
    const unfinished = rows.filter(
      (j) => j['state'] === 'pending' || j['state'] === 'running' || j['state'] === 'unscheduled',
    );
    expect(unfinished.filter((j) => j['job_group_symbol'] !== 'AC')).toHaveLength(0);
    expect(rows.filter((j) => j['result'] === 'usercancel').length).toBeGreaterThan(10);
    const actionJobs = rows.filter((j) => j['job_group_symbol'] === 'AC');
    expect(actionJobs.length).toBeGreaterThanOrEqual(2);
  });

  it('cancel ends a pending task as exception/canceled (Treeherder: usercancel)', async () => {
    const push = fake.truth.pushes[7]!;
    const l2t = await getJson<Record<string, string>>(
      fake,
      `/api/queue/v1/task/${push.decisionTaskId}/artifacts/public/label-to-taskid.json`,
    );
    const label = Object.keys(l2t).find((l) => l.startsWith('test-'))!;
    await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'retrigger-multiple',
      input: { requests: [{ tasks: [label], times: 1 }] },
    });
    fake.advance(ACTION_RUNS);
    const created = fake.state().tasksCreated.at(-1)!;
    const res = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'cancel',
      taskId: created.taskId,
    });
    expect(res.status).toBe(200);
    fake.advance(ACTION_RUNS);
    const status = await getJson<{ status: { state: string; runs: Array<{ reasonResolved?: string }> } }>(
      fake,
      `/api/queue/v1/task/${created.taskId}/status`,
    );
    expect(status.status.state).toBe('exception');
    expect(status.status.runs[0]?.reasonResolved).toBe('canceled');
    const rows = await jobs(fake, `task_id=${created.taskId}`);
    expect(rows[0]?.['result']).toBe('usercancel');
  });

  it('answers 401 with expiry wording under the expiredCredentials fault and 403 under missingScopes', async () => {
    const push = fake.truth.pushes[2]!;
    fake.setFaults({ expiredCredentials: true });
    const expired = await triggerAction(fake, { decisionTaskId: push.decisionTaskId, action: 'run-missing-tests' });
    expect(expired.status).toBe(401);
    expect(String(expired.body['message'])).toMatch(/ext\.certificate\.expiry < now.*expired/);
    fake.setFaults({ expiredCredentials: false, missingScopes: true });
    const denied = await triggerAction(fake, { decisionTaskId: push.decisionTaskId, action: 'run-missing-tests' });
    expect(denied.status).toBe(403);
    expect(denied.body['code']).toBe('InsufficientScopes');
    fake.setFaults({ missingScopes: false });
  });

  it('currentScopes reflects the Hawk client, anonymous otherwise', async () => {
    const url = `${fake.url}/api/auth/v1/scopes/current`;
    const signed = await (
      await fetch(url, { headers: { Authorization: hawkHeader(url, 'GET', fake.credentials) } })
    ).json();
    expect(signed).toEqual({ scopes: ['hooks:trigger-hook:project-gecko/in-tree-action-*'] });
    const anonymous = (await (await fetch(url)).json()) as { scopes: string[] };
    expect(anonymous.scopes).toContain('queue:get-artifact:public/*');
  });
});
