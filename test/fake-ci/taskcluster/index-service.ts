import type { App } from '../app';
import { isoZ } from '../clock';
import { json } from '../http';
import { taskStateAt } from '../model/timeline';
import type { IndexEntry } from '../model/world';
import type { Router } from '../router';
import { resourceNotFound } from './errors';

/**
 * Index: findTask and listTasks over the namespaces decision and action tasks are indexed under. A task's
 * `index.*` routes are indexed when it completes (taskcluster/taskcluster `services/index/src/handlers.js`
 * listens to task-completed), so an entry appears only once its task has completed, and never for one that
 * failed.
 */
export function registerIndexRoutes(router: Router, app: App): void {
  router.get(/^\/api\/index\/v1\/task\/([^/]+)$/, (ctx) => {
    const entry = app.world.index.get(ctx.params[0] ?? '');
    if (!entry || !isIndexed(app, entry))
      return resourceNotFound(ctx, 'findTask', `Indexed task not found: ${ctx.params[0]}`);
    return json(entryJson(entry));
  });
  router.get(/^\/api\/index\/v1\/tasks\/([^/]*)$/, (ctx) => {
    const prefix = ctx.params[0] ? `${ctx.params[0]}.` : '';
    const tasks = [...app.world.index.values()]
      .filter((e) => e.namespace.startsWith(prefix) && !e.namespace.slice(prefix.length).includes('.'))
      .filter((e) => isIndexed(app, e))
      .map(entryJson);
    return json({ tasks });
  });
}

/** Whether the entry's task has completed by now (the world's index holds routes from task creation on). */
export function isIndexed(app: App, entry: IndexEntry): boolean {
  const task = app.world.tasks.get(entry.taskId);
  if (!task) return true; // entries without a simulated task (none today) are simply served
  return task.created <= app.now() && taskStateAt(app.world.timeline(task), app.now()) === 'completed';
}

function entryJson(e: IndexEntry): Record<string, unknown> {
  return { namespace: e.namespace, taskId: e.taskId, rank: e.rank, data: e.data, expires: isoZ(e.expires) };
}
