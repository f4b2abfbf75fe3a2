import { describe, expect, it } from 'vitest';
import type { TriggerLogEntry } from '../../../src/log/entry';
import { expectedTasks, waitingReason, type TaskState, type TrackedGroup } from '../../../src/monitor/tracked-group';
import { createTracker, type MonitorGateway } from '../../../background/monitoring/tracker';

const entry: TriggerLogEntry = {
  id: 'log-1',
  createdAt: 0,
  updatedAt: 0,
  operation: 'add-new-jobs',
  actionName: 'add-new-jobs',
  input: {},
  push: { repo: 'autoland', pushId: 3, revision: 'abcdefabcdef' },
  summary: 'Add test-a to autoland push 3',
  dedupeKey: 'k',
  expectedTasks: 1,
  machineMinutes: 10,
  state: 'triggered',
  actionTaskId: 'ACTION',
  decisionTaskId: 'DECISION',
  createdTaskIds: [],
};

function setup() {
  const states = new Map<string, TaskState>([['ACTION', 'running']]);
  const gateway: MonitorGateway = {
    states: async (_repo, ids) => new Map(ids.filter((id) => states.has(id)).map((id) => [id, states.get(id)!])),
    createdTasks: async () => [
      { taskId: 'BUILD', label: 'build-linux64/opt', dependencies: ['ACTION'] },
      { taskId: 'TEST', label: 'test-a', dependencies: ['BUILD'] },
    ],
    taskLabel: async (id) => id,
  };
  let stored: TrackedGroup[] = [];
  const badges: number[] = [];
  const notes: string[] = [];
  const schedule: boolean[] = [];
  const tracker = createTracker({
    gateway,
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
  return { tracker, states, badges, notes, schedule, stored: () => stored };
}

describe('tracker', () => {
  it('follows the action task, discovers a chain, shows what waits on what, and notifies once at the end', async () => {
    const t = setup();
    await t.tracker.track(entry, ['test-a']);
    await t.tracker.track(entry, ['test-a']); // idempotent
    expect(t.stored()).toHaveLength(1);
    expect(t.badges.at(-1)).toBe(1);

    await t.tracker.poll();
    expect(t.stored()[0]!.discovered).toBe(false);

    t.states.set('ACTION', 'completed').set('BUILD', 'running').set('TEST', 'unscheduled');
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

    t.states.set('BUILD', 'completed').set('TEST', 'failed');
    await t.tracker.poll();
    await t.tracker.poll();
    expect(t.notes).toEqual(['Add test-a to autoland push 3: 1 passed, 1 failed.']);
    expect(t.badges.at(-1)).toBe(0);
    expect(t.schedule.at(-1)).toBe(false);
  });

  it('reports an action task that failed without creating anything', async () => {
    const t = setup();
    await t.tracker.track(entry, ['test-a']);
    t.states.set('ACTION', 'failed');
    await t.tracker.poll();
    expect(t.notes).toEqual(['Add test-a to autoland push 3: the action task failed; no jobs were created.']);
  });
});
