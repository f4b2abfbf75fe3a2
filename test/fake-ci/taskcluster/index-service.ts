import type { App } from '../app';
import { isoZ } from '../clock';
import { json } from '../http';
import type { IndexEntry } from '../model/world';
import type { Router } from '../router';
import { resourceNotFound } from './errors';

/** Index: findTask and listTasks over the namespaces decision and action tasks are indexed under. */
export function registerIndexRoutes(router: Router, app: App): void {
  router.get(/^\/api\/index\/v1\/task\/([^/]+)$/, (ctx) => {
    const entry = app.world.index.get(ctx.params[0] ?? '');
    if (!entry) return resourceNotFound(ctx, 'findTask', `Indexed task not found: ${ctx.params[0]}`);
    return json(entryJson(entry));
  });
  router.get(/^\/api\/index\/v1\/tasks\/([^/]*)$/, (ctx) => {
    const prefix = ctx.params[0] ? `${ctx.params[0]}.` : '';
    const tasks = [...app.world.index.values()]
      .filter((e) => e.namespace.startsWith(prefix) && !e.namespace.slice(prefix.length).includes('.'))
      .map(entryJson);
    return json({ tasks });
  });
}

function entryJson(e: IndexEntry): Record<string, unknown> {
  return { namespace: e.namespace, taskId: e.taskId, rank: e.rank, data: e.data, expires: isoZ(e.expires) };
}
