import type { App } from '../app';
import { intListParam, intParam, json, type Reply } from '../http';
import type { SimTask } from '../model/types';
import type { RequestContext, Router } from '../router';
import { JOB_PROPERTY_NAMES, jobsOfTask, toRow, type JobView } from './job-view';

const MAX_PAGE = 2000;

/** `GET /api/jobs/`: compressed rows + `job_property_names`, paged with `count` (≤ 2000) and `page`. */
export function registerJobsRoutes(router: Router, app: App): void {
  router.get(/^\/api\/jobs\/?$/, (ctx) => listJobs(app, ctx));
  router.get(/^\/api\/taskclustermetadata\/?$/, (ctx) => {
    const ids = intListParam(ctx.query, 'job_ids') ?? [];
    const now = app.now();
    const out = ids.flatMap((id) => {
      const hit = app.world.jobs.get(id);
      return hit && hit.task.created <= now ? [{ job_id: id, task_id: hit.task.taskId, retry_id: hit.runId }] : [];
    });
    return json(out);
  });
}

function listJobs(app: App, ctx: RequestContext): Reply {
  const q = ctx.query;
  const now = app.now();
  const count = intParam(q, 'count', MAX_PAGE, 1, MAX_PAGE);
  const page = intParam(q, 'page', 1, 1);
  // A job's job_type_name is its task's label: narrow by it before building job views, as a database would.
  const label = q.get('job_type_name');
  const tasks = candidateTasks(app, q).filter((t) => !label || t.label === label);
  const jobs = tasks.flatMap((t) => jobsOfTask(app.world, t, now)).filter(jobFilter(q));
  jobs.sort((a, b) => a.id - b.id);

  const start = (page - 1) * count;
  const pageJobs = jobs.slice(start, start + count);
  const pageUrl = (n: number): string => {
    const u = new URL(ctx.url.pathname, ctx.origin);
    for (const [k, v] of q.entries()) if (k !== 'page') u.searchParams.append(k, v);
    u.searchParams.set('page', String(n));
    return u.toString();
  };
  const names: string[] = [...JOB_PROPERTY_NAMES];
  if (app.faults.config.schemaDrift) names[names.indexOf('job_type_name')] = 'job_type';
  return json({
    count: jobs.length,
    next: start + count < jobs.length ? pageUrl(page + 1) : null,
    previous: page > 1 ? pageUrl(page - 1) : null,
    results: pageJobs.map(toRow),
    job_property_names: names,
  });
}

/** Narrows by push or task first so a poll does not walk every task. */
function candidateTasks(app: App, q: URLSearchParams): SimTask[] {
  const world = app.world;
  const taskId = q.get('task_id');
  if (taskId) {
    const t = world.tasks.get(taskId);
    return t ? [t] : [];
  }
  const pushIds = [...(intListParam(q, 'push_id') ?? []), ...(intListParam(q, 'push_id__in') ?? [])];
  if (pushIds.length) return pushIds.flatMap((id) => world.tasksByPush.get(id) ?? []);
  const jobIds = [...(intListParam(q, 'id') ?? []), ...(intListParam(q, 'id__in') ?? [])];
  if (jobIds.length) return [...new Set(jobIds.map((id) => world.jobs.get(id)?.task).filter((t): t is SimTask => !!t))];
  return [...world.tasks.values()];
}

function jobFilter(q: URLSearchParams): (j: JobView) => boolean {
  const tests: Array<(j: JobView) => boolean> = [];
  const eq = (param: string, field: keyof JobView): void => {
    const v = q.get(param);
    if (v !== null && v !== '') tests.push((j) => String(j[field]) === v);
  };
  eq('retry_id', 'retry_id');
  eq('job_type_name', 'job_type_name');
  eq('job_type_symbol', 'job_type_symbol');
  eq('job_group_name', 'job_group_name');
  eq('job_group_symbol', 'job_group_symbol');
  eq('platform', 'platform');
  eq('result', 'result');
  eq('state', 'state');
  eq('tier', 'tier');
  eq('signature', 'signature');
  eq('failure_classification_id', 'failure_classification_id');
  const ids = [...(intListParam(q, 'id') ?? []), ...(intListParam(q, 'id__in') ?? [])];
  if (ids.length) tests.push((j) => ids.includes(j.id));
  const tiers = intListParam(q, 'tier__in');
  if (tiers) tests.push((j) => tiers.includes(Number(j.tier)));
  for (const [op, cmp] of [
    ['gt', (a: number, b: number) => a > b],
    ['gte', (a: number, b: number) => a >= b],
    ['lt', (a: number, b: number) => a < b],
    ['lte', (a: number, b: number) => a <= b],
  ] as const) {
    const v = q.get(`id__${op}`);
    if (v !== null && v !== '') tests.push((j) => cmp(j.id, Number(v)));
  }
  const since = q.get('last_modified__gt');
  if (since) {
    const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(since) ? since : `${since}Z`);
    if (Number.isFinite(ms)) tests.push((j) => j.lastModifiedMs > ms);
  }
  return (j) => tests.every((t) => t(j));
}
