/**
 * How to tell which tasks a trigger created, from what Taskcluster says about them (pure; the background
 * fetches). Sources: mozilla-firefox/firefox `taskcluster/gecko_taskgraph/actions/{retrigger,backfill,util}.py`,
 * taskcluster/taskgraph `src/taskgraph/create.py`, and mozilla/mozci's `check-backfills` command, which finds
 * backfilled tasks the same way (action tasks indexed on a revision, then their dependents).
 */
import type { TriggerLogEntry } from '../log/entry';
import type { BackfillTracking, TaskState } from './tracked-group';

/** What the monitor needs to know of one task. */
export interface TaskInfo {
  taskId: string;
  label: string;
  /** ISO time Taskcluster created it. */
  created: string;
  dependencies: string[];
  parent?: string | undefined;
  /** Action tasks: `extra.action`. */
  action?: { name: string; input?: unknown; clientId?: string | undefined } | undefined;
}

export interface TaskRunInfo {
  runId: number;
  reasonCreated: string;
  scheduled: string;
}

/**
 * A created task of an action task: `extra.parent` is the action task (gecko `update_parent`). Every created
 * task also depends on the action task (`update_dependencies`), so the action task's dependents are exactly
 * the push's task group filtered by `extra.parent`, and all copies of a label are among them (copies 2…N of
 * `task_duplicates` are missing from the action's task-graph.json).
 */
export function isChildOf(task: TaskInfo, actionTaskId: string): boolean {
  return task.parent === actionTaskId;
}

/** Labels a trigger asked for: `requests[].tasks` (retrigger-multiple) or `tasks` (add-new-jobs). */
export function requestedLabels(input: unknown): string[] {
  if (!input || typeof input !== 'object') return [];
  const record = input as { requests?: unknown; tasks?: unknown };
  const lists: unknown[] = Array.isArray(record.requests)
    ? record.requests.map((r) => (r && typeof r === 'object' ? (r as { tasks?: unknown }).tasks : undefined))
    : [record.tasks];
  return [...new Set(lists.flatMap((l) => (Array.isArray(l) ? l.filter((x) => typeof x === 'string') : [])))];
}

/**
 * The run a re-run added: labels that are not retriggerable get `rerunTask` when failed (gecko `_rerun_task`),
 * a run with `reasonCreated: rerun` scheduled after the action task was created.
 */
export function rerunAfter(runs: readonly TaskRunInfo[], since: string): TaskRunInfo | undefined {
  return [...runs]
    .reverse()
    .find((run) => run.reasonCreated === 'rerun' && Date.parse(run.scheduled) >= Date.parse(since));
}

/** What a backfill covers and how to find its tasks, from its trigger log entry. */
export function backfillTrackingOf(entry: TriggerLogEntry): BackfillTracking | undefined {
  if (entry.actionName !== 'backfill' || !entry.job) return undefined;
  const input = (entry.input ?? {}) as { depth?: unknown; inclusive?: unknown };
  return {
    label: entry.job.label,
    originRevision: entry.push.revision,
    originTaskId: entry.job.taskId,
    // The action's own default when depth is omitted (gecko get_pushes_from_params_input).
    depth: typeof input.depth === 'number' ? input.depth : 9,
    inclusive: input.inclusive === true,
    pushes: [],
  };
}

/**
 * Whether an action task indexed on an earlier push is the `backfill-task` our backfill fired there: same label
 * and origin revision in its input, created after our backfill's action task, and — when Taskcluster records
 * who fired the hook — fired by it (its task client id names the task).
 */
export function isBackfillTaskOf(
  task: TaskInfo,
  backfill: BackfillTracking,
  backfillActionTaskId: string,
  backfillActionCreated: string,
): boolean {
  if (task.action?.name !== 'backfill-task') return false;
  const input = (task.action.input ?? {}) as { label?: unknown; revision?: unknown };
  if (input.label !== backfill.label) return false;
  if (typeof input.revision === 'string' && !sameRevision(input.revision, backfill.originRevision)) return false;
  if (Date.parse(task.created) < Date.parse(backfillActionCreated)) return false;
  const clientId = task.action.clientId;
  return clientId === undefined || !clientId.startsWith('task-client/') || clientId.includes(backfillActionTaskId);
}

function sameRevision(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

/** A state the monitor shows for a run it follows (the task's state is its latest run's). */
export function asTaskState(state: string): TaskState {
  return (['unscheduled', 'pending', 'running', 'completed', 'failed', 'exception'] as const).includes(
    state as TaskState,
  )
    ? (state as TaskState)
    : 'pending';
}
