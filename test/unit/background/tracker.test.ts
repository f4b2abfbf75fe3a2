import { describe, expect, it } from 'vitest';
import type { TriggerLogEntry } from '../../../src/log/entry';
import type { TaskInfo } from '../../../src/monitor/discovery';
import { progressSentence } from '../../../src/monitor/outcome';
import { expectedTasks, waitingReason, type TaskState, type TrackedGroup } from '../../../src/monitor/tracked-group';
import { viewOfGroup } from '../../../src/monitor/view';
import { createTracker, type MonitorGateway } from '../../../background/monitoring/tracker';

const REV = 'abcdefabcdef0123456789abcdefabcdef012345';
const entry: TriggerLogEntry = {
  id: 'log-1',
  createdAt: 0,
  updatedAt: 0,
  operation: 'add-new-jobs',
  actionName: 'add-new-jobs',
  input: { tasks: ['test-a'] },
  push: { repo: 'autoland', pushId: 30, revision: REV },
  summary: 'Add test-a to autoland push 30',
  dedupeKey: 'k',
  expectedTasks: 1,
  machineMinutes: 10,
  state: 'triggered',
  actionTaskId: 'ACTION',
  decisionTaskId: 'DECISION',
  createdTaskIds: [],
};

/** An in-memory Taskcluster: tasks with definitions and states, the index of action tasks per revision. */
function world() {
  const states = new Map<string, TaskState>([['ACTION', 'running']]);
  const tasks = new Map<string, TaskInfo>([
    ['ACTION', { taskId: 'ACTION', label: 'Action: x', created: '2026-11-20T12:00:00.000Z', dependencies: [] }],
  ]);
  const indexed = new Map<string, string[]>();
  const runs = new Map<string, { runId: number; reasonCreated: string; scheduled: string }[]>();
  const add = (info: Partial<TaskInfo> & { taskId: string }, state: TaskState) => {
    tasks.set(info.taskId, {
      label: info.taskId,
      created: '2026-11-20T12:01:00.000Z',
      dependencies: [],
      ...info,
    });
    states.set(info.taskId, state);
  };
  const gateway: MonitorGateway = {
    states: async (_repo, ids) => new Map(ids.filter((id) => states.has(id)).map((id) => [id, states.get(id)!])),
    taskInfo: async (_repo, id) => {
      const info = tasks.get(id);
      if (!info) throw new Error(`no task ${id}`);
      return info;
    },
    dependents: async (_repo, id) =>
      [...tasks.values()]
        .filter((t) => t.dependencies.includes(id))
        .map((t) => ({ ...t, state: states.get(t.taskId) ?? 'pending' })),
    tasksOfLabel: async (_repo, _pushId, label) =>
      [...tasks.values()]
        .filter((t) => t.label === label)
        .map((t) => ({ taskId: t.taskId, state: states.get(t.taskId)!, runs: runs.get(t.taskId) ?? [] })),
    pushesBefore: async (_repo, pushId, count) =>
      Array.from({ length: count }, (_, i) => ({
        pushId: pushId - 1 - i,
        revision: `${pushId - 1 - i}`.padEnd(40, 'a'),
      })),
    actionTasksOfRevision: async (_repo, revision) => indexed.get(revision) ?? [],
    hasDecisionTask: async (_repo, revision) => !revision.startsWith('27'),
  };
  return { states, tasks, indexed, runs, add, gateway };
}

function setup(w = world()) {
  let stored: TrackedGroup[] = [];
  const badges: number[] = [];
  const notes: string[] = [];
  const schedule: boolean[] = [];
  const tracker = createTracker({
    gateway: w.gateway,
    load: async () => structuredClone(stored),
    save: async (g) => {
      stored = structuredClone(g);
    },
    setBadge: async (n) => {
      badges.push(n);
    },
    notify: async (_id, _t, m) => {
      notes.push(m);
    },
    schedulePolling: async (on) => {
      schedule.push(on);
    },
    now: () => 1000,
  });
  return { tracker, w, badges, notes, schedule, stored: () => stored };
}

describe('tracker', () => {
  it('follows the action task, discovers its children, shows what waits on what, and notifies once at the end', async () => {
    const t = setup();
    await t.tracker.track(entry);
    await t.tracker.track(entry); // idempotent
    expect(t.stored()).toHaveLength(1);
    expect(t.badges.at(-1)).toBe(1);

    await t.tracker.poll();
    expect(t.stored()[0]!.discovered).toBe(false);

    t.w.states.set('ACTION', 'completed');
    t.w.add({ taskId: 'BUILD', label: 'build-linux64/opt', dependencies: ['ACTION'], parent: 'ACTION' }, 'running');
    t.w.add({ taskId: 'TEST', label: 'test-a', dependencies: ['ACTION', 'BUILD'], parent: 'ACTION' }, 'unscheduled');
    // A dependent that another action created is not ours.
    t.w.add({ taskId: 'OTHER', label: 'test-b', dependencies: ['ACTION'], parent: 'ELSEWHERE' }, 'pending');
    await t.tracker.poll();
    const group = t.stored()[0]!;
    expect(group.triggered.map((x) => [x.label, x.state])).toEqual([
      ['build-linux64/opt', 'running'],
      ['test-a', 'unscheduled'],
    ]);
    expect(expectedTasks(group)).toEqual([
      {
        taskId: 'TEST',
        label: 'test-a',
        waitingFor: [{ taskId: 'BUILD', label: 'build-linux64/opt', state: 'running' }],
      },
    ]);
    expect(waitingReason(group, 'TEST')).toBe('waiting for build-linux64/opt (running)');
    expect(t.badges.at(-1)).toBe(2);
    expect(progressSentence(group)).toBe('2 running');

    t.w.states.set('BUILD', 'completed');
    await t.tracker.poll();
    expect(progressSentence(t.stored()[0]!)).toBe('1 running, 1 passed');
    expect(t.notes).toEqual([]);
    t.w.states.set('TEST', 'failed');
    await t.tracker.poll();
    await t.tracker.poll();
    expect(t.notes).toEqual(['Add test-a to autoland push 30: 1 failed, 1 passed.']);
    expect(t.badges.at(-1)).toBe(0);
    expect(t.schedule.at(-1)).toBe(false);
  });

  it('reports an action task that failed without creating anything', async () => {
    const t = setup();
    await t.tracker.track(entry);
    t.w.states.set('ACTION', 'failed');
    await t.tracker.poll();
    expect(t.notes).toEqual(['Add test-a to autoland push 30: the action task failed; no jobs were created.']);
  });

  it('retrigger-multiple: every copy of a label, the re-run of a label that is not retriggerable, and a note for one not re-run', async () => {
    const t = setup();
    await t.tracker.track({
      ...entry,
      operation: 'retrigger',
      actionName: 'retrigger-multiple',
      input: { requests: [{ tasks: ['test-a', 'build-b', 'build-c'], times: 3 }] },
      summary: 'Retrigger',
    });
    t.w.states.set('ACTION', 'completed');
    for (const id of ['A1', 'A2', 'A3'])
      t.w.add({ taskId: id, label: 'test-a', dependencies: ['ACTION'], parent: 'ACTION' }, 'pending');
    t.w.add({ taskId: 'B', label: 'build-b', created: '2026-11-20T11:00:00.000Z' }, 'running');
    t.w.runs.set('B', [
      { runId: 0, reasonCreated: 'scheduled', scheduled: '2026-11-20T11:00:00.000Z' },
      { runId: 1, reasonCreated: 'rerun', scheduled: '2026-11-20T12:01:30.000Z' },
    ]);
    t.w.add({ taskId: 'C', label: 'build-c', created: '2026-11-20T11:00:00.000Z' }, 'completed');
    t.w.runs.set('C', [{ runId: 0, reasonCreated: 'scheduled', scheduled: '2026-11-20T11:00:00.000Z' }]);
    await t.tracker.poll();
    const view = viewOfGroup(t.stored()[0]!);
    expect(view.tasks.map((x) => [x.taskId, x.runId])).toEqual([
      ['A1', 0],
      ['A2', 0],
      ['A3', 0],
      ['B', 1],
    ]);
    expect(view.notes).toEqual(['build-c was not re-run: it had neither failed nor hit an exception.']);
    expect(view.finished).toBe(false);
    for (const id of ['A1', 'A2', 'A3']) t.w.states.set(id, 'completed');
    await t.tracker.poll();
    expect(t.notes).toEqual([]); // B's re-run still runs
    t.w.states.set('B', 'completed');
    await t.tracker.poll();
    expect(t.notes).toEqual(['Retrigger: 4 passed.']);
  });

  it('backfill: waits for each earlier push, skips one without a decision task, and ends with what it found', async () => {
    const t = setup();
    await t.tracker.track({
      ...entry,
      operation: 'backfill',
      actionName: 'backfill',
      input: { depth: 4, times: 1, inclusive: false, retrigger: true },
      job: { taskId: 'ORIGIN', label: 'test-a' },
      summary: 'Backfill test-a',
    });
    t.w.add({ taskId: 'ORIGIN', label: 'test-a' }, 'failed');
    t.w.states.set('ACTION', 'completed'); // creates nothing itself
    await t.tracker.poll();
    let group = t.stored()[0]!;
    expect(group.backfill?.pushes.map((p) => p.pushId)).toEqual([29, 28, 27, 26]);
    expect(group.discovered).toBe(false);
    expect(viewOfGroup(group).pushesPending).toBe(3); // 27 has no decision task
    // Pushes 29 and 28 get their backfill-task action task (indexed once it completed).
    const backfillTask = (id: string, rev: string, extra: Partial<TaskInfo['action']> = {}) =>
      t.w.add(
        {
          taskId: id,
          label: 'Action: Backfill task on a push.',
          action: {
            name: 'backfill-task',
            input: { label: 'test-a', revision: REV },
            clientId: 'task-client/ACTION/0/on/x',
            ...extra,
          },
        },
        'completed',
      );
    const rev = (n: number) => `${n}`.padEnd(40, 'a');
    backfillTask('BT29', rev(29));
    backfillTask('BT28', rev(28));
    backfillTask('BT28-OTHER', rev(28), { clientId: 'task-client/ANOTHER-BACKFILL/0/on/x' });
    t.w.indexed.set(rev(29), ['BT29']).set(rev(28), ['BT28-OTHER', 'BT28']);
    t.w.add({ taskId: 'T29', label: 'test-a', dependencies: ['BT29'], parent: 'BT29' }, 'running');
    t.w.add({ taskId: 'T28', label: 'test-a', dependencies: ['BT28'], parent: 'BT28' }, 'running');
    t.w.add({ taskId: 'T28-OTHER', label: 'test-a', dependencies: ['BT28-OTHER'], parent: 'BT28-OTHER' }, 'running');
    await t.tracker.poll();
    group = t.stored()[0]!;
    expect(group.triggered.map((x) => [x.taskId, x.push?.pushId])).toEqual([
      ['T29', 29],
      ['T28', 28],
    ]);
    t.w.states.set('T29', 'failed').set('T28', 'completed');
    await t.tracker.poll();
    expect(t.notes).toEqual([]); // push 26 is still to come
    backfillTask('BT26', rev(26));
    t.w.indexed.set(rev(26), ['BT26']);
    t.w.add({ taskId: 'T26', label: 'test-a', dependencies: ['BT26'], parent: 'BT26' }, 'completed');
    await t.tracker.poll();
    group = t.stored()[0]!;
    const view = viewOfGroup(group);
    expect(view.finished).toBe(true);
    expect(view.outcome).toMatchObject({
      firstFailing: { pushId: 29, revision: rev(29) },
      lastPassing: { pushId: 28, revision: rev(28) },
    });
    expect(group.backfill?.pushes.find((p) => p.pushId === 27)?.note).toMatch(/No decision task/);
    expect(t.notes).toEqual([
      `Backfill test-a: 1 failed, 2 passed. test-a first fails on push ${rev(29).slice(0, 12)}; it last passed on push ${rev(28).slice(0, 12)}.`,
    ]);
  });
});
