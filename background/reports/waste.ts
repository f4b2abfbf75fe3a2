import { loadWasteReport } from '../../src/waste/load-report';
import type { WasteProgress, WasteReport, WasteReportStatus } from '../../src/waste/types';
import { servicesForRepo } from '../services/repository-services';
import { createPolledJobs } from './polled-jobs';

/** Waste reports being built: a report reads hundreds of pushes, so it runs here in batches while the page polls. */
const reports = createPolledJobs<WasteProgress, WasteReport>({
  keep: 5,
  abandonAfterMs: 60_000,
  forgetAfterMs: 30 * 60_000,
  goneSentence: "This report is no longer in the extension's memory (its background restarted). Load it again.",
});
/** A finished report answers an identical request for this long instead of loading again. */
const REUSE_MS = 5 * 60_000;

export function startWasteReport(request: { repo: string; pushes: number; refresh?: boolean | undefined }): {
  reportId: string;
} {
  const { repo, pushes } = request;
  const key = `${repo}:${pushes}`;
  const reused = request.refresh ? undefined : reports.reuse(key, REUSE_MS);
  if (reused) return { reportId: reused.id };
  const job = reports.start(
    key,
    { phase: 'pushes', pushesLoaded: 0, pushesTotal: pushes, jobsSeen: 0 },
    async ({ signal, progress }) => {
      const { clients, urls } = await servicesForRepo(repo);
      const report = await loadWasteReport(
        {
          latestPushes: (r, count) => clients.treeherder.latestPushes(r, count),
          jobsForPushes: (ids) => clients.treeherder.jobsForPushes(ids),
          taskStatuses: (ids) => clients.taskcluster.taskStatuses(ids),
        },
        { repo, pushes },
        { signal, onProgress: progress },
      );
      return { ...report, treeherderUrl: urls.treeherderUrl };
    },
  );
  return { reportId: job.id };
}

export function wasteReportStatus(reportId: string): WasteReportStatus {
  const job = reports.poll(reportId);
  const error = job.state === 'stopped' ? 'The report was abandoned: its page stopped asking for it.' : job.error;
  return {
    reportId,
    state: job.state === 'running' ? 'loading' : job.state === 'done' ? 'done' : 'failed',
    progress: { ...job.progress },
    ...(job.outcome ? { report: job.outcome } : {}),
    ...(error ? { error } : {}),
  };
}
