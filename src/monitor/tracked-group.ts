import type { PushRef } from '../actions/intents';

export type TaskState = 'unscheduled' | 'pending' | 'running' | 'completed' | 'failed' | 'exception';
const FINAL: ReadonlySet<TaskState> = new Set(['completed', 'failed', 'exception']);

export interface TrackedTask {
  taskId: string;
  label: string;
  state: TaskState;
  /** Upstream task ids this one waits for (e.g. the build a test needs). */
  dependsOn: string[];
  /** The push the task runs on when it is not the trigger's push (backfills). */
  push?: { pushId: number; revision: string } | undefined;
  /** A re-run: the trigger added run `rerunId` to this existing task instead of creating one. */
  rerunId?: number | undefined;
}

/** One earlier push a backfill covers and the `backfill-task` action task that runs there. */
export interface BackfillPush {
  pushId: number;
  revision: string;
  /** The backfill-task action task found on this push's revision. */
  actionTaskId?: string | undefined;
  /** Its action task was found and its tasks listed, or it is known that none will come. */
  discovered: boolean;
  /** Why nothing is followed on this push, as a sentence. */
  note?: string | undefined;
  /** Whether the push's decision task is indexed, once asked (the backfill skips pushes without one). */
  hasDecision?: boolean | undefined;
}

/**
 * A backfill creates nothing itself: its action task fires `backfill-task` on each earlier push, and the
 * action task that makes there creates the tasks (gecko `actions/backfill.py`). This is what is needed to find
 * them and to say what the backfill found.
 */
export interface BackfillTracking {
  label: string;
  /** Head revision of the push the backfill started from (`input.revision` of every backfill-task). */
  originRevision: string;
  /** The task that was backfilled, and its state: the newest known result. */
  originTaskId?: string | undefined;
  originState?: TaskState | undefined;
  depth: number;
  inclusive: boolean;
  /** Covered pushes, newest first; empty until listed. */
  pushes: BackfillPush[];
  /** When the backfill action task was first seen completed (wall clock); the wait for backfill-tasks starts. */
  actionDoneAt?: number | undefined;
}

/**
 * The monitoring model of one trigger ("the data structure for monitoring"): three sets —
 *  - triggered: tasks the action created (every copy), or re-ran, with live states;
 *  - runnable: labels the trigger asked for (what could be triggered);
 *  - expected: triggered tasks still unscheduled, each waiting for an upstream task.
 * `expected` is derived from `triggered` and `upstream`, never stored twice.
 */
export interface TrackedGroup {
  logId: string;
  summary: string;
  operation: string;
  /** The in-tree action that was triggered (retrigger-multiple, add-new-jobs, backfill, …). */
  actionName?: string | undefined;
  push: PushRef;
  decisionTaskId: string;
  actionTaskId: string;
  actionState: TaskState;
  /** `created` of the action task as Taskcluster recorded it (ISO): later runs and tasks are this trigger's. */
  actionCreated?: string | undefined;
  createdAt: number;
  /** True once every task the trigger created or re-ran is known. */
  discovered: boolean;
  triggered: TrackedTask[];
  runnable: string[];
  /** Upstream tasks (not created by this trigger) that triggered tasks wait on. */
  upstream: TrackedTask[];
  backfill?: BackfillTracking | undefined;
  /** Things worth knowing that are not tasks ("test-x was not re-run: it had not failed"). */
  notes?: string[] | undefined;
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
  return (
    task.taskId === group.actionTaskId || (group.backfill?.pushes ?? []).some((p) => p.actionTaskId === task.taskId)
  );
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

export function actionFailed(group: TrackedGroup): boolean {
  return group.actionState === 'failed' || group.actionState === 'exception';
}

/** Finished when the action ran and every task it created (on every push concerned) reached a final state. */
export function isGroupFinished(group: TrackedGroup): boolean {
  if (actionFailed(group)) return true;
  return group.discovered && group.triggered.every((t) => isFinal(t.state));
}

/**
 * Tasks the poller must ask about: the action task until it is final, a backfill's origin task and its
 * backfill-task action tasks, then created and upstream tasks that are not final.
 */
export function taskIdsToPoll(group: TrackedGroup): string[] {
  if (isGroupFinished(group)) return [];
  const ids = [...group.triggered, ...group.upstream].filter((t) => !isFinal(t.state)).map((t) => t.taskId);
  if (!isFinal(group.actionState)) ids.push(group.actionTaskId);
  const backfill = group.backfill;
  if (backfill?.originTaskId && !(backfill.originState && isFinal(backfill.originState)))
    ids.push(backfill.originTaskId);
  return ids;
}

/** Applies fresh states from the queue's bulk status call. */
export function applyStates(group: TrackedGroup, states: ReadonlyMap<string, TaskState>, now: number): TrackedGroup {
  const update = (t: TrackedTask): TrackedTask => {
    const state = states.get(t.taskId);
    return state && state !== t.state ? { ...t, state } : t;
  };
  const backfill = group.backfill;
  const originState = backfill?.originTaskId ? states.get(backfill.originTaskId) : undefined;
  const next: TrackedGroup = {
    ...group,
    actionState: states.get(group.actionTaskId) ?? group.actionState,
    triggered: group.triggered.map(update),
    upstream: group.upstream.map(update),
    ...(backfill && originState ? { backfill: { ...backfill, originState } } : {}),
  };
  if (!next.finishedAt && isGroupFinished(next)) next.finishedAt = now;
  return next;
}

/** Tasks in flight across all groups: the number on the toolbar badge. */
export function inFlightCount(groups: readonly TrackedGroup[]): number {
  return groups.reduce(
    (sum, g) =>
      sum +
      (isGroupFinished(g)
        ? 0
        : g.discovered
          ? groupProgress(g).inFlight
          : Math.max(1, groupProgress(g).inFlight, g.runnable.length)),
    0,
  );
}
