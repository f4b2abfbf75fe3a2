import type { App } from '../app';
import type { SimPush, SimTask } from '../model/types';
import { actionsJson } from './actions-json';
import { taskDefinition } from './task-views';

/** Generated decision-task artifacts (taskcluster.md §6), built on demand and cached. */
export function decisionArtifact(app: App, decision: SimTask, name: string, origin: string): string | undefined {
  const push = app.world.pushOfTask(decision);
  const repo = app.world.repo(push.repo);
  if (!repo) return undefined;
  const key = `${decision.taskId}/${name}/${name === 'public/actions.json' || name === 'public/parameters.yml' ? origin : ''}`;
  const hit = app.artifactCache.get(key);
  if (hit !== undefined) return hit;
  const graphTasks = (app.world.tasksByPush.get(push.id) ?? []).filter(
    (t) => t.origin === 'decision' && t !== decision,
  );
  let body: string | undefined;
  switch (name) {
    case 'public/actions.json':
      body = JSON.stringify(actionsJson(repo.info, push, decision.taskId, `${origin}/${repo.info.path}`), null, 2);
      break;
    case 'public/runnable-jobs.json':
      body = JSON.stringify(
        Object.fromEntries(
          repo.catalog.map((l) => {
            const entry: Record<string, unknown> = {
              symbol: l.symbol,
              collection: { [l.option]: true },
              platform: l.platform,
            };
            if (l.groupSymbol !== '?') {
              entry['groupSymbol'] = l.groupSymbol;
              entry['groupName'] = l.groupName;
            }
            return [l.label, entry];
          }),
        ),
      );
      break;
    case 'public/label-to-taskid.json':
      body = JSON.stringify(Object.fromEntries(graphTasks.map((t) => [t.label, t.taskId])));
      break;
    case 'public/task-graph.json':
      body = JSON.stringify(taskGraph(app, graphTasks));
      break;
    case 'public/target-tasks.json':
      body = JSON.stringify(repo.catalog.map((l) => l.label));
      break;
    case 'public/full-task-graph.json':
      body = JSON.stringify(
        Object.fromEntries(
          repo.catalog.map((l) => [
            l.label,
            {
              kind: l.kind,
              label: l.label,
              attributes: attributes(l.kind, l.platform, l.option, l.suite),
              dependencies: l.buildLabel ? { build: l.buildLabel } : {},
              optimization: l.kind === 'test' ? { 'skip-unless-backstop': null } : null,
              task: {
                metadata: { name: l.label },
                tags: { kind: l.kind, label: l.label, retrigger: String(l.retriggerable) },
              },
            },
          ]),
        ),
      );
      break;
    case 'public/parameters.yml':
      body = parametersYml(push, repo.info.level, `${origin}/${repo.info.path}`);
      break;
    default:
      body = undefined;
  }
  if (body !== undefined) app.artifactCache.set(key, body);
  return body;
}

export const DECISION_ARTIFACTS = [
  'public/actions.json',
  'public/full-task-graph.json',
  'public/label-to-taskid.json',
  'public/parameters.yml',
  'public/runnable-jobs.json',
  'public/target-tasks.json',
  'public/task-graph.json',
];

/** `task-graph.json`: keyed by taskId, values carry the label, the definition and named dependencies. */
export function taskGraph(app: App, tasks: SimTask[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of tasks) {
    const deps: Record<string, string> = {};
    for (const d of t.dependencies) {
      const dep = app.world.tasks.get(d);
      if (dep) deps[dep.spec.kind === 'decision' ? 'decision' : dep.spec.kind] = d;
    }
    out[t.taskId] = {
      kind: t.spec.kind,
      label: t.label,
      attributes: attributes(t.spec.kind, t.spec.platform, t.spec.option, t.spec.suite),
      dependencies: deps,
      optimization: null,
      task: taskDefinition(app.world, t),
    };
  }
  return out;
}

function attributes(
  kind: string,
  platform: string,
  option: string,
  suite: string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { kind, build_platform: platform, build_type: option, run_on_projects: ['all'] };
  if (suite) out['unittest_suite'] = suite;
  return out;
}

function parametersYml(push: SimPush, level: string, repoUrl: string): string {
  const lines = [
    `base_repository: ${repoUrl}`,
    `base_rev: ${push.commits[push.commits.length - 1]?.revision ?? push.revision}`,
    `backstop: ${push.backstop}`,
    `build_date: ${push.timestamp}`,
    'build_number: 1',
    'do_not_optimize: []',
    'existing_tasks: {}',
    'files_changed:',
    ...push.commits.flatMap((c) => c.files).map((f) => `- ${f}`),
    `head_ref: ${push.revision}`,
    `head_repository: ${repoUrl}`,
    `head_rev: ${push.revision}`,
    `level: '${level}'`,
    `moz_build_date: '${new Date(push.timestamp * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14)}'`,
    'optimize_strategies: gecko_taskgraph.optimize:tryselect.bugbug_reduced_manifests_config_selection_medium',
    'optimize_target_tasks: true',
    `owner: ${push.author}`,
    `project: ${push.repo}`,
    `pushdate: ${push.timestamp}`,
    `pushlog_id: '${push.pushlogId}'`,
    'repository_type: hg',
    'target_tasks_method: default',
    'tasks_for: hg-push',
  ];
  return `${lines.join('\n')}\n`;
}
