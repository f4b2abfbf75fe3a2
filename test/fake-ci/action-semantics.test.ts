/**
 * The fake's in-tree actions behave like Firefox CI's (test/fake-ci/README.md, "What actions do"): what an
 * action task writes to task-graph.json, what it creates and where, and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH, getJson, jobs, triggerAction } from './test-helpers';

const ACTION_RUNS = 3 * 60_000;

interface TaskDef {
  taskGroupId: string;
  dependencies: string[];
  metadata: { name: string };
  tags: Record<string, string>;
  extra: {
    parent?: string;
    treeherder: { symbol: string; groupSymbol?: string };
    action?: { name: string; context: { taskId: string | null; input: Record<string, unknown> } };
  };
}
interface GroupEntry {
  task: TaskDef;
  status: { taskId: string; state: string; runs: Array<{ reasonCreated: string }> };
}

async function group(fake: FakeCi, taskGroupId: string): Promise<GroupEntry[]> {
  const out: GroupEntry[] = [];
  let token: string | undefined;
  do {
    const page = await getJson<{ tasks: GroupEntry[]; continuationToken?: string }>(
      fake,
      `/api/queue/v1/task-group/${taskGroupId}/list${token ? `?continuationToken=${token}` : ''}`,
    );
    out.push(...page.tasks);
    token = page.continuationToken;
  } while (token);
  return out;
}

/** Tasks of a push's task group an action task created: `extra.parent` = the action task. */
async function childrenOf(fake: FakeCi, taskGroupId: string, actionTaskId: string): Promise<GroupEntry[]> {
  return (await group(fake, taskGroupId)).filter((e) => e.task.extra.parent === actionTaskId);
}

async function artifactStatus(fake: FakeCi, taskId: string, name: string): Promise<number> {
  return (await fetch(`${fake.url}/api/queue/v1/task/${taskId}/artifacts/${name}`, { redirect: 'manual' })).status;
}

describe('in-tree actions on the permanent scenario', () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'permanent', timeScale: 0, epochMs: EPOCH });
  });
  afterAll(() => fake.close());

  const failingJob = async () => {
    const r = fake.truth.regressions[0]!;
    const push = fake.truth.pushes.find((p) => p.id === r.firstFailurePushId)!;
    const rows = await jobs(fake, `push_id=${push.id}&job_type_name=${encodeURIComponent(r.label)}`);
    return { r, push, taskId: String(rows[0]!['task_id']) };
  };

  it('creates nothing until the action task runs, and the created tasks wait for it', async () => {
    const { push, r } = await failingJob();
    const res = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'retrigger-multiple',
      input: { requests: [{ tasks: [r.label], times: 2 }] },
    });
    const actionTaskId = String(res.body['taskId']);
    expect(await childrenOf(fake, push.decisionTaskId, actionTaskId)).toEqual([]);
    expect(await artifactStatus(fake, actionTaskId, 'public/task-graph.json')).toBe(404);
    // The index lists an action task only once it completed (the index service indexes on task-completed).
    const indexed = async () =>
      (
        await getJson<{ tasks: Array<{ taskId: string }> }>(
          fake,
          `/api/index/v1/tasks/gecko.v2.autoland.revision.${push.revision}.taskgraph.actions`,
        )
      ).tasks.map((t) => t.taskId);
    expect(await indexed()).not.toContain(actionTaskId);
    fake.advance(ACTION_RUNS);
    expect(await indexed()).toContain(actionTaskId);
    const children = await childrenOf(fake, push.decisionTaskId, actionTaskId);
    expect(children).toHaveLength(2);
    for (const c of children) expect(c.task.dependencies).toContain(actionTaskId);
  });

  it('retrigger ×3 (task-level): three tasks of the label in the group, one in task-graph.json', async () => {
    const { push, r, taskId } = await failingJob();
    const res = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'retrigger',
      taskId,
      input: { times: 3 },
    });
    expect(res.status).toBe(200);
    const actionTaskId = String(res.body['taskId']);
    fake.advance(ACTION_RUNS);
    const children = await childrenOf(fake, push.decisionTaskId, actionTaskId);
    expect(children.map((c) => c.task.metadata.name)).toEqual([r.label, r.label, r.label]);
    for (const c of children) expect(c.task.tags['action']).toBe('retrigger-task');
    const graph = await getJson<Record<string, { label: string }>>(
      fake,
      `/api/queue/v1/task/${actionTaskId}/artifacts/public/task-graph.json`,
    );
    expect(Object.values(graph).map((n) => n.label)).toEqual([r.label]);
    expect(Object.keys(graph)).toEqual([children[0]!.status.taskId]);
  });

  it('confirm-failures: one -cf task per failing test; task-graph.json keeps only the last', async () => {
    const { push, r, taskId } = await failingJob();
    expect(r.failingTests.length).toBeGreaterThanOrEqual(2);
    const res = await triggerAction(fake, { decisionTaskId: push.decisionTaskId, action: 'confirm-failures', taskId });
    const actionTaskId = String(res.body['taskId']);
    fake.advance(ACTION_RUNS);
    const children = await childrenOf(fake, push.decisionTaskId, actionTaskId);
    expect(children).toHaveLength(r.failingTests.length);
    for (const c of children) {
      expect(c.task.metadata.name).toBe(`${r.label}-cf`);
      expect(c.task.tags['action']).toBe('confirm-failure');
    }
    const graph = await getJson<Record<string, { label: string }>>(
      fake,
      `/api/queue/v1/task/${actionTaskId}/artifacts/public/task-graph.json`,
    );
    // Each failure is its own create_tasks call without a suffix, overwriting the previous artifacts.
    expect(Object.keys(graph)).toEqual([children.at(-1)!.status.taskId]);
  });

  it('backfill: the action task creates nothing itself; each earlier push gets a backfill-task action task whose -bk tasks have it as parent', async () => {
    const { push, r, taskId } = await failingJob();
    const firesBefore = fake.state().actionHookFires.length;
    const res = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'backfill',
      taskId,
      input: { depth: 4, times: 2, inclusive: false, retrigger: true },
    });
    expect(res.status).toBe(200);
    const backfillTaskId = String(res.body['taskId']);
    fake.advance(ACTION_RUNS); // the backfill action task runs and fires the hooks
    expect(await childrenOf(fake, push.decisionTaskId, backfillTaskId)).toEqual([]);
    const fires = fake.state().actionHookFires.slice(firesBefore);
    const earlier = fake.truth.pushes.filter((p) => p.position < push.position && p.position >= push.position - 4);
    expect(fires.map((f) => f.pushId).sort()).toEqual(earlier.map((p) => p.id).sort());
    for (const f of fires) {
      expect(f).toMatchObject({ firedByTaskId: backfillTaskId, actionName: 'backfill-task' });
      expect(f.hookId).toMatch(/^in-tree-action-3-backfill\//);
    }
    fake.advance(ACTION_RUNS); // the backfill-task action tasks run and create the tasks
    expect(await artifactStatus(fake, backfillTaskId, 'public/task-graph.json')).toBe(404);

    const rev11 = push.revision.slice(0, 11);
    for (const target of earlier) {
      const fire = fires.find((f) => f.pushId === target.id)!;
      const actionTask = await getJson<TaskDef>(fake, `/api/queue/v1/task/${fire.actionTaskId}`);
      expect(actionTask.taskGroupId).toBe(target.decisionTaskId);
      expect(actionTask.tags['kind']).toBe('action-callback');
      expect(actionTask.extra.action).toMatchObject({
        name: 'backfill-task',
        context: { taskId: null, input: { label: r.label, revision: push.revision, times: 2 } },
      });
      const children = await childrenOf(fake, target.decisionTaskId, fire.actionTaskId);
      expect(children.map((c) => c.task.metadata.name)).toEqual([r.label, r.label]);
      for (const c of children) {
        expect(c.task.extra.treeherder.symbol).toBe(`bc1-${rev11}-bk`);
        expect(c.task.tags['action']).toBe('backfill-task');
      }
      const graph = await getJson<Record<string, unknown>>(
        fake,
        `/api/queue/v1/task/${fire.actionTaskId}/artifacts/public/task-graph.json`,
      );
      expect(Object.keys(graph)).toEqual([children[0]!.status.taskId]);
    }
  });

  it('backfill with retrigger false: pushes that ran the label get an action task that creates nothing', async () => {
    const { push, r, taskId } = await failingJob();
    const firesBefore = fake.state().actionHookFires.length;
    await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'backfill',
      taskId,
      input: { depth: 4, times: 1, inclusive: false, retrigger: false },
    });
    fake.advance(ACTION_RUNS);
    fake.advance(ACTION_RUNS);
    const fires = fake.state().actionHookFires.slice(firesBefore);
    expect(fires.length).toBe(4);
    for (const f of fires) {
      const target = fake.truth.pushes.find((p) => p.id === f.pushId)!;
      // The previous test backfilled these very pushes, so the label is there already.
      expect(await childrenOf(fake, target.decisionTaskId, f.actionTaskId)).toEqual([]);
      expect(await artifactStatus(fake, f.actionTaskId, 'public/task-graph.json')).toBe(404);
    }
    expect(r.label).toBeTruthy();
  });

  it('a hook whose template renders no task answers {} and nothing runs', async () => {
    const { push, r } = await failingJob();
    const before = fake.state().tasksCreated.length;
    fake.setFaults({ hookRendersNoTask: true });
    try {
      const res = await triggerAction(fake, {
        decisionTaskId: push.decisionTaskId,
        action: 'retrigger-multiple',
        input: { requests: [{ tasks: [r.label], times: 1 }] },
      });
      expect(res).toMatchObject({ status: 200, body: {} });
      expect(Object.keys(res.body)).toEqual([]);
    } finally {
      fake.setFaults({ hookRendersNoTask: false });
    }
    fake.advance(ACTION_RUNS);
    expect(fake.state().tasksCreated.length).toBe(before);
  });
});

describe('labels that are not retriggerable are re-run, not cloned', () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'default', timeScale: 0, epochMs: EPOCH });
  });
  afterAll(() => fake.close());

  it('retrigger-multiple on a failed build adds a run to the same task and creates none', async () => {
    const push = fake.truth.pushes.at(-1)!; // still running
    const rows = await jobs(fake, `push_id=${push.id}`);
    const build = rows.find((j) => String(j['job_type_name']).startsWith('build-') && j['state'] !== 'completed')!;
    const buildTaskId = String(build['task_id']);
    // Make the build end in exception/canceled first, so a rerun applies.
    await triggerAction(fake, { decisionTaskId: push.decisionTaskId, action: 'cancel', taskId: buildTaskId });
    fake.advance(ACTION_RUNS);
    const status = async () =>
      (await getJson<{ status: GroupEntry['status'] }>(fake, `/api/queue/v1/task/${buildTaskId}/status`)).status;
    const canceled = await status();
    expect(canceled.state).toBe('exception');

    const res = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'retrigger-multiple',
      input: { requests: [{ tasks: [String(build['job_type_name'])], times: 3 }] },
    });
    const actionTaskId = String(res.body['taskId']);
    fake.advance(ACTION_RUNS);
    expect(await childrenOf(fake, push.decisionTaskId, actionTaskId)).toEqual([]);
    const after = await status();
    expect(after.runs.length).toBe(canceled.runs.length + 1);
    expect(after.runs.at(-1)!.reasonCreated).toBe('rerun');
    // create_tasks still ran, with nothing to create.
    expect(await getJson(fake, `/api/queue/v1/task/${actionTaskId}/artifacts/public/task-graph.json`)).toEqual({});
  });
});
