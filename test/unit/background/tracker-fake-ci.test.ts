/**
 * The tracker and its Taskcluster/Treeherder gateway against the fake CI, whose actions behave like Firefox
 * CI's (test/fake-ci/README.md): every task an action creates is followed, wherever it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { createCiClients, type CiClients } from '../../../src/ci';
import { createHttpClient } from '../../../src/http/client';
import type { TriggerLogEntry } from '../../../src/log/entry';
import { backfillOutcome } from '../../../src/monitor/outcome';
import type { TrackedGroup } from '../../../src/monitor/tracked-group';
import { viewOfGroup } from '../../../src/monitor/view';
import { createMonitorGateway } from '../../../background/monitoring/monitor-gateway';
import { createTracker } from '../../../background/monitoring/tracker';
import { startFakeCi, type FakeCi } from '../../fake-ci/server';
import { EPOCH, jobs, triggerAction } from '../../fake-ci/test-helpers';

const MINUTE = 60_000;

describe('tracking every task an action creates (fake CI)', () => {
  let fake: FakeCi;
  let clients: CiClients;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'permanent', timeScale: 0, epochMs: EPOCH });
    const http = createHttpClient({ sleep: async () => undefined, timeoutMs: 10_000 });
    clients = createCiClients({ treeherderUrl: fake.url, taskclusterRootUrl: fake.url, hgUrl: fake.url }, http);
  });
  afterAll(() => fake.close());

  function tracker() {
    let stored: TrackedGroup[] = [];
    const notes: string[] = [];
    const t = createTracker({
      gateway: createMonitorGateway(async () => clients),
      load: async () => structuredClone(stored),
      save: async (g) => {
        stored = structuredClone(g);
      },
      setBadge: async () => undefined,
      notify: async (_id, _title, message) => {
        notes.push(message);
      },
      schedulePolling: async () => undefined,
      now: () => Date.now(),
    });
    return { t, notes, group: () => stored[0]! };
  }

  /** Triggers like the pipeline, then returns the log entry the pipeline would hand to the tracker. */
  async function trigger(
    push: { id: number; revision: string; decisionTaskId: string },
    action: string,
    input: unknown,
    job?: { taskId: string; label: string },
  ): Promise<TriggerLogEntry> {
    const res = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action,
      input,
      ...(job ? { taskId: job.taskId } : {}),
    });
    expect(res.status).toBe(200);
    return {
      id: `log-${Math.random()}`,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      operation: action === 'retrigger-multiple' ? 'retrigger' : action,
      actionName: action,
      input,
      push: { repo: 'autoland', pushId: push.id, revision: push.revision },
      ...(job ? { job } : {}),
      summary: `${action} on push ${push.id}`,
      dedupeKey: 'k',
      expectedTasks: 1,
      machineMinutes: 1,
      state: 'triggered',
      actionTaskId: String(res.body['taskId']),
      decisionTaskId: push.decisionTaskId,
      createdTaskIds: [],
    };
  }

  async function failingJob() {
    const r = fake.truth.regressions[0]!;
    const push = fake.truth.pushes.find((p) => p.id === r.firstFailurePushId)!;
    const rows = await jobs(fake, `push_id=${push.id}&job_type_name=${encodeURIComponent(r.label)}`);
    return { r, push, job: { taskId: String(rows[0]!['task_id']), label: r.label } };
  }

  /** Moves simulated time in steps, polling after each, until the group finishes. */
  async function runToEnd(t: ReturnType<typeof tracker>, stepMs = 10 * MINUTE, steps = 40) {
    for (let i = 0; i < steps && !t.group().finishedAt; i++) {
      fake.advance(stepMs);
      await t.t.poll();
    }
    expect(t.group().finishedAt, JSON.stringify(viewOfGroup(t.group()).progressText)).toBeDefined();
  }

  it('retrigger ×3 follows all three copies of the label, though task-graph.json lists one', async () => {
    const { push, r } = await failingJob();
    const t = tracker();
    await t.t.track(await trigger(push, 'retrigger-multiple', { requests: [{ tasks: [r.label], times: 3 }] }));
    await t.t.poll();
    expect(t.group().discovered).toBe(false); // the action task has not run yet: nothing is known
    fake.advance(3 * MINUTE);
    await t.t.poll();
    const group = t.group();
    expect(group.discovered).toBe(true);
    expect(group.triggered.map((x) => x.label)).toEqual([r.label, r.label, r.label]);
    expect(group.finishedAt).toBeUndefined();
    expect(viewOfGroup(group).progressText).toBe('3 running');
    expect(t.notes).toEqual([]);
    await runToEnd(t);
    expect(t.notes).toHaveLength(1);
    // The regression fails this label permanently from its first failure on.
    expect(t.notes[0]).toBe(`retrigger-multiple on push ${push.id}: 3 failed.`);
  });

  it('confirm-failures follows every -cf task', async () => {
    const { push, r, job } = await failingJob();
    const t = tracker();
    await t.t.track(await trigger(push, 'confirm-failures', {}, job));
    await runToEnd(t);
    expect(t.group().triggered.map((x) => x.label)).toEqual(r.failingTests.map(() => `${r.label}-cf`));
    expect(t.group().triggered.length).toBeGreaterThanOrEqual(2);
  });

  it('a backfill of depth 7 follows the tasks on each earlier push and ends with the first failing push', async () => {
    const { push, r, job } = await failingJob();
    const t = tracker();
    await t.t.track(await trigger(push, 'backfill', { depth: 7, times: 1, inclusive: false, retrigger: true }, job));
    // After the backfill action task ran, before its backfill-task action tasks did: nothing is done yet.
    fake.advance(2 * MINUTE + 20_000);
    await t.t.poll();
    expect(t.group().finishedAt).toBeUndefined();
    await runToEnd(t);
    const group = t.group();
    const earlier = fake.truth.pushes.filter((p) => p.position < push.position && p.position >= push.position - 7);
    const backfilled = group.triggered.filter((x) => x.label === r.label);
    expect(backfilled).toHaveLength(7);
    expect(new Set(backfilled.map((x) => x.push?.pushId))).toEqual(new Set(earlier.map((p) => p.id)));
    // Anything else it created is a build a backfilled test needed on a push where none had run.
    for (const task of group.triggered) if (task.label !== r.label) expect(task.label).toMatch(/^build-/);
    const culprit = fake.truth.pushes.find((p) => p.position === r.culpritPosition)!;
    const lastGood = fake.truth.pushes.find((p) => p.position === r.culpritPosition - 1)!;
    const outcome = backfillOutcome(group)!;
    expect(outcome.firstFailing).toEqual({ pushId: culprit.id, revision: culprit.revision });
    expect(outcome.lastPassing).toEqual({ pushId: lastGood.id, revision: lastGood.revision });
    expect(t.notes).toHaveLength(1);
    expect(t.notes[0]).toContain(`first fails on push ${culprit.revision.slice(0, 12)}`);
    expect(t.notes[0]).toContain(`last passed on push ${lastGood.revision.slice(0, 12)}`);
  });
});

describe('re-runs of labels that are not retriggerable (fake CI)', () => {
  let fake: FakeCi;
  let clients: CiClients;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'default', timeScale: 0, epochMs: EPOCH });
    const http = createHttpClient({ sleep: async () => undefined, timeoutMs: 10_000 });
    clients = createCiClients({ treeherderUrl: fake.url, taskclusterRootUrl: fake.url, hgUrl: fake.url }, http);
  });
  afterAll(() => fake.close());

  it('follows the new run of the same task', async () => {
    const push = fake.truth.pushes.at(-1)!;
    const rows = await jobs(fake, `push_id=${push.id}`);
    const build = rows.find((j) => String(j['job_type_name']).startsWith('build-') && j['state'] !== 'completed')!;
    const label = String(build['job_type_name']);
    const buildTaskId = String(build['task_id']);
    await triggerAction(fake, { decisionTaskId: push.decisionTaskId, action: 'cancel', taskId: buildTaskId });
    fake.advance(3 * MINUTE);

    let stored: TrackedGroup[] = [];
    const notes: string[] = [];
    const t = createTracker({
      gateway: createMonitorGateway(async () => clients),
      load: async () => structuredClone(stored),
      save: async (g) => {
        stored = structuredClone(g);
      },
      setBadge: async () => undefined,
      notify: async (_id, _title, message) => {
        notes.push(message);
      },
      schedulePolling: async () => undefined,
      now: () => Date.now(),
    });
    const input = { requests: [{ tasks: [label], times: 2 }] };
    const res = await triggerAction(fake, { decisionTaskId: push.decisionTaskId, action: 'retrigger-multiple', input });
    await t.track({
      id: 'rerun',
      createdAt: Date.now(),
      updatedAt: Date.now(),
      operation: 'retrigger',
      actionName: 'retrigger-multiple',
      input,
      push: { repo: 'autoland', pushId: push.id, revision: push.revision },
      summary: `Retrigger ${label}`,
      dedupeKey: 'k',
      expectedTasks: 2,
      machineMinutes: 1,
      state: 'triggered',
      actionTaskId: String(res.body['taskId']),
      decisionTaskId: push.decisionTaskId,
      createdTaskIds: [],
    });
    fake.advance(3 * MINUTE);
    await t.poll();
    expect(stored[0]!.triggered).toEqual([expect.objectContaining({ taskId: buildTaskId, label, rerunId: 1 })]);
    for (let i = 0; i < 20 && !stored[0]!.finishedAt; i++) {
      fake.advance(15 * MINUTE);
      await t.poll();
    }
    expect(stored[0]!.finishedAt).toBeDefined();
    expect(notes).toHaveLength(1);
  });
});
