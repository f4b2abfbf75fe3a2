import { createTask } from '../model/task-factory';
import { completedAt } from '../model/timeline';
import type { LabelSpec, SimPush, SimTask } from '../model/types';
import { failingTestsFor } from '../scenario/failures';
import { ActionFailure, recordCreated, type ActionRun } from './context';

/** One label of a `create_tasks` call, with what the action's `modifier` changes on it. */
export interface TaskRequest {
  spec: LabelSpec;
  /** `task_duplicates`: copies of this label; only the first is written to the graph artifacts. */
  times: number;
  label?: string;
  symbol?: string;
  groupSymbol?: string;
  groupName?: string;
  env?: Record<string, string>;
  failingTests?: string[];
  /** `tags.action` set by the modifier (confirm-failure, backfill-task); wins over the call's `actionTag`. */
  actionTag?: string;
}

export interface CreateTasksOptions {
  /** `create_tasks(action_tag=…)`: put on every created task that has none yet; absent for add-new-jobs. */
  actionTag?: string;
  /** For `/__fake/state`. */
  actionName: string;
}

/** The label's spec in the push's repository, or a failure (labels must be in the full task graph). */
export function specFor(run: ActionRun, push: SimPush, label: string): LabelSpec {
  const spec = run.world.repo(push.repo)?.catalogByLabel.get(label);
  if (!spec) throw new ActionFailure(`"${label}" is not in the full task graph of ${push.repo} push ${push.pushlogId}`);
  return spec;
}

/**
 * One `create_tasks` call (mozilla-firefox/firefox `taskcluster/gecko_taskgraph/actions/util.py`): the requested
 * labels plus any build they need that did not run on the push, created in that push's task group with
 * `extra.parent` = the action task and a dependency on it (so they wait for it to finish). Copies 2…N of a label
 * (`task_duplicates`) are created too but not written (taskcluster/taskgraph `src/taskgraph/create.py`). The
 * call's artifacts replace those of an earlier call.
 */
export function createTasks(
  run: ActionRun,
  push: SimPush,
  requests: TaskRequest[],
  options: CreateTasksOptions,
): SimTask[] {
  const listed: SimTask[] = [];
  const labelToTaskId: Record<string, string> = {};
  const created: SimTask[] = [];
  for (const request of requests) {
    const build = request.spec.buildLabel ? ensureBuild(run, push, request.spec.buildLabel, options) : undefined;
    if (build) {
      labelToTaskId[build.task.label] = build.task.taskId;
      if (build.isNew) {
        listed.push(build.task);
        created.push(build.task);
      }
    }
    const copies = newTasks(run, push, request, options, build?.task);
    const first = copies[0];
    if (first) {
      listed.push(first);
      labelToTaskId[first.label] = first.taskId;
    }
    created.push(...copies);
  }
  run.graphOutput = { listed, labelToTaskId, toRun: [...new Set(requests.map((r) => r.label ?? r.spec.label))] };
  return created;
}

function newTasks(
  run: ActionRun,
  push: SimPush,
  request: TaskRequest,
  options: CreateTasksOptions,
  build: SimTask | undefined,
): SimTask[] {
  const out: SimTask[] = [];
  const label = request.label ?? request.spec.label;
  const actionTag = request.actionTag ?? options.actionTag;
  for (let i = 0; i < request.times; i++) {
    const instance = (run.world.tasksByPush.get(push.id) ?? []).filter((t) => t.label === label).length;
    const outcome = run.app.modelFor(push.repo).outcome(label, push.id, push.index, instance, 0);
    const failingTests =
      outcome === 'failed' && request.spec.kind === 'test'
        ? (request.failingTests ?? failingTestsFor(request.spec))
        : undefined;
    const task = createTask(run.world, {
      push,
      spec: request.spec,
      label,
      created: run.now,
      dependencies: [push.decisionTaskId, run.actionTask.taskId, ...(build ? [build.taskId] : [])],
      origin: 'action',
      parent: run.actionTask.taskId,
      outcome,
      rng: run.rng,
      ...(actionTag ? { actionTag } : {}),
      ...(request.symbol ? { symbol: request.symbol } : {}),
      ...(request.groupSymbol ? { groupSymbol: request.groupSymbol } : {}),
      ...(request.groupName ? { groupName: request.groupName } : {}),
      ...(request.env ? { env: request.env } : {}),
      ...(failingTests ? { failingTests } : {}),
    });
    recordCreated(run, task, options.actionName);
    out.push(task);
  }
  return out;
}

/** The push's build for a test: an existing one that completed or is still running, else a new one. */
function ensureBuild(
  run: ActionRun,
  push: SimPush,
  buildLabel: string,
  options: CreateTasksOptions,
): { task: SimTask; isNew: boolean } {
  const existing = (run.world.tasksByPush.get(push.id) ?? [])
    .filter((t) => t.label === buildLabel && t.created <= run.now)
    .filter((t) => {
      const times = run.world.timeline(t);
      const last = times[times.length - 1];
      return Number.isFinite(completedAt(times)) || (last !== undefined && last.resolved > run.now);
    });
  const usable = existing[existing.length - 1];
  if (usable) return { task: usable, isNew: false };
  const [build] = newTasks(run, push, { spec: specFor(run, push, buildLabel), times: 1 }, options, undefined);
  if (!build) throw new ActionFailure(`could not schedule ${buildLabel}`);
  return { task: build, isNew: true };
}
