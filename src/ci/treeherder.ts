/**
 * Treeherder REST client (reference/treeherder.md §5). All reads are anonymous. Every response is
 * validated; a shape change surfaces as a SchemaDriftError naming the endpoint and field.
 */
import type { HttpClient, RequestOptions } from '../http/client';
import { isNotFound } from '../http/errors';
import type { ServiceUrls } from '../settings';
import {
  BugSuggestionListSchema,
  DecisionTaskMapSchema,
  JobDetailSchema,
  JobLogUrlListSchema,
  JobsPageSchema,
  PushListSchema,
  PushSchema,
  RepositoryListSchema,
  SimilarJobsSchema,
  type BugSuggestion,
  type Job,
  type JobDetail,
  type JobLogUrl,
  type Push,
  type Repository,
  type SimilarJob,
} from './schemas/treeherder';
import { formatTreeherderTime } from './treeherder-time';
import { trimSlashes, withQuery } from './url';

/** The decision task of a push: its taskId is also the push's task-group id. */
export interface DecisionTaskRef {
  taskId: string;
  runId: number;
}

/** Server-side filters of `/api/jobs/`. */
export interface JobFilter {
  pushIds: readonly number[];
  /** Exact label, e.g. `test-linux1804-64-qr/debug-mochitest-plain-3`. */
  jobTypeName?: string;
  result?: string;
  tiers?: readonly number[];
  lastModifiedAfter?: Date | string;
}

export interface TreeherderClientOptions {
  http: HttpClient;
  urls: Pick<ServiceUrls, 'treeherderUrl'>;
  /** Rows per `/api/jobs/` page; the server's maximum is 2000. */
  jobsPageSize?: number;
  /** Safety stop for paging loops. */
  maxPages?: number;
}

export interface TreeherderClient {
  repositories(): Promise<Repository[]>;
  /** The push whose tip is `revision` (a 12+ character prefix works), or null. */
  pushByRevision(repo: string, revision: string): Promise<Push | null>;
  /** The push containing `revision` anywhere in its commits, or null. */
  pushContainingRevision(repo: string, revision: string): Promise<Push | null>;
  pushById(repo: string, pushId: number): Promise<Push>;
  /** Pushes after `fromRevision` up to and including `toRevision`, newest first (server order). */
  pushesInRange(repo: string, range: { fromRevision: string; toRevision: string; count?: number }): Promise<Push[]>;
  /** The newest `count` pushes, newest first. */
  latestPushes(repo: string, count: number): Promise<Push[]>;
  /** Up to `count` pushes older than push `pushId`, newest first (the search space of a gap). */
  pushesBefore(repo: string, pushId: number, count: number): Promise<Push[]>;
  /** Every job of a push, across pages. Pass cacheTtlMs only for finished pushes. */
  jobsForPush(pushId: number, options?: { cacheTtlMs?: number }): Promise<Job[]>;
  /**
   * Every job of several pushes in one `push_id__in` query across pages, grouped by push (each
   * requested push gets an entry, possibly empty). Far fewer requests than one query per push.
   */
  jobsForPushes(pushIds: readonly number[], options?: { cacheTtlMs?: number }): Promise<Map<number, Job[]>>;
  /** Jobs of these pushes modified after `since` (Treeherder's 60 s poll). */
  jobsChangedSince(pushIds: readonly number[], since: Date | string): Promise<Job[]>;
  /** Jobs of these pushes matching a filter, across pages (e.g. one label's runs on earlier pushes). */
  findJobs(filter: JobFilter): Promise<Job[]>;
  /** The job of one Taskcluster task run (Treeherder's `selectedTaskRun=<taskId>.<run>`), or null. */
  jobForTaskRun(taskId: string, runId: number): Promise<Job | null>;
  jobDetail(repo: string, jobId: number): Promise<JobDetail>;
  jobLogUrls(repo: string, jobId: number): Promise<JobLogUrl[]>;
  bugSuggestions(repo: string, jobId: number): Promise<BugSuggestion[]>;
  similarJobs(
    repo: string,
    jobId: number,
    options?: { count?: number; offset?: number; nosuccess?: boolean },
  ): Promise<SimilarJob[]>;
  /** From the job list when given (symbol D), else `/push/decisiontask/`; null when unknown. */
  decisionTask(repo: string, pushId: number, jobs?: readonly Job[]): Promise<DecisionTaskRef | null>;
  /** Bulk form of the `/push/decisiontask/` fallback. Pushes without one are absent from the map. */
  decisionTasks(repo: string, pushIds: readonly number[]): Promise<Map<number, DecisionTaskRef>>;
}

const HOUR_MS = 60 * 60 * 1000;

export function createTreeherderClient(options: TreeherderClientOptions): TreeherderClient {
  const { http } = options;
  const base = trimSlashes(options.urls.treeherderUrl);
  const pageSize = options.jobsPageSize ?? 2000;
  const maxPages = options.maxPages ?? 100;

  const describe = (endpoint: string, what: string): RequestOptions => ({ source: 'treeherder', endpoint, what });
  const projectUrl = (repo: string, path: string) => `${base}/api/project/${encodeURIComponent(repo)}/${path}`;

  async function pushList(repo: string, params: Record<string, string>, what: string): Promise<Push[]> {
    const url = withQuery(projectUrl(repo, 'push/'), params);
    const list = await http.getJson(url, PushListSchema, describe('/api/project/<repo>/push/', what));
    return list.results;
  }

  /** Follows `page=` until `next` is null. `next` is only read for its page number, never followed as a URL. */
  async function allJobPages(params: Record<string, string>, what: string, cacheTtlMs?: number): Promise<Job[]> {
    const jobs: Job[] = [];
    let page = 1;
    for (let fetched = 0; fetched < maxPages; fetched += 1) {
      const url = withQuery(`${base}/api/jobs/`, {
        ...params,
        count: String(pageSize),
        ...(page > 1 ? { page: String(page) } : {}),
      });
      const result = await http.getJson(url, JobsPageSchema, { ...describe('/api/jobs/', what), cacheTtlMs });
      jobs.push(...result.jobs);
      if (result.next === null) return jobs;
      page = nextPageNumber(result.next, url) ?? page + 1;
    }
    throw new Error(`Stopped paging ${what} after ${maxPages} pages; Treeherder kept returning a next page.`);
  }

  async function findJobs(filter: JobFilter): Promise<Job[]> {
    if (filter.pushIds.length === 0) return [];
    const params: Record<string, string> = { push_id__in: filter.pushIds.join(',') };
    const described: string[] = [];
    if (filter.jobTypeName !== undefined) {
      params.job_type_name = filter.jobTypeName;
      described.push(`runs of ${filter.jobTypeName}`);
    }
    if (filter.result !== undefined) params.result = filter.result;
    if (filter.tiers !== undefined) params.tier__in = filter.tiers.join(',');
    if (filter.lastModifiedAfter !== undefined) {
      const since =
        typeof filter.lastModifiedAfter === 'string'
          ? filter.lastModifiedAfter
          : formatTreeherderTime(filter.lastModifiedAfter);
      params.last_modified__gt = since;
      described.push(`changed since ${since}`);
    }
    const what = `the jobs${described.length ? ` (${described.join(', ')})` : ''} of pushes ${filter.pushIds.join(', ')}`;
    return allJobPages(params, what);
  }

  async function decisionTaskMap(repo: string, pushIds: readonly number[]): Promise<Map<number, DecisionTaskRef>> {
    const map = new Map<number, DecisionTaskRef>();
    if (pushIds.length === 0) return map;
    const url = withQuery(projectUrl(repo, 'push/decisiontask/'), { push_ids: pushIds.join(',') });
    try {
      // Immutable once the decision task exists; Treeherder itself memoizes it for an hour.
      const result = await http.getJson(url, DecisionTaskMapSchema, {
        ...describe('/api/project/<repo>/push/decisiontask/', `the decision tasks of pushes ${pushIds.join(', ')}`),
        cacheTtlMs: HOUR_MS,
      });
      for (const [pushId, task] of Object.entries(result))
        map.set(Number(pushId), { taskId: task.id, runId: task.run });
    } catch (error) {
      if (!isNotFound(error)) throw error; // 404 = no decision task known yet
    }
    return map;
  }

  return {
    async repositories() {
      return http.getJson(`${base}/api/repository/`, RepositoryListSchema, {
        ...describe('/api/repository/', 'the list of repositories'),
        cacheTtlMs: HOUR_MS,
      });
    },

    async pushByRevision(repo, revision) {
      const pushes = await pushList(repo, { revision, count: '1' }, `the ${repo} push with tip ${revision}`);
      return pushes[0] ?? null;
    },

    async pushContainingRevision(repo, revision) {
      const pushes = await pushList(
        repo,
        { commit_revision: revision, count: '1' },
        `the ${repo} push containing ${revision}`,
      );
      return pushes[0] ?? null;
    },

    async pushById(repo, pushId) {
      return http.getJson(
        projectUrl(repo, `push/${pushId}/`),
        PushSchema,
        describe('/api/project/<repo>/push/<id>/', `${repo} push ${pushId}`),
      );
    },

    async pushesInRange(repo, range) {
      return pushList(
        repo,
        { fromchange: range.fromRevision, tochange: range.toRevision, count: String(range.count ?? 1000) },
        `the ${repo} pushes from ${range.fromRevision} to ${range.toRevision}`,
      );
    },

    async latestPushes(repo, count) {
      return pushList(repo, { count: String(count) }, `the latest ${count} ${repo} pushes`);
    },

    async pushesBefore(repo, pushId, count) {
      return pushList(
        repo,
        { id__lt: String(pushId), count: String(count) },
        `the ${count} ${repo} pushes before push ${pushId}`,
      );
    },

    async jobsForPush(pushId, jobOptions) {
      return allJobPages({ push_id: String(pushId) }, `the jobs of push ${pushId}`, jobOptions?.cacheTtlMs);
    },

    async jobsForPushes(pushIds, jobOptions) {
      const byPush = new Map<number, Job[]>(pushIds.map((pushId) => [pushId, []]));
      if (pushIds.length === 0) return byPush;
      const jobs = await allJobPages(
        { push_id__in: pushIds.join(',') },
        `the jobs of pushes ${pushIds.join(', ')}`,
        jobOptions?.cacheTtlMs,
      );
      for (const job of jobs) byPush.get(job.push_id)?.push(job);
      return byPush;
    },

    async jobsChangedSince(pushIds, since) {
      return findJobs({ pushIds, lastModifiedAfter: since });
    },

    findJobs,

    async jobForTaskRun(taskId, runId) {
      const jobs = await allJobPages(
        { task_id: taskId, retry_id: String(runId) },
        `the job of task ${taskId} run ${runId}`,
      );
      return jobs[0] ?? null;
    },

    async jobDetail(repo, jobId) {
      return http.getJson(projectUrl(repo, `jobs/${jobId}/`), JobDetailSchema, {
        ...describe('/api/project/<repo>/jobs/<id>/', `${repo} job ${jobId}`),
      });
    },

    async jobLogUrls(repo, jobId) {
      const url = withQuery(projectUrl(repo, 'job-log-url/'), { job_id: String(jobId) });
      return http.getJson(
        url,
        JobLogUrlListSchema,
        describe('/api/project/<repo>/job-log-url/', `the logs of ${repo} job ${jobId}`),
      );
    },

    async bugSuggestions(repo, jobId) {
      return http.getJson(
        projectUrl(repo, `jobs/${jobId}/bug_suggestions/`),
        BugSuggestionListSchema,
        describe('/api/project/<repo>/jobs/<id>/bug_suggestions/', `the bug suggestions for ${repo} job ${jobId}`),
      );
    },

    async similarJobs(repo, jobId, similarOptions = {}) {
      const params: Record<string, string> = { count: String(Math.min(similarOptions.count ?? 50, 50)) };
      if (similarOptions.offset) params.offset = String(similarOptions.offset);
      if (similarOptions.nosuccess) params.nosuccess = 'true';
      const url = withQuery(projectUrl(repo, `jobs/${jobId}/similar_jobs/`), params);
      const result = await http.getJson(
        url,
        SimilarJobsSchema,
        describe('/api/project/<repo>/jobs/<id>/similar_jobs/', `the jobs similar to ${repo} job ${jobId}`),
      );
      return result.results;
    },

    async decisionTask(repo, pushId, jobs) {
      const fromJobs = jobs ? decisionTaskFromJobs(jobs) : null;
      if (fromJobs) return fromJobs;
      return (await decisionTaskMap(repo, [pushId])).get(pushId) ?? null;
    },

    decisionTasks: decisionTaskMap,
  };
}

/** Treeherder's own rule (pushesStore.js): a successful "Decision Task" job with symbol D. */
export function decisionTaskFromJobs(jobs: readonly Job[]): DecisionTaskRef | null {
  const decision = jobs.find(
    (job) =>
      job.job_type_symbol === 'D' &&
      job.job_type_name.includes('Decision Task') &&
      job.result === 'success' &&
      job.task_id !== undefined,
  );
  return decision?.task_id ? { taskId: decision.task_id, runId: decision.retry_id ?? 0 } : null;
}

/** The page number in a `next` link; `next` is absolute on the server and relative in fixtures. */
function nextPageNumber(next: string, currentUrl: string): number | undefined {
  try {
    const page = Number(new URL(next, currentUrl).searchParams.get('page'));
    return Number.isInteger(page) && page > 1 ? page : undefined;
  } catch {
    return undefined;
  }
}
