import { addRerun } from '../model/task-factory';
import { taskStateAt } from '../model/timeline';
import type { SimTask } from '../model/types';
import { ActionFailure, inputBoolean, inputLabels, inputNumber, targetTask, type ActionRun } from './context';
import { scheduleLabel, specFor } from './create-tasks';

/**
 * `retrigger-multiple`: `{requests: [{tasks, times}]}` on a push. Retriggerable labels are cloned `times`
 * times; others (builds) get a new run of their existing task when it failed.
 */
export function retriggerMultiple(run: ActionRun): void {
  const requests = run.input['requests'];
  if (!Array.isArray(requests)) throw new ActionFailure('input.requests must be an array of {tasks, times}');
  const plans = requests.map((r: unknown) => {
    const req = (r ?? {}) as Record<string, unknown>;
    const labels = inputLabels(req, 'tasks');
    return { specs: labels.map((l) => specFor(run, run.push, l)), times: inputNumber(req, 'times', 1, 1, 100) };
  });
  for (const { specs, times } of plans) {
    for (const spec of specs) {
      if (spec.retriggerable) {
        scheduleLabel(run, run.push, spec, {
          parent: run.actionTask.taskId,
          actionTag: 'retrigger-multiple-task',
          actionName: 'retrigger-multiple',
          times,
        });
      } else {
        const existing = (run.world.tasksByPush.get(run.push.id) ?? []).filter((t) => t.label === spec.label).at(-1);
        if (existing) rerunIfFailed(run, existing);
      }
    }
  }
}

/** Task-level `retrigger`: `{times, downstream, force}`; refuses non-retriggerable tasks unless forced. */
export function retrigger(run: ActionRun): void {
  const task = targetTask(run);
  const times = inputNumber(run.input, 'times', 1, 1, 100);
  if (!task.spec.retriggerable && !inputBoolean(run.input, 'force', false)) {
    throw new ActionFailure(`${task.label} is not retriggerable (retrigger: false); use force`);
  }
  const push = run.world.pushOfTask(task);
  scheduleLabel(run, push, task.spec, {
    parent: run.actionTask.taskId,
    actionTag: 'retrigger-task',
    actionName: 'retrigger',
    times,
    label: task.label,
    symbol: task.symbol,
    groupSymbol: task.groupSymbol,
    groupName: task.groupName,
  });
}

/** `rerun`: a new run of the same task, only when it failed or hit an exception. */
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
