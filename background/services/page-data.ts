import type { Job } from '../../src/ci';
import { computeGap, GAP_SEARCH_LIMIT, type JobGap, type PushRuns } from '../../src/gap/compute-gap';
import { computeCompleteness, type PushCompleteness } from '../../src/completeness/compute-completeness';
import type { JobDescription } from '../../src/protocol';
import { servicesForRepo } from './repository-services';
import { createSerialQueue } from '../../src/serial-queue';

/**
 * Data the page's badges and controls ask for, computed in the background so every tab shares one
 * cache and one rate limit (design decision 2).
 */
const JOBS_TTL_MS = 60_000;
const jobsByPush = new Map<string, { at: number; jobs: Promise<Job[]> }>();
const describeCache = new Map<string, Promise<JobDescription>>();
const completenessByDecision = new Map<string, { at: number; value: Promise<PushCompleteness> }>();
const PUSHES_TTL_MS = 5 * 60_000;
const pushMemo = new Map<string, { at: number; value: Promise<unknown> }>();

/**
 * Pushes change rarely (new ones arrive on top); every failing job of one push shares one lookup of the
 * push and one list of the pushes before it.
 */
function memoizedPushQuery<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = pushMemo.get(key);
  if (hit && Date.now() - hit.at < PUSHES_TTL_MS) return hit.value as Promise<T>;
  const value = load();
  pushMemo.set(key, { at: Date.now(), value });
  value.catch(() => pushMemo.delete(key));
  return value;
}

/** One jobs-list fetch per push per minute, shared by gap, completeness and cost estimates. */
export async function jobsOfPush(repo: string, pushId: number): Promise<Job[]> {
  const key = `${repo}:${pushId}`;
  const cached = jobsByPush.get(key);
  if (cached && Date.now() - cached.at < JOBS_TTL_MS) return cached.jobs;
  const { clients } = await servicesForRepo(repo);
  const jobs = clients.treeherder.jobsForPush(pushId);
  jobsByPush.set(key, { at: Date.now(), jobs });
  jobs.catch(() => jobsByPush.delete(key));
  return jobs;
}

export function describeJob(repo: string, jobId: number): Promise<JobDescription> {
  const key = `${repo}:${jobId}`;
  let described = describeCache.get(key);
  if (!described) {
    described = loadJobDescription(repo, jobId);
    describeCache.set(key, described);
    described.catch(() => describeCache.delete(key));
  }
  return described;
}

async function loadJobDescription(repo: string, jobId: number): Promise<JobDescription> {
  const { clients } = await servicesForRepo(repo);
  const job = await clients.treeherder.jobDetail(repo, jobId);
  if (!job.task_id) throw new Error(`Job ${jobId} has no Taskcluster task, so it cannot be retriggered or backfilled.`);
  const push = await memoizedPushQuery(`push:${repo}:${job.push_id}`, () =>
    clients.treeherder.pushById(repo, job.push_id),
  );
  const minutes =
    job.end_timestamp > job.start_timestamp
      ? Math.max(1, Math.round((job.end_timestamp - job.start_timestamp) / 60))
      : undefined;
  return {
    jobId,
    taskId: job.task_id,
    retryId: job.retry_id ?? 0,
    label: job.job_type_name,
    symbol: job.job_type_symbol,
    groupSymbol: job.job_group_symbol,
    platform: job.platform,
    pushId: job.push_id,
    revision: push.revision,
    state: job.state,
    result: job.result,
    tier: job.tier,
    ...(minutes ? { durationMinutes: minutes } : {}),
  };
}

/**
 * A label's runs per push, learned by filtered jobs queries and kept for a minute. The windows of
 * neighbouring failing pushes overlap almost entirely, so each later query asks only for pushes not yet
 * known; queries for one label run one at a time so they never ask twice.
 */
const LABEL_RUNS_TTL_MS = 60_000;
const runsByLabel = new Map<
  string,
  { at: number; known: Map<number, string[]>; serialized: ReturnType<typeof createSerialQueue> }
>();

function labelRunsOn(repo: string, label: string, pushIds: readonly number[]): Promise<Map<number, string[]>> {
  const key = `${repo}:${label}`;
  let entry = runsByLabel.get(key);
  if (!entry || Date.now() - entry.at > LABEL_RUNS_TTL_MS) {
    entry = { at: Date.now(), known: new Map(), serialized: createSerialQueue() };
    runsByLabel.set(key, entry);
  }
  const { known, serialized } = entry;
  return serialized(async () => {
    const missing = pushIds.filter((id) => !known.has(id));
    if (missing.length) {
      const { clients } = await servicesForRepo(repo);
      const runs = await clients.treeherder.findJobs({ pushIds: missing, jobTypeName: label });
      for (const id of missing) known.set(id, []);
      for (const run of runs) {
        if (run.job_type_name === label)
          known.get(run.push_id)?.push(run.state === 'completed' ? run.result : run.state);
      }
    }
    return known;
  });
}

/** Earlier pushes, newest first, then the label's runs on them (filtered jobs queries, shared per label). */
export async function jobGap(repo: string, jobId: number): Promise<JobGap> {
  return computeGap(await earlierLabelRuns(repo, jobId), GAP_SEARCH_LIMIT);
}

/** The failing job's label on the pushes before its own (up to the gap search limit), newest first. */
export async function earlierLabelRuns(repo: string, jobId: number): Promise<PushRuns[]> {
  const job = await describeJob(repo, jobId);
  const { clients } = await servicesForRepo(repo);
  const before = await memoizedPushQuery(`before:${repo}:${job.pushId}`, () =>
    clients.treeherder.pushesBefore(repo, job.pushId, GAP_SEARCH_LIMIT),
  );
  const earlier = [...before].sort((a, b) => b.id - a.id);
  const results = earlier.length
    ? await labelRunsOn(
        repo,
        job.label,
        earlier.map((p) => p.id),
      )
    : new Map<number, string[]>();
  return earlier.map((p) => ({ pushId: p.id, revision: p.revision, results: results.get(p.id) ?? [] }));
}

/** Runnable (decision task's runnable-jobs.json, cached per decision task) vs scheduled (the push's jobs). */
export async function pushCompleteness(repo: string, pushId: number): Promise<PushCompleteness> {
  const jobs = await jobsOfPush(repo, pushId);
  const { clients } = await servicesForRepo(repo);
  const decision = await clients.treeherder.decisionTask(repo, pushId, jobs);
  if (!decision) throw new Error(`Push ${pushId} has no decision task yet, so its runnable jobs are unknown.`);
  const key = `${decision.taskId}:${jobs.length}`;
  const cached = completenessByDecision.get(key);
  if (cached && Date.now() - cached.at < JOBS_TTL_MS) return cached.value;
  const value = clients.taskcluster.runnableJobs(decision.taskId, decision.runId).then((runnable) =>
    computeCompleteness(
      runnable,
      jobs.map((j) => j.job_type_name),
    ),
  );
  completenessByDecision.set(key, { at: Date.now(), value });
  value.catch(() => completenessByDecision.delete(key));
  return value;
}
