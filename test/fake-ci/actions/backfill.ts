import type { SimPush } from '../model/types';
import { createActionTask, finishActionTask } from './action-task';
import { ActionFailure, inputBoolean, inputNumber, targetTask, type ActionRun } from './context';
import { scheduleLabel } from './create-tasks';

/**
 * `backfill` (hook permission `backfill`): runs the task's label on the `depth` pushes before its push (9 when
 * omitted; `inclusive` adds the push itself). As in Gecko, each covered push gets its own `backfill-task`
 * action task in that push's task group, which creates `times` tasks with symbol `<sym>-<rev[:11]>-bk` in
 * group `<grp>-bk` and tag `backfill-task`; with `retrigger: false`, pushes where the label ran are skipped.
 */
export function backfill(run: ActionRun): void {
  if (run.hookPermission !== 'backfill') {
    throw new ActionFailure(
      `backfill needs the in-tree-action-<level>-backfill hook, not the ${run.hookPermission} one`,
    );
  }
  const task = targetTask(run);
  const origin = run.world.pushOfTask(task);
  const depth = inputNumber(run.input, 'depth', 9, 1, 25);
  const inclusive = inputBoolean(run.input, 'inclusive', false);
  const times = inputNumber(run.input, 'times', 1, 1, 10);
  const retrigger = inputBoolean(run.input, 'retrigger', true);
  inputNumber(run.input, 'slices', 0, 0, 25);
  const unknown = Object.keys(run.input).filter(
    (k) => !['depth', 'inclusive', 'times', 'retrigger', 'slices', 'testPath'].includes(k),
  );
  if (unknown.length) throw new ActionFailure(`backfill input has unknown properties: ${unknown.join(', ')}`);

  const endId = inclusive ? origin.pushlogId : origin.pushlogId - 1;
  const count = depth + (inclusive ? 1 : 0);
  const repo = run.world.repo(origin.repo);
  const pushes = (repo?.pushes ?? []).filter((p) => p.pushlogId <= endId && p.pushlogId > endId - count).reverse();
  for (const push of pushes) backfillTask(run, push, task.label, origin.revision, times, retrigger);
}

/**
 * `backfill-task` triggered directly on a push: `{label, revision, symbol, times, retrigger}`; creates the
 * tasks under this action task.
 */
export function backfillTaskAction(run: ActionRun): void {
  const label = typeof run.input['label'] === 'string' ? run.input['label'] : '';
  const revision = typeof run.input['revision'] === 'string' ? run.input['revision'] : run.push.revision;
  const times = inputNumber(run.input, 'times', 1, 1, 10);
  const retrigger = inputBoolean(run.input, 'retrigger', true);
  const catalog = run.world.repo(run.push.repo)?.catalogByLabel;
  const spec = catalog?.get(label) ?? catalog?.get(label.replace(/-\d+$/, '')) ?? catalog?.get(`${label}-1`);
  if (!spec) throw new ActionFailure(`${label || '(no label)'} is not in the task graph of push ${run.push.pushlogId}`);
  if (!retrigger && (run.world.tasksByPush.get(run.push.id) ?? []).some((t) => t.label === spec.label)) return;
  // With test manifests the task runs only those (gecko backfill.py `backfill_modifier`: MOZHARNESS_TEST_PATHS,
  // and the symbol of the task in the graph with `-<rev[:11]>-bk`).
  const env = testPathsEnv(run.input['test_manifests']);
  const symbol =
    typeof run.input['symbol'] === 'string' && run.input['symbol'] && !env
      ? run.input['symbol']
      : `${spec.symbol}-${revision.slice(0, 11)}-bk`;
  scheduleLabel(run, run.push, spec, {
    ...(env ? { env } : {}),
    parent: run.actionTask.taskId,
    actionTag: 'backfill-task',
    actionName: 'backfill-task',
    times,
    symbol,
    groupSymbol: spec.groupSymbol === '?' ? '?' : `${spec.groupSymbol}-bk`,
    groupName: spec.groupSymbol === '?' ? spec.groupName : `${spec.groupName} (backfill)`,
  });
}

/** `MOZHARNESS_TEST_PATHS` from a `test_manifests` input: `{suite: [manifest…]}` (what backfill passes) or a list. */
function testPathsEnv(manifests: unknown): Record<string, string> | undefined {
  const given = Array.isArray(manifests) ? manifests.length > 0 : !!manifests && typeof manifests === 'object';
  if (!given || (!Array.isArray(manifests) && Object.keys(manifests as object).length === 0)) return undefined;
  return { MOZHARNESS_TEST_PATHS: JSON.stringify(manifests) };
}

function backfillTask(
  run: ActionRun,
  push: SimPush,
  label: string,
  revision: string,
  times: number,
  retrigger: boolean,
): void {
  if (!run.world.tasks.get(push.decisionTaskId)) return;
  const input = { label, revision, times, retrigger, symbol: '', test_manifests: [] as string[] };
  const action = createActionTask(
    run.app,
    push,
    {
      name: 'backfill-task',
      title: 'Backfill task on a push.',
      symbol: 'backfill-task',
      taskId: null,
      input,
      clientId: run.clientId,
    },
    run.now,
    run.rng,
  );
  run.created.push(action);
  const before = run.created.length;
  try {
    const catalog = run.world.repo(push.repo)?.catalogByLabel;
    const spec = catalog?.get(label) ?? catalog?.get(label.replace(/-\d+$/, '')) ?? catalog?.get(`${label}-1`);
    if (!spec) throw new ActionFailure(`${label} is not in the task graph of push ${push.pushlogId}`);
    const ran = (run.world.tasksByPush.get(push.id) ?? []).some((t) => t.label === spec.label);
    if (!retrigger && ran) {
      finishActionTask(run.app, action, [], undefined);
      return;
    }
    const bkSymbol = `${spec.symbol}-${revision.slice(0, 11)}-bk`;
    input.symbol = bkSymbol;
    scheduleLabel(run, push, spec, {
      parent: action.taskId,
      actionTag: 'backfill-task',
      actionName: 'backfill',
      times,
      symbol: bkSymbol,
      groupSymbol: spec.groupSymbol === '?' ? '?' : `${spec.groupSymbol}-bk`,
      groupName: spec.groupSymbol === '?' ? spec.groupName : `${spec.groupName} (backfill)`,
    });
    finishActionTask(run.app, action, run.created.slice(before), undefined);
  } catch (err) {
    finishActionTask(run.app, action, [], err instanceof Error ? err.message : String(err));
  }
}
