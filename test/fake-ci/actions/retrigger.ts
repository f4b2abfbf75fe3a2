import { addRerun } from '../model/task-factory';
import { taskStateAt } from '../model/timeline';
import type { LabelSpec, SimTask } from '../model/types';
import {
  ActionFailure,
  inputBoolean,
  inputLabels,
  inputNumber,
  targetTask,
  taskIdsOfLabel,
  type ActionRun,
} from './context';
import { createTasks, specFor } from './create-tasks';

/**
 * `retrigger-multiple`: `{requests: [{tasks, times}]}` on a push (mozilla-firefox/firefox
 * `taskcluster/gecko_taskgraph/actions/retrigger.py`). Labels that are not retriggerable are re-run: every task
 * of the label the push knows gets a new run when it failed or hit an exception; no task is created. The
 * others are created in one `create_tasks` call with `task_duplicates = times`, so the action task's
 * `task-graph.json` lists one task per label although `times` tasks exist.
 */
export function retriggerMultiple(run: ActionRun): void {
  const requests = run.input['requests'];
  if (!Array.isArray(requests)) throw new ActionFailure('input.requests must be an array of {tasks, times}');
  const duplicates = new Map<string, { spec: LabelSpec; times: number }>();
  for (const r of requests as unknown[]) {
    const req = (r ?? {}) as Record<string, unknown>;
    const times = inputNumber(req, 'times', 1, 1, 100);
    for (const label of inputLabels(req, 'tasks')) {
      const spec = specFor(run, run.push, label);
      if (!spec.retriggerable) {
        for (const taskId of taskIdsOfLabel(run, run.push, label)) {
          const task = run.world.tasks.get(taskId);
          if (task) rerunIfFailed(run, task);
        }
      } else {
        // The modifier loops over every request: the last one naming the label sets its duplicates.
        duplicates.set(label, { spec, times });
      }
    }
  }
  createTasks(
    run,
    run.push,
    [...duplicates.values()].map(({ spec, times }) => ({ spec, times })),
    { actionTag: 'retrigger-multiple-task', actionName: 'retrigger-multiple' },
  );
}

/**
 * Task-level `retrigger`: `{times, downstream, force}`; a label that is not retriggerable makes the action task
 * fail unless forced. One `create_tasks` call with `task_duplicates = times` (listed once).
 */
export function retrigger(run: ActionRun): void {
  const task = targetTask(run);
  const times = inputNumber(run.input, 'times', 1, 1, 100);
  if (!task.spec.retriggerable && !inputBoolean(run.input, 'force', false)) {
    throw new ActionFailure(`${task.label} should not be retriggered and force was not given`);
  }
  retriggerTask(run, task, times, 'retrigger');
}

/** The shared body of `retrigger` (also confirm-failures' fallback): the task's own label, cloned `times` times. */
export function retriggerTask(run: ActionRun, task: SimTask, times: number, actionName: string): void {
  createTasks(run, run.world.pushOfTask(task), [{ spec: task.spec, times, label: task.label }], {
    actionTag: 'retrigger-task',
    actionName,
  });
}

/** `rerun`: a new run of the same task, only when it failed or hit an exception (`queue.rerunTask`). */
export function rerun(run: ActionRun): void {
  rerunIfFailed(run, targetTask(run));
}

function rerunIfFailed(run: ActionRun, task: SimTask): void {
  const state = taskStateAt(run.world.timeline(task), run.now);
  if (state !== 'failed' && state !== 'exception') return;
  const push = run.world.pushOfTask(task);
  const outcome = run.app.modelFor(task.repo).outcome(task.label, push.id, push.index, 0, task.runs.length);
  addRerun(run.world, task, run.now, outcome, run.rng);
}
