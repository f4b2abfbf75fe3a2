import type { App } from '../app';
import { isoZ } from '../clock';
import type { Rng } from '../rng';
import type { SimPush, SimTask } from '../model/types';
import type { World } from '../model/world';

/** The action callback failed: the action task ends `failed` and creates nothing more. */
export class ActionFailure extends Error {}

/** Everything an action callback needs, like the `parameters`/`input`/`task_id` of a Gecko callback. */
export interface ActionRun {
  app: App;
  world: World;
  rng: Rng;
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
  /** Index of the hook trigger in the event log. */
  hookTrigger: number;
  /** Every task created while handling this trigger (sub-action tasks included). */
  created: SimTask[];
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
