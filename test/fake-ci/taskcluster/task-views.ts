import { DAY, isoZ, MINUTE } from '../clock';
import { runStateAt, taskStateAt, visibleRuns } from '../model/timeline';
import type { SimTask } from '../model/types';
import type { World } from '../model/world';

/** Where a task runs, in Taskcluster terms. */
function workerOf(task: SimTask): { provisionerId: string; workerType: string; implementation: string } {
  const level = task.env['MOZ_SCM_LEVEL'] ?? '3';
  const kind = task.spec.kind;
  if (kind === 'decision' || kind === 'action-callback')
    return { provisionerId: `gecko-${level}`, workerType: 'decision-gcp', implementation: 'docker-worker' };
  if (kind === 'build' || kind === 'lint')
    return { provisionerId: `gecko-${level}`, workerType: 'b-linux-gcp', implementation: 'docker-worker' };
  const byOs: Record<string, string> = {
    linux: 't-linux-docker',
    windows: 'win11-64-24h2',
    macosx: 't-osx-1500-m4',
    android: 't-linux-kvm',
  };
  const workerType = byOs[task.spec.os] ?? 't-linux-docker';
  return {
    provisionerId: 'gecko-t',
    workerType,
    implementation: task.spec.os === 'linux' || task.spec.os === 'android' ? 'docker-worker' : 'generic-worker',
  };
}

function tagKind(task: SimTask): string {
  switch (task.spec.kind) {
    case 'decision':
      return 'decision-task';
    case 'lint':
      return 'source-test';
    default:
      return task.spec.kind;
  }
}

/** `queue.task()` for a simulated task. */
export function taskDefinition(world: World, task: SimTask): Record<string, unknown> {
  const push = world.pushOfTask(task);
  const repo = world.repo(task.repo);
  const level = repo?.info.level ?? '3';
  const path = repo?.info.path ?? task.repo;
  const { provisionerId, workerType, implementation } = workerOf(task);
  const expires = task.created + (repo?.info.isTry ? 28 : 365) * DAY;
  const tags: Record<string, string> = {
    kind: tagKind(task),
    os: task.spec.os,
    retrigger: String(task.spec.retriggerable),
    'worker-implementation': implementation,
    createdForUser: push.author,
  };
  if (task.spec.kind !== 'decision' && task.spec.kind !== 'action-callback') tags['label'] = task.label;
  if (task.spec.testType) tags['test-type'] = task.spec.testType;
  if (task.actionTag) tags['action'] = task.actionTag;

  const treeherder: Record<string, unknown> = {
    symbol: task.symbol,
    machine: { platform: task.spec.platform },
    collection: { [task.spec.option]: true },
    tier: task.spec.tier,
    jobKind: task.spec.kind === 'test' ? 'test' : task.spec.kind === 'build' ? 'build' : 'other',
  };
  if (task.groupSymbol !== '?') {
    treeherder['groupSymbol'] = task.groupSymbol;
    treeherder['groupName'] = task.groupName;
  }
  const extra: Record<string, unknown> = {
    treeherder,
    'treeherder-platform': `${task.spec.platform}/${task.spec.option}`,
    index: { rank: push.timestamp },
    parent: task.parent,
  };
  if (task.action) extra['action'] = task.action;
  if (task.spec.suite) extra['suite'] = task.spec.suite.replace(/-\d+$/, '');
  const chunk = /-(\d+)$/.exec(task.label);
  if (task.spec.kind === 'test')
    extra['chunks'] = { current: chunk ? Number(chunk[1]) : 1, total: chunk ? Math.max(Number(chunk[1]), 1) : 1 };

  const routes =
    task.spec.kind === 'decision'
      ? [
          `index.gecko.v2.${push.repo}.latest.taskgraph.decision`,
          `index.gecko.v2.${push.repo}.revision.${push.revision}.taskgraph.decision`,
          `index.gecko.v2.${push.repo}.pushlog-id.${push.pushlogId}.decision`,
          `tc-treeherder.v2.${push.repo}.${push.revision}.${push.pushlogId}`,
        ]
      : task.spec.kind === 'action-callback'
        ? [
            `index.gecko.v2.${push.repo}.revision.${push.revision}.taskgraph.actions.${task.taskId}`,
            `index.gecko.v2.${push.repo}.pushlog-id.${push.pushlogId}.actions.${task.taskId}`,
            `tc-treeherder.v2.${push.repo}.${push.revision}.${push.pushlogId}`,
          ]
        : [`tc-treeherder.v2.${push.repo}.${push.revision}.${push.pushlogId}`];

  return {
    provisionerId,
    workerType,
    taskQueueId: `${provisionerId}/${workerType}`,
    schedulerId: `gecko-level-${level}`,
    projectId: 'none',
    taskGroupId: task.taskGroupId,
    dependencies: task.dependencies,
    requires: 'all-completed',
    routes,
    priority: level === '3' ? 'low' : 'very-low',
    retries: 5,
    created: isoZ(task.created),
    deadline: isoZ(task.created + DAY),
    expires: isoZ(expires),
    scopes: scopesOf(task, path, level),
    payload: {
      env: task.env,
      maxRunTime: Math.round(task.spec.meanMinutes * 3 * 60),
      command: commandOf(task),
      artifacts: [{ type: 'directory', path: 'public', name: 'public' }],
    },
    metadata: {
      owner: push.author,
      source: `https://hg.mozilla.org/${path}/file/${push.revision}/taskcluster`,
      description: `${task.label} ([Treeherder push](https://treeherder.mozilla.org/jobs?repo=${push.repo}&revision=${push.revision}))`,
      name: task.label,
    },
    tags,
    extra,
  };
}

function scopesOf(task: SimTask, path: string, level: string): string[] {
  if (task.spec.kind === 'decision') {
    return [
      `assume:repo:hg.mozilla.org/${path}:branch:default`,
      `in-tree:hook-action:project-gecko/in-tree-action-${level}-*`,
      `index:insert-task:gecko.v2.${task.repo}.*`,
      `queue:route:tc-treeherder.v2.${task.repo}.*`,
    ];
  }
  if (task.spec.kind === 'action-callback') {
    const perm = task.action?.name === 'backfill' || task.action?.name === 'backfill-task' ? 'backfill' : 'generic';
    return [`assume:repo:hg.mozilla.org/${path}:action:${perm}`];
  }
  return [];
}

function commandOf(task: SimTask): string[] {
  if (task.spec.kind === 'decision')
    return ['/builds/worker/bin/run-task', '--', 'bash', '-cx', './mach taskgraph decision'];
  if (task.spec.kind === 'action-callback')
    return ['/builds/worker/bin/run-task', '--', 'bash', '-cx', './mach taskgraph action-callback'];
  if (task.spec.kind === 'test')
    return [
      '/builds/worker/bin/run-task',
      '--',
      'python3',
      'mozharness/scripts/desktop_unittest.py',
      `--${task.spec.suite ?? 'test'}`,
    ];
  return ['/builds/worker/bin/run-task', '--', './mach', task.spec.kind];
}

/** `queue.status()` for a simulated task at `now`. */
export function taskStatus(world: World, task: SimTask, now: number): Record<string, unknown> {
  const def = taskDefinition(world, task);
  const times = world.timeline(task);
  const runs = visibleRuns(times, now).map((r) => {
    const state = runStateAt(r, now);
    const run: Record<string, unknown> = {
      runId: r.runId,
      state,
      reasonCreated: r.reasonCreated,
      scheduled: isoZ(r.scheduled),
    };
    if (r.started <= now) {
      run['workerGroup'] = 'us-east1';
      run['workerId'] = r.workerId;
      run['takenUntil'] = isoZ(Math.min(r.resolved, now + 20 * MINUTE));
      run['started'] = isoZ(r.started);
    }
    if (r.resolved <= now) {
      run['reasonResolved'] = r.reasonResolved;
      run['resolved'] = isoZ(r.resolved);
    }
    return run;
  });
  const retries = task.runs.filter((r) => r.reasonCreated === 'retry').length;
  return {
    taskId: task.taskId,
    provisionerId: def['provisionerId'],
    workerType: def['workerType'],
    taskQueueId: def['taskQueueId'],
    schedulerId: def['schedulerId'],
    projectId: def['projectId'],
    taskGroupId: task.taskGroupId,
    deadline: def['deadline'],
    expires: def['expires'],
    retriesLeft: 5 - retries,
    state: taskStateAt(times, now),
    runs,
  };
}
