import type { Job } from '../../src/ci';
import { memoize } from '../../src/util/memoize';
import { computeGap, GAP_SEARCH_LIMIT, type JobGap, type PushRuns } from '../../src/gap/compute-gap';
import { computeCompleteness, type PushCompleteness } from '../../src/completeness/compute-completeness';
import type { JobDescription } from '../../src/protocol';
import { servicesForRepo } from './repository-services';
import { createSerialQueue } from '../../src/serial-queue';
import { cachedArtifacts, createArtifactCache } from './artifact-cache';
import { pushLabelStore } from './push-labels';

/**
 * Data the page's badges and controls ask for, computed in the background so every tab shares one
 * cache and one rate limit (docs/design.md, decision 2).
 */
const JOBS_TTL_MS = 60_000;
/** Pushes change rarely (new ones arrive on top); every failing job of one push shares these lookups. */
const PUSHES_TTL_MS = 5 * 60_000;

/** One jobs-list fetch per push per minute, shared by gap, completeness and cost estimates. */
export const jobsOfPush: (repo: string, pushId: number) => Promise<Job[]> = memoize(
  async (repo: string, pushId: number) => {
    const { clients } = await servicesForRepo(repo);
    return clients.treeherder.jobsForPush(pushId);
  },
  { ttlMs: JOBS_TTL_MS },
);

export const describeJob: (repo: string, jobId: number) => Promise<JobDescription> = memoize(loadJobDescription);

const pushById = memoize(
  async (repo: string, pushId: number) => (await servicesForRepo(repo)).clients.treeherder.pushById(repo, pushId),
  { ttlMs: PUSHES_TTL_MS },
);

/**
 * What never changes and a later visit needs again, on disk (artifact-cache.ts): the pushes before a push (new
 * pushes land on top) and a job's push and label. A warm visit's gap badge then costs one request, its label's
 * runs, instead of three in a row.
 */
const lookups = createArtifactCache({ name: 'cit-lookups', maxBytes: 16 * 1024 * 1024 });

/** The pushes before one push (id and revision: what a gap shows), shared by every failing job of it. */
const pushesBefore = memoize(
  async (repo: string, pushId: number) => {
    const { clients, urls } = await servicesForRepo(repo);
    return lookups.get(`${urls.treeherderUrl}|${repo}|pushes-before|${pushId}|${GAP_SEARCH_LIMIT}`, async () =>
      (await clients.treeherder.pushesBefore(repo, pushId, GAP_SEARCH_LIMIT)).map((p) => ({
        id: p.id,
        revision: p.revision,
      })),
    );
  },
  { ttlMs: PUSHES_TTL_MS },
);

/** A job's push and label: fixed when the job is created. */
const pushAndLabelOf = memoize(async (repo: string, jobId: number) => {
  const { urls } = await servicesForRepo(repo);
  return lookups.get(`${urls.treeherderUrl}|${repo}|job|${jobId}`, async () => {
    const job = await jobDetailOf(repo, jobId);
    return { pushId: job.push_id, label: job.job_type_name };
  });
});

/** A job's details, shared by its description and its gap (a finished job's never change; a minute for the rest). */
const jobDetailOf = memoize(
  async (repo: string, jobId: number) => (await servicesForRepo(repo)).clients.treeherder.jobDetail(repo, jobId),
  { ttlMs: JOBS_TTL_MS },
);

async function loadJobDescription(repo: string, jobId: number): Promise<JobDescription> {
  const job = await jobDetailOf(repo, jobId);
  if (!job.task_id) throw new Error(`Job ${jobId} has no Taskcluster task, so it cannot be retriggered or backfilled.`);
  const push = await pushById(repo, job.push_id);
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
const labelRunsEntry = memoize(
  async (_repo: string, _label: string) => ({
    known: new Map<number, string[]>(),
    serialized: createSerialQueue(),
  }),
  { ttlMs: LABEL_RUNS_TTL_MS },
);

async function labelRunsOn(repo: string, label: string, pushIds: readonly number[]): Promise<Map<number, string[]>> {
  const { known, serialized } = await labelRunsEntry(repo, label);
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
  // The job's push and label only: no need to wait for its push's revision (describeJob).
  const job = await pushAndLabelOf(repo, jobId);
  const before = await pushesBefore(repo, job.pushId);
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

/** The labels scheduled on a push, kept on disk and then read only as far as they changed (push-labels.ts). */
const labelsOfPush = memoize(
  async (repo: string, pushId: number) => {
    const { clients, urls } = await servicesForRepo(repo);
    return pushLabelStore.labelsOf(clients.treeherder, `${urls.treeherderUrl}|${repo}|${pushId}`, pushId);
  },
  { ttlMs: JOBS_TTL_MS },
);

/**
 * Runnable (decision task's runnable-jobs.json, kept on disk by artifact-cache.ts, never downloaded twice) vs
 * scheduled (the push's labels). Not kept in memory: on autoland a push's missing list holds about 9,000 jobs,
 * and each tab keeps the answer it was given.
 */
export async function pushCompleteness(repo: string, pushId: number): Promise<PushCompleteness> {
  const pushLabels = await labelsOfPush(repo, pushId);
  const { clients } = await servicesForRepo(repo);
  const decision = pushLabels.decision ?? (await clients.treeherder.decisionTask(repo, pushId));
  if (!decision) throw new Error(`Push ${pushId} has no decision task yet, so its runnable jobs are unknown.`);
  const runnable = await cachedArtifacts(clients.taskcluster).runnableJobs(decision.taskId, decision.runId);
  return computeCompleteness(runnable, pushLabels.labels);
}
