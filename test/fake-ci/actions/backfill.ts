import { isoZ } from '../clock';
import { taskStateAt } from '../model/timeline';
import type { LabelSpec, SimPush } from '../model/types';
import { ACTIONS } from '../taskcluster/actions-json';
import { fireActionHook } from './fire-hook';
import { ActionFailure, inputBoolean, inputNumber, targetTask, taskIdsOfLabel, type ActionRun } from './context';
import { createTasks } from './create-tasks';

const BACKFILL_INPUTS = ['depth', 'inclusive', 'times', 'retrigger', 'slices', 'testPath'];

/**
 * `backfill` (hook permission `backfill`; mozilla-firefox/firefox `taskcluster/gecko_taskgraph/actions/backfill.py`):
 * creates no task itself and writes no `task-graph.json`. For each of the `depth` pushes before its push (9
 * when omitted; `inclusive` adds the push itself) that has a decision task (index
 * `gecko.v2.<project>.pushlog-id.<id>.decision`), it fires that push's `backfill-task` hook with
 * `{label, revision, times, symbol, retrigger, test_manifests}`; each makes an action task in that push's task
 * group, which later creates the tasks. `slices` is accepted and not modelled (every push is covered).
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
  const unknown = Object.keys(run.input).filter((k) => !BACKFILL_INPUTS.includes(k));
  if (unknown.length) throw new ActionFailure(`backfill input has unknown properties: ${unknown.join(', ')}`);

  const endId = inclusive ? origin.pushlogId : origin.pushlogId - 1;
  const count = depth + (inclusive ? 1 : 0);
  const repo = run.world.repo(origin.repo);
  const pushes = (repo?.pushes ?? []).filter((p) => p.pushlogId <= endId && p.pushlogId > endId - count);
  const testPaths = task.env['MOZHARNESS_TEST_PATHS'];
  const input: Record<string, unknown> = {
    label: task.label,
    revision: origin.revision,
    times,
    symbol: task.symbol,
    retrigger,
    ...(testPaths ? { test_manifests: JSON.parse(testPaths) as unknown } : {}),
  };
  for (const push of pushes) fireBackfillTask(run, push, input);
}

/** The backfill action task triggers `backfill-task` on one push, with its task credentials. */
function fireBackfillTask(run: ActionRun, push: SimPush, input: Record<string, unknown>): void {
  const indexed = run.world.index.get(`gecko.v2.${push.repo}.pushlog-id.${push.pushlogId}.decision`);
  const decision = indexed ? run.world.tasks.get(indexed.taskId) : undefined;
  const completed = decision && taskStateAt(run.world.timeline(decision), run.now) === 'completed';
  if (!decision || !completed) return; // not indexed: "Could not find decision task for push", skipped
  const def = ACTIONS.find((a) => a.name === 'backfill-task');
  const repo = run.world.repo(push.repo);
  if (!def || !repo) return;
  const hookId = `in-tree-action-${repo.info.level}-backfill/${repo.info.hookHash}`;
  const actionTask = fireActionHook(run.app, {
    push,
    decision,
    hookPermission: 'backfill',
    payload: {
      decision: {
        action: { name: def.name, cb_name: def.name, title: def.title, symbol: def.symbol },
        push: { pushlog_id: String(push.pushlogId), revision: push.revision },
        repository: { project: push.repo, level: repo.info.level },
      },
      user: { input, taskId: null, taskGroupId: decision.taskId },
    },
    clientId: `task-client/${run.actionTask.taskId}/0/on/us-east1/${run.actionTask.runs[0]?.workerId ?? 'worker'}`,
    hookTrigger: run.hookTrigger,
    now: run.now,
  });
  run.app.log.actionHookFires.push({
    simTime: isoZ(run.now),
    firedByTaskId: run.actionTask.taskId,
    hookGroupId: 'project-gecko',
    hookId,
    actionName: 'backfill-task',
    pushId: push.id,
    actionTaskId: actionTask.taskId,
    input,
  });
}

/**
 * `backfill-task` on a push (`add_task_with_original_manifests`): `{label, revision, symbol, times, retrigger,
 * test_manifests}`. Skipped when `retrigger` is false and the push already has the label; a missing chunk falls
 * back to the unchunked label or chunk 1. One `create_tasks` call with `task_duplicates = times`. Only with
 * `test_manifests` does the modifier rename the symbol `<symbol>-<rev[:11]>-bk` (group `<grp>-bk`) and tag the
 * task `backfill-task`; without, the task keeps its symbol. Its `extra.parent` is this action task.
 */
export function backfillTaskAction(run: ActionRun): void {
  const label = typeof run.input['label'] === 'string' ? run.input['label'] : '';
  const revision = typeof run.input['revision'] === 'string' ? run.input['revision'] : run.push.revision;
  const times = inputNumber(run.input, 'times', 1, 1, 10);
  const retrigger = inputBoolean(run.input, 'retrigger', true);
  if (!retrigger && taskIdsOfLabel(run, run.push, label).length > 0) return;
  const spec = labelOrChunk(run, run.push, label);
  const manifests = run.input['test_manifests'];
  const withManifests =
    manifests !== undefined && manifests !== null && (!Array.isArray(manifests) || manifests.length > 0);
  const symbol = typeof run.input['symbol'] === 'string' && run.input['symbol'] ? run.input['symbol'] : spec.symbol;
  createTasks(
    run,
    run.push,
    [
      {
        spec,
        times,
        // With manifests the modifier keeps the original label even when another chunk was taken.
        label: withManifests ? label : spec.label,
        ...(withManifests
          ? {
              symbol: /-[a-z0-9]{11}-bk$/.test(symbol) ? symbol : `${symbol}-${revision.slice(0, 11)}-bk`,
              ...(spec.groupSymbol === '?'
                ? {}
                : {
                    groupSymbol: spec.groupSymbol.endsWith('-bk') ? spec.groupSymbol : `${spec.groupSymbol}-bk`,
                    groupName: `${spec.groupName} (backfill)`,
                  }),
              env: { MOZHARNESS_TEST_PATHS: JSON.stringify(manifests) },
              actionTag: 'backfill-task',
            }
          : {}),
      },
    ],
    { actionName: 'backfill-task' },
  );
}

/** gecko `new_label`: a chunk the push lacks is replaced by the unchunked label or chunk 1. */
function labelOrChunk(run: ActionRun, push: SimPush, label: string): LabelSpec {
  const catalog = run.world.repo(push.repo)?.catalogByLabel;
  const spec = catalog?.get(label);
  if (spec) return spec;
  const m = /^(.*)-(\d+)$/.exec(label);
  const fallback = m ? (catalog?.get(m[1] ?? '') ?? catalog?.get(`${m[1]}-1`)) : undefined;
  if (!fallback) throw new ActionFailure(`${label || '(no label)'} was not found in the task-graph`);
  return fallback;
}
