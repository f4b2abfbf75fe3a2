import { taskStateAt } from '../model/timeline';
import { ActionFailure, targetTask, type ActionRun } from './context';
import { scheduleLabel } from './create-tasks';

/**
 * `confirm-failures` on a failed test task: one `<label>-cf` task per failing test (at most 10), symbol
 * `<sym>-cf` in group `<grp>-cf`, tag `confirm-failure`, `MOZHARNESS_CONFIRM_PATHS` naming the test. Without
 * failing tests it falls back to a plain retrigger.
 */
export function confirmFailures(run: ActionRun): void {
  const task = targetTask(run);
  if (task.spec.kind !== 'test')
    throw new ActionFailure(`confirm-failures only applies to test tasks, not ${task.label}`);
  const state = taskStateAt(run.world.timeline(task), run.now);
  const push = run.world.pushOfTask(task);
  const tests = state === 'failed' ? (task.failingTests ?? []).slice(0, 10) : [];
  if (tests.length === 0) {
    scheduleLabel(run, push, task.spec, {
      parent: run.actionTask.taskId,
      actionTag: 'retrigger-task',
      actionName: 'confirm-failures',
      times: 1,
    });
    return;
  }
  for (const test of tests) {
    const dir = test.includes('/') ? test.slice(0, test.lastIndexOf('/')) : test;
    scheduleLabel(run, push, task.spec, {
      parent: run.actionTask.taskId,
      actionTag: 'confirm-failure',
      actionName: 'confirm-failures',
      times: 1,
      label: `${task.label}-cf`,
      symbol: `${task.symbol}-cf`,
      groupSymbol: task.groupSymbol === '?' ? 'cf' : `${task.groupSymbol}-cf`,
      groupName: `${task.groupName} (confirm failures)`,
      env: { MOZHARNESS_CONFIRM_PATHS: JSON.stringify({ [dir]: [test] }) },
      failingTests: [test],
    });
  }
}
