import { isResolvedAt } from '../model/timeline';
import type { SimTask } from '../model/types';
import { targetTask, type ActionRun } from './context';

/** `cancel`: ends the task's current run as exception/canceled (a resolved task is left alone). */
export function cancel(run: ActionRun): void {
  cancelTask(run, targetTask(run));
}

/** `cancel-all`: cancels every unresolved task of the push's task group except action tasks. */
export function cancelAll(run: ActionRun): void {
  for (const task of run.world.tasksByGroup.get(run.push.decisionTaskId) ?? []) {
    if (task.spec.kind === 'action-callback' || task.spec.kind === 'decision') continue;
    cancelTask(run, task);
  }
}

function cancelTask(run: ActionRun, task: SimTask): void {
  if (isResolvedAt(run.world.timeline(task), run.now)) return;
  const times = run.world.timeline(task);
  const current = [...times].reverse().find((r) => r.scheduled <= run.now) ?? times[0];
  const plan = current ? task.runs[current.runId] : undefined;
  if (!plan) return;
  plan.canceledAt = run.now;
  run.world.touch();
}
