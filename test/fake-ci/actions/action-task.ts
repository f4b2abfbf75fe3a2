import { DAY } from '../clock';
import { createTask } from '../model/task-factory';
import type { LabelSpec, SimPush, SimTask } from '../model/types';
import { taskGraph } from '../taskcluster/decision-artifacts';
import type { App } from '../app';
import type { Rng } from '../rng';

export interface ActionMeta {
  name: string;
  title: string;
  symbol: string;
  taskId: string | null;
  input: unknown;
  clientId: string;
}

/**
 * The action task: in the push's decision task group, `tags.kind = action-callback`, Treeherder group `AC`,
 * `extra.action = {name, context}`, indexed under `…taskgraph.actions.<taskId>`.
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

/** Writes the action task's artifacts for the tasks it created, or marks it failed. */
export function finishActionTask(app: App, task: SimTask, created: SimTask[], failure: string | undefined): void {
  const graph = (): string => JSON.stringify(taskGraph(app, created));
  const labelToTaskId = (): string => {
    const map: Record<string, string> = {};
    for (const t of created) map[t.label] = t.taskId; // later copies overwrite earlier ones, as in Gecko
    return JSON.stringify(map);
  };
  task.generatedArtifacts = new Map<string, () => string>([
    ['public/task-graph.json', graph],
    ['public/label-to-taskid.json', labelToTaskId],
    ['public/to-run.json', () => JSON.stringify([...new Set(created.map((t) => t.label))])],
  ]);
  if (failure !== undefined) {
    const run = task.runs[0];
    if (run) {
      run.outcome = 'failed';
      run.reasonResolved = 'failed';
    }
    task.failingTests = [failure];
    app.world.touch();
  }
}
