import type { Job, Push, TaskStatus } from '../ci';
import { parseTreeherderTime } from '../ci/treeherder-time';
import { userMessageFor } from '../http/errors';
import { forEachBounded } from '../artifacts/bounded';
import { classifyWaste, runRefsOfRows } from './classify';
import { addRuns, runRef, type Tallies } from './tally';
import {
  DEFAULT_THRESHOLDS,
  type ObservedRun,
  type RunTimes,
  type WasteProgress,
  type WasteReport,
  type WasteThresholds,
  type WindowPush,
} from './types';

export type { WasteProgress } from './types';

/** The reads the report needs; the CI clients provide them (tests may pass fakes). */
export interface WasteSources {
  latestPushes(repo: string, count: number): Promise<Push[]>;
  jobsForPushes(pushIds: readonly number[]): Promise<Map<number, Job[]>>;
  /** Exact run times; optional refinement, the report falls back to Treeherder's minutes without it. */
  taskStatuses?(taskIds: readonly string[]): Promise<Map<string, TaskStatus>>;
}

export interface WasteRequest {
  repo: string;
  pushes: number;
  /** Pushes per jobs query: one `push_id__in` query (across pages) per batch. */
  batchSize?: number;
  /** Batches loading at once (the HTTP layer's per-host limit still applies). */
  concurrency?: number;
  thresholds?: Partial<WasteThresholds>;
}

export interface WasteLoadOptions {
  onProgress?: (progress: WasteProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
}

const DEFAULT_BATCH = 10;
const DEFAULT_CONCURRENCY = 2;

/**
 * Loads the newest pushes of a repository batch by batch (reporting progress after each), tallies
 * their jobs, classifies the job types, then asks Taskcluster for the exact run times of the listed
 * rows only. I/O around the pure tally and classification.
 */
export async function loadWasteReport(
  sources: WasteSources,
  request: WasteRequest,
  options: WasteLoadOptions = {},
): Promise<WasteReport> {
  const now = options.now ?? Date.now;
  const progress: WasteProgress = { phase: 'pushes', pushesLoaded: 0, pushesTotal: request.pushes, jobsSeen: 0 };
  const report = () => options.onProgress?.({ ...progress });
  report();

  const pushes = await sources.latestPushes(request.repo, request.pushes);
  options.signal?.throwIfAborted();
  const window: WindowPush[] = pushes.map((p) => ({ pushId: p.id, revision: p.revision, timestamp: p.push_timestamp }));
  progress.phase = 'jobs';
  progress.pushesTotal = window.length;
  report();

  const tallies: Tallies = new Map();
  const batchSize = Math.max(1, request.batchSize ?? DEFAULT_BATCH);
  const batches: number[][] = [];
  for (let start = 0; start < window.length; start += batchSize)
    batches.push(window.slice(start, start + batchSize).map((p) => p.pushId));
  // Tallies do not depend on the order batches arrive in, so a few load at once.
  await forEachBounded(
    batches,
    request.concurrency ?? DEFAULT_CONCURRENCY,
    async (batch) => {
      const jobsByPush = await sources.jobsForPushes(batch);
      if (options.signal?.aborted) return;
      for (const jobs of jobsByPush.values()) {
        addRuns(tallies, jobs.map(observedRun));
        progress.jobsSeen += jobs.length;
      }
      progress.pushesLoaded += batch.length;
      report();
    },
    options.signal,
  );
  options.signal?.throwIfAborted();

  const thresholds = { ...DEFAULT_THRESHOLDS, ...request.thresholds };
  const first = classifyWaste({ tallies, pushes: window, nowMs: now(), thresholds });
  progress.phase = 'timing';
  report();
  const { runTimes, note } = await exactRunTimes(sources, runRefsOfRows(tallies, first.rows));
  options.signal?.throwIfAborted();
  const final =
    runTimes.size > 0 ? classifyWaste({ tallies, pushes: window, nowMs: now(), thresholds, runTimes }) : first;

  progress.phase = 'done';
  report();
  const byTime = [...window].sort((a, b) => a.timestamp - b.timestamp);
  return {
    repo: request.repo,
    requestedPushes: request.pushes,
    window: {
      pushes: window.length,
      oldest: byTime[0] ?? null,
      newest: byTime[byTime.length - 1] ?? null,
      days: final.windowDays,
    },
    thresholds,
    rows: final.rows,
    counts: final.counts,
    jobsSeen: progress.jobsSeen,
    jobTypesSeen: tallies.size,
    ...(note ? { note } : {}),
    generatedAt: new Date(now()).toISOString(),
  };
}

export function observedRun(job: Job): ObservedRun {
  return {
    label: job.job_type_name,
    platform: job.platform,
    option: job.platform_option,
    tier: job.tier,
    pushId: job.push_id,
    ...(job.task_id !== undefined ? { taskId: job.task_id } : {}),
    ...(job.retry_id !== undefined ? { runId: job.retry_id } : {}),
    state: job.state,
    result: job.result,
    ...(job.duration !== undefined ? { durationMinutes: job.duration } : {}),
    lastModified: toIso(job.last_modified),
  };
}

/** Started/resolved of the given runs; on failure, none (and a note), so the report still stands on durations. */
async function exactRunTimes(
  sources: WasteSources,
  refs: readonly string[],
): Promise<{ runTimes: Map<string, RunTimes>; note?: string }> {
  const runTimes = new Map<string, RunTimes>();
  if (refs.length === 0) return { runTimes };
  if (!sources.taskStatuses) return { runTimes, note: 'Machine hours come from Treeherder durations (whole minutes).' };
  const wanted = new Set(refs);
  const taskIds = [...new Set(refs.map((ref) => ref.slice(0, ref.lastIndexOf('.'))))];
  try {
    const statuses = await sources.taskStatuses(taskIds);
    for (const [taskId, status] of statuses) {
      for (const run of status.runs) {
        const ref = runRef(taskId, run.runId);
        if (!wanted.has(ref)) continue;
        const startedMs = run.started ? Date.parse(run.started) : undefined;
        const resolvedMs = run.resolved ? Date.parse(run.resolved) : undefined;
        runTimes.set(ref, {
          ...(startedMs !== undefined && Number.isFinite(startedMs) ? { startedMs } : {}),
          ...(resolvedMs !== undefined && Number.isFinite(resolvedMs) ? { resolvedMs } : {}),
        });
      }
    }
  } catch (error) {
    const reason = userMessageFor(error);
    return {
      runTimes,
      note: `Machine hours come from Treeherder durations (whole minutes): Taskcluster's run times could not be read. ${reason}`,
    };
  }
  const missing = refs.length - runTimes.size;
  return missing > 0
    ? {
        runTimes,
        note: `${missing} of ${refs.length} runs had no Taskcluster times (expired tasks?); their hours come from Treeherder durations.`,
      }
    : { runTimes };
}

function toIso(treeherderTime: string): string {
  const date = parseTreeherderTime(treeherderTime);
  return Number.isNaN(date.getTime()) ? treeherderTime : date.toISOString();
}
