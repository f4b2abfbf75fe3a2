import type { App } from '../app';
import { HttpError, intListParam, intParam, json, thNotFound, type Reply } from '../http';
import type { SimPush } from '../model/types';
import type { RepoState } from '../model/world';
import type { RequestContext, Router } from '../router';
import { jobsOfTask } from './job-view';

/** `/api/project/<repo>/push/…`: push list with Treeherder's filters, one push, status and decision tasks. */
export function registerPushRoutes(router: Router, app: App): void {
  router.get(/^\/api\/project\/([^/]+)\/push\/?$/, (ctx) => listPushes(app, ctx));
  router.get(/^\/api\/project\/([^/]+)\/push\/decisiontask\/?$/, (ctx) => decisionTasks(app, ctx));
  router.get(/^\/api\/project\/([^/]+)\/push\/(\d+)\/?$/, (ctx) => {
    const repo = repoOr404(app, ctx.params[0]);
    const push = repo.pushes.find((p) => p.id === Number(ctx.params[1]));
    if (!push) return thNotFound(`No push with id: ${ctx.params[1]}`);
    return json(pushJson(app, push));
  });
  router.get(/^\/api\/project\/([^/]+)\/push\/(\d+)\/status\/?$/, (ctx) => {
    const repo = repoOr404(app, ctx.params[0]);
    const push = repo.pushes.find((p) => p.id === Number(ctx.params[1]));
    if (!push) return thNotFound(`No push with id: ${ctx.params[1]}`);
    return json(pushStatus(app, push));
  });
}

export function repoOr404(app: App, name: string | undefined): RepoState {
  const repo = name ? app.world.repo(name) : undefined;
  if (!repo) throw new HttpError(thNotFound(`No project with name ${name ?? ''}`));
  return repo;
}

/** One push in the API's shape; with the schemaDrift fault `push_timestamp` becomes `push_time`. */
export function pushJson(app: App, push: SimPush): Record<string, unknown> {
  const repo = app.world.repo(push.repo);
  const repositoryId = repo?.info.id ?? 0;
  const out: Record<string, unknown> = {
    id: push.id,
    revision: push.revision,
    author: push.author,
    branch: 'default',
    revisions: push.commits.slice(0, 20).map((c) => ({
      result_set_id: push.id,
      repository_id: repositoryId,
      revision: c.revision,
      author: c.author,
      comments: c.comments,
    })),
    revision_count: push.commits.length,
    push_timestamp: push.timestamp,
    repository_id: repositoryId,
  };
  if (app.faults.config.schemaDrift) {
    out['push_time'] = out['push_timestamp'];
    delete out['push_timestamp'];
  }
  return out;
}

function listPushes(app: App, ctx: RequestContext): Reply {
  const repo = repoOr404(app, ctx.params[0]);
  const q = ctx.query;
  const count = intParam(q, 'count', 10, 1, 1000);
  let pushes = [...repo.pushes];
  const meta: Record<string, unknown> = {};

  const byRevision = (rev: string, what: string): SimPush => {
    const hit = pushes.find((p) => (rev.length < 40 ? p.revision.startsWith(rev) : p.revision === rev));
    const inRepo = hit ?? repo.pushes.find((p) => p.commits.some((c) => c.revision.startsWith(rev)));
    if (!inRepo) throw new HttpError(thNotFound(`No push with ${what} ${rev}`));
    return inRepo;
  };

  const revision = q.get('revision');
  if (revision) {
    pushes = pushes.filter((p) => (revision.length < 40 ? p.revision.startsWith(revision) : p.revision === revision));
    meta['revision'] = revision;
  }
  const commitRevision = q.get('commit_revision');
  if (commitRevision) pushes = pushes.filter((p) => p.commits.some((c) => c.revision.startsWith(commitRevision)));
  const fromchange = q.get('fromchange');
  if (fromchange) {
    const from = byRevision(fromchange, 'revision');
    pushes = pushes.filter((p) => p.timestamp >= from.timestamp);
    meta['fromchange'] = fromchange;
  }
  const tochange = q.get('tochange');
  if (tochange) {
    const to = byRevision(tochange, 'revision');
    pushes = pushes.filter((p) => p.timestamp <= to.timestamp);
    meta['tochange'] = tochange;
  }
  const startdate = q.get('startdate');
  if (startdate) pushes = pushes.filter((p) => p.timestamp >= Date.parse(`${startdate}T00:00:00Z`) / 1000);
  const enddate = q.get('enddate');
  if (enddate) pushes = pushes.filter((p) => p.timestamp < Date.parse(`${enddate}T00:00:00Z`) / 1000 + 86_400);
  for (const [op, test] of COMPARATORS) {
    const ts = q.get(`push_timestamp__${op}`);
    if (ts !== null && ts !== '') pushes = pushes.filter((p) => test(p.timestamp, Number(ts)));
    const id = q.get(`id__${op}`);
    if (id !== null && id !== '') pushes = pushes.filter((p) => test(p.id, Number(id)));
  }
  const id = q.get('id');
  if (id) pushes = pushes.filter((p) => p.id === Number(id));
  const idIn = intListParam(q, 'id__in');
  if (idIn) pushes = pushes.filter((p) => idIn.includes(p.id));
  const author = q.get('author');
  if (author) {
    pushes = author.startsWith('-')
      ? pushes.filter((p) => p.author !== author.slice(1))
      : pushes.filter((p) => p.author === author);
  }
  const authorContains = q.get('author_contains');
  if (authorContains) pushes = pushes.filter((p) => p.author.includes(authorContains));

  pushes.sort((a, b) => b.timestamp - a.timestamp || b.id - a.id);
  const results = pushes.slice(0, count).map((p) => pushJson(app, p));
  const filterParams: Record<string, string | number> = Object.fromEntries(q.entries());
  if (fromchange) {
    const from = byRevision(fromchange, 'revision');
    filterParams['push_timestamp__gte'] = from.timestamp;
  }
  return json({
    meta: { ...meta, count: results.length, repository: repo.info.name, filter_params: filterParams },
    results,
  });
}

const COMPARATORS: Array<[string, (a: number, b: number) => boolean]> = [
  ['gt', (a, b) => a > b],
  ['gte', (a, b) => a >= b],
  ['lt', (a, b) => a < b],
  ['lte', (a, b) => a <= b],
];

function decisionTasks(app: App, ctx: RequestContext): Reply {
  const repo = repoOr404(app, ctx.params[0]);
  const ids = intListParam(ctx.query, 'push_ids') ?? [];
  const out: Record<string, { id: string; run: string }> = {};
  for (const pushId of ids) {
    const push = repo.pushes.find((p) => p.id === pushId);
    const decision = push ? app.world.tasks.get(push.decisionTaskId) : undefined;
    if (push && decision)
      out[String(pushId)] = { id: decision.taskId, run: String(Math.max(0, decision.runs.length - 1)) };
  }
  if (Object.keys(out).length === 0) return thNotFound('No decision tasks found for pushes');
  return json(out);
}

/** Counts of non-tier-3 jobs by state and result, as `…/push/<id>/status/`. */
function pushStatus(app: App, push: SimPush): Record<string, number> {
  const now = app.now();
  const counts: Record<string, number> = { completed: 0, pending: 0, running: 0, unscheduled: 0 };
  for (const task of app.world.tasksByPush.get(push.id) ?? []) {
    if (task.spec.tier === 3) continue;
    for (const job of jobsOfTask(app.world, task, now)) {
      const state = String(job.state);
      counts[state] = (counts[state] ?? 0) + 1;
      if (state === 'completed') counts[String(job.result)] = (counts[String(job.result)] ?? 0) + 1;
    }
  }
  return counts;
}
