import { taskStateAt } from '../model/timeline';
import { ActionFailure, targetTask, type ActionRun } from './context';
import { createTasks } from './create-tasks';
import { retriggerTask } from './retrigger';

/** gecko's `get_failures` stops reading an errorsummary once it holds more than 10 tests. */
const MAX_TESTS = 11;

/**
 * `confirm-failures` on a failed test task (gecko `taskcluster/gecko_taskgraph/actions/confirm_failure.py`): one
 * `<label>-cf` task per failing test, symbol `<sym>-cf` in group `<grp>-cf`, tag `confirm-failure`,
 * `MOZHARNESS_CONFIRM_PATHS` naming the test. Each failure is its own `create_tasks` call without a suffix, so
 * each overwrites the action task's artifacts and `task-graph.json` lists only the last. Without failing tests
 * it is a plain retrigger of the task (which fails when the label is not retriggerable).
 */
export function confirmFailures(run: ActionRun): void {
  const task = targetTask(run);
  if (task.spec.kind !== 'test')
    throw new ActionFailure(`confirm-failures only applies to test tasks, not ${task.label}`);
  const state = taskStateAt(run.world.timeline(task), run.now);
  const tests = state === 'failed' ? [...new Set(task.failingTests ?? [])].slice(0, MAX_TESTS) : [];
  if (tests.length === 0) {
    if (!task.spec.retriggerable) throw new ActionFailure(`${task.label} should not be retriggered`);
    retriggerTask(run, task, 1, 'confirm-failures');
    return;
  }
  const push = run.world.pushOfTask(task);
  for (const test of tests) {
    const dir = test.includes('/') ? test.slice(0, test.lastIndexOf('/')) : test;
    const suite = task.spec.suite?.replace(/-\d+$/, '') ?? 'test';
    createTasks(
      run,
      push,
      [
        {
          spec: task.spec,
          times: 1,
          label: `${task.label}-cf`,
          symbol: `${task.symbol}-cf`,
          groupSymbol: task.groupSymbol === '?' ? 'cf' : `${task.groupSymbol}-cf`,
          groupName: `${task.groupName} (confirm failures)`,
          env: {
            MOZHARNESS_TEST_PATHS: JSON.stringify({ [suite]: [dir] }),
            MOZHARNESS_CONFIRM_PATHS: JSON.stringify({ [suite]: [test] }),
            MOZLOG_DUMP_ALL_TESTS: '1',
          },
          failingTests: [test],
          actionTag: 'confirm-failure',
        },
      ],
      { actionName: 'confirm-failures' },
    );
  }
}
