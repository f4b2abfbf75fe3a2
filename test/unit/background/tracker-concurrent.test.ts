/**
 * A trigger tracked while a polling round waits for Taskcluster (the popup polls and steps bisections at once, so a
 * probe is sent mid-round) is kept: the round does not overwrite it with the list it loaded before.
 */
import { expect, it } from 'vitest';
import { createTracker, type MonitorGateway } from '../../../background/monitoring/tracker';
import type { TriggerLogEntry } from '../../../src/log/entry';
import type { TaskState, TrackedGroup } from '../../../src/monitor/tracked-group';

const entry = (id: string): TriggerLogEntry => ({
  id,
  createdAt: 0,
  updatedAt: 0,
  operation: 'retrigger',
  actionName: 'retrigger-multiple',
  input: { requests: [{ tasks: ['test-a'], times: 1 }] },
  push: { repo: 'autoland', pushId: 30, revision: 'a'.repeat(40) },
  summary: `Retrigger test-a (${id})`,
  dedupeKey: id,
  expectedTasks: 1,
  machineMinutes: 10,
  state: 'triggered',
  actionTaskId: `ACTION-${id}`,
  decisionTaskId: 'DECISION',
  createdTaskIds: [],
});

it('keeps a trigger tracked during a polling round', async () => {
  let stored: TrackedGroup[] = [];
  let answer: (states: Map<string, TaskState>) => void = () => undefined;
  const unused = async (): Promise<never> => {
    throw new Error('not read here');
  };
  const gateway: MonitorGateway = {
    states: () => new Promise((resolve) => (answer = resolve)),
    taskInfo: unused,
    dependents: unused,
    tasksOfLabel: unused,
    pushesBefore: unused,
    actionTasksOfRevision: unused,
    hasDecisionTask: unused,
  };
  const tracker = createTracker({
    gateway,
    load: async () => structuredClone(stored),
    save: async (groups) => {
      stored = structuredClone(groups);
    },
    setBadge: async () => undefined,
    notify: async () => undefined,
    schedulePolling: async () => undefined,
    now: () => 1,
  });
  await tracker.track(entry('first'));
  const round = tracker.poll();
  await new Promise((r) => setTimeout(r, 0)); // the round now waits for Taskcluster's states
  await tracker.track(entry('second'));
  answer(new Map([['ACTION-first', 'running']]));
  await round;
  expect(stored.map((g) => g.logId)).toEqual(['first', 'second']);
  expect(stored[0]!.actionState).toBe('running');
});
