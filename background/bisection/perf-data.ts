import type { PerformanceSeries } from '../../src/ci';
import type { ModeReads } from '../../src/bisection-session/mode';
import type { PerfDataPoint } from '../../src/bisection-session/perf-session';
import { memoize } from '../../src/util/memoize';
import { servicesForRepo } from '../services/repository-services';
import { describeJob } from '../services/page-data';

/** Days of a series read before the regressed push: enough for Perfherder's back window on busy trees. */
const SERIES_WINDOW_DAYS = 14;

function points(series: PerformanceSeries): PerfDataPoint[] {
  return series.data.map((d) => ({ pushId: d.push_id, jobId: d.job_id, value: d.value, replicates: d.replicates }));
}

/** Pushes never change; their timestamps and revisions are read once per worker. */
const push = memoize(async (repo: string, pushId: number) =>
  (await servicesForRepo(repo)).clients.treeherder.pushById(repo, pushId),
);

/** Perf sessions' Perfherder reads, through the per-repository clients like everything else (docs/design.md, decision 2). */
export const perfReads: Pick<ModeReads, 'alertSummary' | 'seriesData' | 'pushSeries'> = {
  alertSummary: async (repo, id) => {
    const { clients } = await servicesForRepo(repo);
    const page = await clients.perfherder.alertSummaries({ id });
    return page.results.find((s) => s.id === id) ?? null;
  },
  seriesData: async (repo, query) => {
    const { clients } = await servicesForRepo(repo);
    const at = await push(repo, query.pushId);
    const all = await clients.perfherder.seriesAroundPush({
      repository: repo,
      signatureId: query.signatureId,
      frameworkId: query.frameworkId,
      pushTimestamp: at.push_timestamp,
      windowDays: SERIES_WINDOW_DAYS,
      replicates: true,
    });
    const series = all.find((s) => s.signature_id === query.signatureId);
    return series ? { name: series.name, lowerIsBetter: series.lower_is_better, points: points(series) } : null;
  },
  pushSeries: async (repo, pushId) => {
    const { clients } = await servicesForRepo(repo);
    const at = await push(repo, pushId);
    const all = await clients.perfherder.seriesOnPush({ repository: repo, revision: at.revision });
    return all.map((s) => ({
      signatureId: s.signature_id,
      name: s.name,
      points: points(s).filter((p) => p.pushId === pushId),
    }));
  },
};

/** Labels of jobs that report to Perfherder; others are not asked about (a push's series list is large). */
const PERF_LABEL = /talos|raptor|browsertime|awsy|perftest|js-bench|perf-/i;

export interface JobPerfSeries {
  signatureId: number;
  frameworkId: number;
  name: string;
  pushId: number;
}

/** The series a job reported on its push: what the Bisect control can offer a perf bisection or baseline for. */
export async function perfSeriesOfJob(repo: string, jobId: number): Promise<JobPerfSeries[]> {
  const job = await describeJob(repo, jobId);
  if (!PERF_LABEL.test(job.label)) return [];
  const { clients } = await servicesForRepo(repo);
  const all = await clients.perfherder.seriesOnPush({ repository: repo, revision: job.revision, replicates: false });
  return all
    .filter((s) => s.data.some((d) => d.job_id === jobId))
    .map((s) => ({ signatureId: s.signature_id, frameworkId: s.framework_id, name: s.name, pushId: job.pushId }));
}
