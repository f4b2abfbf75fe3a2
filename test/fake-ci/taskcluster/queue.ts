import type { App } from '../app';
import { isoZ, DAY } from '../clock';
import { intParam, json, redirect, type Reply } from '../http';
import type { SimTask } from '../model/types';
import type { RequestContext, Router } from '../router';
import { artifactJson, artifactsOf } from './artifacts';
import { resourceNotFound, tcError } from './errors';
import { taskDefinition, taskStatus } from './task-views';

/** Queue API for monitoring: task, status, statuses, task groups, dependents, artifacts (303 to storage). */
export function registerQueueRoutes(router: Router, app: App): void {
  router.get(/^\/api\/queue\/v1\/ping$/, () => json({ alive: true, uptime: 1 }));
  router.get(/^\/api\/queue\/v1\/task\/([^/]+)$/, (ctx) =>
    withTask(app, ctx, 'task', (t) => json(taskDefinition(app.world, t))),
  );
  router.get(/^\/api\/queue\/v1\/task\/([^/]+)\/status$/, (ctx) =>
    withTask(app, ctx, 'status', (t) => json({ status: taskStatus(app.world, t, app.now()) })),
  );
  router.post(/^\/api\/queue\/v1\/tasks\/status$/, async (ctx) => {
    const body = (await ctx.jsonBody()) as { taskIds?: unknown };
    if (!Array.isArray(body.taskIds))
      return tcError(ctx, 400, 'InputValidationError', 'taskIds must be an array of taskIds', 'statuses', body);
    const now = app.now();
    const statuses = body.taskIds.flatMap((id) => {
      const t = typeof id === 'string' ? app.world.tasks.get(id) : undefined;
      return t && t.created <= now ? [{ taskId: t.taskId, status: taskStatus(app.world, t, now) }] : [];
    });
    return json({ statuses });
  });
  router.get(/^\/api\/queue\/v1\/task-group\/([^/]+)$/, (ctx) => {
    const now = app.now();
    const tasks = app.world.tasksByGroup.get(ctx.params[0] ?? '')?.filter((t) => t.created <= now);
    if (!tasks?.length) return resourceNotFound(ctx, 'getTaskGroup', `No task group with taskGroupId ${ctx.params[0]}`);
    const first = tasks[0];
    return json({
      taskGroupId: ctx.params[0],
      schedulerId: taskDefinition(app.world, first as SimTask)['schedulerId'],
      expires: isoZ((first?.created ?? 0) + 365 * DAY),
      taskGroupSize: tasks.length,
    });
  });
  router.get(/^\/api\/queue\/v1\/task-group\/([^/]+)\/list$/, (ctx) => {
    const now = app.now();
    const tasks = app.world.tasksByGroup.get(ctx.params[0] ?? '')?.filter((t) => t.created <= now);
    if (!tasks?.length)
      return resourceNotFound(ctx, 'listTaskGroup', `No task group with taskGroupId ${ctx.params[0]}`);
    const page = paginate(ctx, tasks, 1000);
    const first = tasks[0] as SimTask;
    return json({
      taskGroupId: ctx.params[0],
      schedulerId: taskDefinition(app.world, first)['schedulerId'],
      expires: isoZ(first.created + 365 * DAY),
      tasks: page.items.map((t) => ({ task: taskDefinition(app.world, t), status: taskStatus(app.world, t, now) })),
      ...(page.token ? { continuationToken: page.token } : {}),
    });
  });
  router.get(/^\/api\/queue\/v1\/task\/([^/]+)\/dependents$/, (ctx) =>
    withTask(app, ctx, 'listDependentTasks', (t) => {
      const now = app.now();
      const deps = (app.world.dependents.get(t.taskId) ?? [])
        .map((id) => app.world.tasks.get(id))
        .filter((x): x is SimTask => !!x && x.created <= now);
      const page = paginate(ctx, deps, 1000);
      return json({
        taskId: t.taskId,
        tasks: page.items.map((d) => ({ task: taskDefinition(app.world, d), status: taskStatus(app.world, d, now) })),
        ...(page.token ? { continuationToken: page.token } : {}),
      });
    }),
  );
  router.get(/^\/api\/queue\/v1\/task\/([^/]+)\/artifacts$/, (ctx) =>
    withTask(app, ctx, 'listLatestArtifacts', (t) => listArtifacts(app, ctx, t, null)),
  );
  router.get(/^\/api\/queue\/v1\/task\/([^/]+)\/runs\/(\d+)\/artifacts$/, (ctx) =>
    withTask(app, ctx, 'listArtifacts', (t) => listArtifacts(app, ctx, t, Number(ctx.params[1]))),
  );
  router.get(/^\/api\/queue\/v1\/task\/([^/]+)\/artifacts\/(.+)$/, (ctx) =>
    withTask(app, ctx, 'getLatestArtifact', (t) => getArtifact(app, ctx, t, null, ctx.params[1] ?? '')),
  );
  router.get(/^\/api\/queue\/v1\/task\/([^/]+)\/runs\/(\d+)\/artifacts\/(.+)$/, (ctx) =>
    withTask(app, ctx, 'getArtifact', (t) => getArtifact(app, ctx, t, Number(ctx.params[1]), ctx.params[2] ?? '')),
  );
  router.get(/^\/artifact-storage\/([^/]+)\/(\d+)\/(.+)$/, (ctx) => {
    const task = app.world.tasks.get(ctx.params[0] ?? '');
    const list = task ? artifactsOf(app, task, Number(ctx.params[1]), app.now(), ctx.origin) : undefined;
    const artifact = list?.find((a) => a.name === ctx.params[2]);
    if (!artifact) return { status: 404, text: 'NoSuchKey', headers: { 'Content-Type': 'text/plain' } };
    const content = artifact.content();
    return {
      status: 200,
      ...(typeof content === 'string' ? { text: content } : { body: content }),
      headers: { 'Content-Type': artifact.contentType },
    };
  });
}

function withTask(app: App, ctx: RequestContext, method: string, fn: (t: SimTask) => Reply): Reply {
  const task = app.world.tasks.get(ctx.params[0] ?? '');
  if (!task || task.created > app.now())
    return resourceNotFound(
      ctx,
      method,
      `\`${ctx.params[0]}\` does not correspond to a task that exists.\nAre you sure this task has already been submitted?`,
    );
  return fn(task);
}

function latestRunId(app: App, task: SimTask): number | undefined {
  const now = app.now();
  const times = app.world.timeline(task).filter((r) => r.scheduled <= now);
  return times[times.length - 1]?.runId;
}

function listArtifacts(app: App, ctx: RequestContext, task: SimTask, runId: number | null): Reply {
  const id = runId ?? latestRunId(app, task);
  const list = id === undefined ? undefined : artifactsOf(app, task, id, app.now(), ctx.origin);
  if (!list)
    return resourceNotFound(
      ctx,
      runId === null ? 'listLatestArtifacts' : 'listArtifacts',
      `Task ${task.taskId} has no run ${runId ?? '(latest)'}`,
    );
  const page = paginate(ctx, list, 1000);
  return json({
    artifacts: page.items.map((a) => artifactJson(task, a)),
    ...(page.token ? { continuationToken: page.token } : {}),
  });
}

function getArtifact(app: App, ctx: RequestContext, task: SimTask, runId: number | null, name: string): Reply {
  const id = runId ?? latestRunId(app, task);
  const list = id === undefined ? undefined : artifactsOf(app, task, id, app.now(), ctx.origin);
  const artifact = list?.find((a) => a.name === name);
  const method = runId === null ? 'getLatestArtifact' : 'getArtifact';
  if (!artifact || id === undefined)
    return resourceNotFound(ctx, method, `Artifact \`${name}\` not found for task ${task.taskId}`);
  if (artifact.storageType === 'error')
    return tcError(ctx, 424, 'ArtifactNotFound', `Artifact ${name} is an error artifact`, method);
  const encoded = name.split('/').map(encodeURIComponent).join('/');
  return redirect(`${ctx.origin}/artifact-storage/${task.taskId}/${id}/${encoded}`, 303);
}

/** Opaque continuation tokens over a list (`limit` capped at `max`). */
function paginate<T>(ctx: RequestContext, items: T[], max: number): { items: T[]; token: string | undefined } {
  const limit = intParam(ctx.query, 'limit', max, 1, max);
  const tokenIn = ctx.query.get('continuationToken');
  const start = tokenIn ? Number(Buffer.from(tokenIn, 'base64url').toString('utf8')) || 0 : 0;
  const end = start + limit;
  return {
    items: items.slice(start, end),
    token: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  };
}
