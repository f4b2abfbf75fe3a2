import { DAY } from '../clock';
import { createTask } from '../model/task-factory';
import type { LabelSpec, SimPush, SimTask } from '../model/types';
import { taskGraph } from '../taskcluster/decision-artifacts';
import type { App } from '../app';
import type { Rng } from '../rng';
import type { GraphOutput } from './context';

export interface ActionMeta {
  name: string;
  title: string;
  symbol: string;
  taskId: string | null;
  input: unknown;
  clientId: string;
}

/**
 * The action task the hooks service creates: in the push's decision task group, `tags.kind = action-callback`,
 * Treeherder group `AC`, `extra.action = {name, context}`, indexed under `…actions.<taskId>` (gecko
 * `.taskcluster.yml`).
 */
export function createActionTask(app: App, push: SimPush, meta: ActionMeta, now: number, rng: Rng): SimTask {
  const spec: LabelSpec = {
    label: `Action: ${meta.title}`,
    kind: 'action-callback',
    platform: 'gecko-decision',
    option: 'opt',
    symbol: meta.symbol,
    groupSymbol: 'AC',
    groupName: 'action-callback',
    tier: 1,
    meanMinutes: 1,
    retriggerable: false,
    os: 'linux',
  };
  const task = createTask(app.world, {
    push,
    spec,
    created: now,
    dependencies: [],
    origin: 'action',
    parent: push.decisionTaskId,
    outcome: 'completed',
    rng,
  });
  task.action = {
    name: meta.name,
    context: { taskGroupId: push.decisionTaskId, taskId: meta.taskId, input: meta.input, clientId: meta.clientId },
  };
  const expires = now + 365 * DAY;
  for (const ns of [
    `gecko.v2.${push.repo}.revision.${push.revision}.taskgraph.actions.${task.taskId}`,
    `gecko.v2.${push.repo}.pushlog-id.${push.pushlogId}.actions.${task.taskId}`,
  ]) {
    app.world.addIndex({ namespace: ns, taskId: task.taskId, rank: Math.floor(now / 1000), data: {}, expires });
  }
  return task;
}

/** When the callback runs: while the action task runs, just before it resolves. */
export function callbackTime(app: App, actionTask: SimTask): number {
  const run = app.world.timeline(actionTask)[0];
  if (!run) return actionTask.created;
  return Math.max(run.started, run.resolved - 1000);
}

/**
 * Writes the action task's artifacts: those of its last `create_tasks` call, or none at all when it never
 * called it (backfill, rerun, cancel). A failed callback marks the task failed.
 */
export function finishActionTask(
  app: App,
  task: SimTask,
  output: GraphOutput | undefined,
  failure: string | undefined,
): void {
  if (output && failure === undefined) {
    for (const listed of output.listed) listed.listedInGraph = true;
    const graph = JSON.stringify(taskGraph(app, output.listed));
    const labelToTaskId = JSON.stringify(output.labelToTaskId);
    const toRun = JSON.stringify(output.toRun);
    task.generatedArtifacts = new Map<string, () => string>([
      ['public/task-graph.json', () => graph],
      ['public/label-to-taskid.json', () => labelToTaskId],
      ['public/to-run.json', () => toRun],
    ]);
  }
  if (failure !== undefined) {
    const run = task.runs[0];
    if (run) {
      run.outcome = 'failed';
      run.reasonResolved = 'failed';
    }
    task.failingTests = [failure];
  }
  app.world.touch();
}
