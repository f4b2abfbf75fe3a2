import { errorSentence } from '../error-sentence';
import { loadWasteReport } from '../../src/waste/load-report';
import type { WasteProgress, WasteReport, WasteReportStatus } from '../../src/waste/types';
import { servicesForRepo } from '../services/repository-services';

/**
 * Waste reports being built. A report reads hundreds of pushes, so it runs here in batches while the
 * page polls its progress. It is kept in memory only: it is read-only and quick to redo, so a worker
 * restart just means "load it again" (unlike triggers, nothing must survive).
 */
interface ReportJob {
  id: string;
  key: string;
  startedAt: number;
  lastPolledAt: number;
  progress: WasteProgress;
  report?: WasteReport;
  error?: string;
  controller: AbortController;
}

const jobs = new Map<string, ReportJob>();
/** A finished report answers an identical request for this long instead of loading again. */
const REUSE_MS = 5 * 60_000;
/** A report nobody polled for this long is abandoned (its page was closed). */
const ABANDON_MS = 60_000;
const KEEP_REPORTS = 5;

export function startWasteReport(request: { repo: string; pushes: number; refresh?: boolean | undefined }): {
  reportId: string;
} {
  const key = `${request.repo}:${request.pushes}`;
  const now = Date.now();
  for (const job of jobs.values()) {
    const reusable = !job.error && !job.controller.signal.aborted && (!job.report || now - job.startedAt < REUSE_MS);
    if (job.key === key && reusable && !request.refresh) {
      job.lastPolledAt = now;
      return { reportId: job.id };
    }
  }
  prune();
  const job: ReportJob = {
    id: crypto.randomUUID(),
    key,
    startedAt: now,
    lastPolledAt: now,
    controller: new AbortController(),
    progress: { phase: 'pushes', pushesLoaded: 0, pushesTotal: request.pushes, jobsSeen: 0 },
  };
  jobs.set(job.id, job);
  void build(job, request.repo, request.pushes);
  return { reportId: job.id };
}

export function wasteReportStatus(reportId: string): WasteReportStatus {
  const job = jobs.get(reportId);
  if (!job)
    throw new Error("This report is no longer in the extension's memory (its background restarted). Load it again.");
  job.lastPolledAt = Date.now();
  const state = job.error ? 'failed' : job.report ? 'done' : 'loading';
  return {
    reportId,
    state,
    progress: { ...job.progress },
    ...(job.report ? { report: job.report } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

async function build(job: ReportJob, repo: string, pushes: number): Promise<void> {
  try {
    const { clients, urls } = await servicesForRepo(repo);
    const report = await loadWasteReport(
      {
        latestPushes: (r, count) => clients.treeherder.latestPushes(r, count),
        jobsForPushes: (ids) => clients.treeherder.jobsForPushes(ids),
        taskStatuses: (ids) => clients.taskcluster.taskStatuses(ids),
      },
      { repo, pushes },
      {
        signal: job.controller.signal,
        onProgress: (progress) => {
          job.progress = progress;
          if (Date.now() - job.lastPolledAt > ABANDON_MS) job.controller.abort();
        },
      },
    );
    job.report = { ...report, treeherderUrl: urls.treeherderUrl };
  } catch (error) {
    job.error = job.controller.signal.aborted
      ? 'The report was abandoned: its page stopped asking for it.'
      : errorSentence(error);
  }
}

/** Keeps the newest few reports; drops abandoned ones. */
function prune(): void {
  const byAge = [...jobs.values()].sort((a, b) => b.startedAt - a.startedAt);
  byAge.forEach((job, index) => {
    if (index >= KEEP_REPORTS - 1 || Date.now() - job.lastPolledAt > 30 * 60_000) {
      job.controller.abort();
      jobs.delete(job.id);
    }
  });
}
