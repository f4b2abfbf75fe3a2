import type { PushRef } from '../actions/intents';

export type TaskState = 'unscheduled' | 'pending' | 'running' | 'completed' | 'failed' | 'exception';
const FINAL: ReadonlySet<TaskState> = new Set(['completed', 'failed', 'exception']);

export interface TrackedTask {
  taskId: string;
  label: string;
  state: TaskState;
  /** Upstream task ids this one waits for (e.g. the build a test needs). */
  dependsOn: string[];
}

/**
 * The monitoring model of one trigger ("the data structure for monitoring"): three sets —
 *  - triggered: tasks the action created, with live states;
 *  - runnable: labels the trigger asked for (what could be triggered);
 *  - expected: triggered tasks still unscheduled, each waiting for an upstream task.
 * `expected` is derived from `triggered` and `upstream`, never stored twice.
 */
export interface TrackedGroup {
  logId: string;
  summary: string;
  operation: string;
  push: PushRef;
  decisionTaskId: string;
  actionTaskId: string;
  actionState: TaskState;
  createdAt: number;
  /** True once the action task finished and the tasks it created are known. */
  discovered: boolean;
  triggered: TrackedTask[];
  runnable: string[];
  /** Upstream tasks (not created by this trigger) that triggered tasks wait on. */
  upstream: TrackedTask[];
  finishedAt?: number | undefined;
  notified: boolean;
  /** Why discovery or polling failed last time, as a sentence. */
  problem?: string | undefined;
}

export interface ExpectedTask {
  taskId: string;
  label: string;
  waitingFor: { taskId: string; label: string; state: TaskState }[];
}

export function isFinal(state: TaskState): boolean {
  return FINAL.has(state);
}

export function expectedTasks(group: TrackedGroup): ExpectedTask[] {
  const known = new Map([...group.triggered, ...group.upstream].map((t) => [t.taskId, t]));
  return group.triggered
    .filter((task) => task.state === 'unscheduled')
    .map((task) => ({
      taskId: task.taskId,
      label: task.label,
      waitingFor: task.dependsOn
        .map((id) => known.get(id))
        .filter((t): t is TrackedTask => t !== undefined && !isFinal(t.state) && !isActionTask(t, group))
        .map((t) => ({ taskId: t.taskId, label: t.label, state: t.state })),
    }));
}

function isActionTask(task: TrackedTask, group: TrackedGroup): boolean {
  return task.taskId === group.actionTaskId;
}

/** "waiting for build-linux64/opt (running)" — what an unscheduled task is blocked on. */
export function waitingReason(group: TrackedGroup, taskId: string): string | undefined {
  const expected = expectedTasks(group).find((t) => t.taskId === taskId);
  if (!expected || expected.waitingFor.length === 0) return undefined;
  return `waiting for ${expected.waitingFor.map((w) => `${w.label} (${w.state})`).join(', ')}`;
}

export interface GroupProgress {
  total: number;
  passed: number;
  failed: number;
  inFlight: number;
}

export function groupProgress(group: TrackedGroup): GroupProgress {
  let passed = 0;
  let failed = 0;
  for (const task of group.triggered) {
    if (task.state === 'completed') passed++;
    else if (task.state === 'failed' || task.state === 'exception') failed++;
  }
  return { total: group.triggered.length, passed, failed, inFlight: group.triggered.length - passed - failed };
}

/** Finished when the action ran and every task it created reached a final state. */
export function isGroupFinished(group: TrackedGroup): boolean {
  if (group.actionState === 'failed' || group.actionState === 'exception') return true;
  return group.discovered && group.triggered.every((t) => isFinal(t.state));
}

/** Tasks the poller must ask about: the action task until discovered, then created and upstream tasks not final. */
export function taskIdsToPoll(group: TrackedGroup): string[] {
  if (isGroupFinished(group)) return [];
  if (!group.discovered) return [group.actionTaskId];
  return [...group.triggered, ...group.upstream].filter((t) => !isFinal(t.state)).map((t) => t.taskId);
}

/** Applies fresh states from the queue's bulk status call. */
export function applyStates(group: TrackedGroup, states: ReadonlyMap<string, TaskState>, now: number): TrackedGroup {
  const update = (t: TrackedTask): TrackedTask => {
    const state = states.get(t.taskId);
    return state && state !== t.state ? { ...t, state } : t;
  };
  const next: TrackedGroup = {
    ...group,
    actionState: states.get(group.actionTaskId) ?? group.actionState,
    triggered: group.triggered.map(update),
    upstream: group.upstream.map(update),
  };
  if (!next.finishedAt && isGroupFinished(next)) next.finishedAt = now;
  return next;
}

/** Tasks in flight across all groups: the number on the toolbar badge. */
export function inFlightCount(groups: readonly TrackedGroup[]): number {
  return groups.reduce(
    (sum, g) =>
      sum + (isGroupFinished(g) ? 0 : g.discovered ? groupProgress(g).inFlight : Math.max(1, g.runnable.length)),
    0,
  );
}

/** The notification text for a finished group. */
export function finishedMessage(group: TrackedGroup): string {
  if (group.actionState === 'failed' || group.actionState === 'exception') {
    return `${group.summary}: the action task ${group.actionState === 'failed' ? 'failed' : 'hit an exception'}; no jobs were created.`;
  }
  const p = groupProgress(group);
  return `${group.summary}: ${p.passed} passed, ${p.failed} failed.`;
}
