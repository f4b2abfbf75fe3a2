import type { App } from '../app';
import { isoZ } from '../clock';
import type { Rng } from '../rng';
import type { SimPush, SimTask } from '../model/types';
import type { World } from '../model/world';

/** The action callback failed: the action task ends `failed` and creates nothing more. */
export class ActionFailure extends Error {}

/**
 * What one `create_tasks` call of an in-tree action wrote (mozilla-firefox/firefox
 * `taskcluster/gecko_taskgraph/actions/util.py`): `task-graph.json` holds the optimized graph it submitted —
 * only the first copy of a label with `task_duplicates` (taskcluster/taskgraph `src/taskgraph/create.py` gives
 * copies 2…N fresh ids after the graph is written) — and `label-to-taskid.json` maps its labels, reused
 * dependencies included. A later call without a suffix overwrites both.
 */
export interface GraphOutput {
  listed: SimTask[];
  labelToTaskId: Record<string, string>;
  toRun: string[];
}

/** Everything an action callback needs, like the `parameters`/`input`/`task_id` of a Gecko callback. */
export interface ActionRun {
  app: App;
  world: World;
  rng: Rng;
  /** Simulated time at which the callback runs (while its action task runs). */
  now: number;
  /** `decision.action.cb_name`. */
  cbName: string;
  /** Permission of the hook that was triggered (`generic`, `backfill`, …). */
  hookPermission: string;
  /** Push whose decision task is `user.taskGroupId`. */
  push: SimPush;
  decision: SimTask;
  taskId: string | null;
  input: Record<string, unknown>;
  clientId: string;
  actionTask: SimTask;
  /** Index of the client's hook trigger in the event log that started this chain of actions. */
  hookTrigger: number;
  /** Every task created by this callback. */
  created: SimTask[];
  /** The artifacts of the last `create_tasks` call; none when the callback never called it. */
  graphOutput?: GraphOutput;
}

/** Notes a created task in the run and in `/__fake/state`. */
export function recordCreated(run: ActionRun, task: SimTask, actionName: string): void {
  run.created.push(task);
  const push = run.world.pushOfTask(task);
  run.app.log.tasksCreated.push({
    taskId: task.taskId,
    label: task.label,
    repo: task.repo,
    pushId: task.pushId,
    revision: push.revision,
    taskGroupId: task.taskGroupId,
    parent: task.parent,
    actionName,
    actionTag: task.actionTag ?? null,
    symbol: task.symbol,
    groupSymbol: task.groupSymbol,
    dependencies: task.dependencies,
    createdAt: isoZ(task.created),
    hookTrigger: run.hookTrigger,
  });
}

export function inputNumber(
  input: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = input[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ActionFailure(`input.${key} must be an integer between ${min} and ${max}`);
  }
  return v;
}

export function inputBoolean(input: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = input[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new ActionFailure(`input.${key} must be a boolean`);
  return v;
}

export function inputLabels(input: Record<string, unknown>, key: string): string[] {
  const v = input[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new ActionFailure(`input.${key} must be an array of task labels`);
  return v as string[];
}

export function targetTask(run: ActionRun): SimTask {
  const task = run.taskId ? run.world.tasks.get(run.taskId) : undefined;
  if (!task) throw new ActionFailure(`action ${run.cbName} needs a taskId of an existing task (got ${run.taskId})`);
  return task;
}

/**
 * Every task id the push knows for a label: the decision task's `label-to-taskid.json` plus those of the
 * push's action tasks (gecko `fetch_graph_and_labels`, `label_to_taskids`).
 */
export function taskIdsOfLabel(run: ActionRun, push: SimPush, label: string): string[] {
  const out: string[] = [];
  for (const task of run.world.tasksByPush.get(push.id) ?? []) {
    if (task.label !== label || task.created > run.now) continue;
    if (task.origin === 'decision' || task.listedInGraph) out.push(task.taskId);
  }
  return out;
}
