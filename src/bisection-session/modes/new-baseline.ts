import { perf } from '../../culprit-finding';
import type { BaselineRequest, JobDescription } from '../../protocol';
import { jobRefOf, knownCost, refuse, type BisectionMode, type JobRow, type ModeReads } from '../mode';
import { runsPerSuspect } from '../perf-session';
import { countRuns, type SessionOf } from '../session';

declare module '../session' {
  interface SessionKinds {
    /** A new baseline: perf jobs of one push retriggered N times, and what they measured. */
    'new-baseline': { baseline: NewBaselineData };
  }
}

/** The perf jobs of one push retriggered `times` times each, and what they measured. */
export interface NewBaselineData {
  labels: string[];
  times: number;
  /** Treeherder runs of each label on the push when the baseline started (all states). */
  initialRuns: number[];
  /** Runs of each label that have finished (any result), at the latest refresh. */
  finishedRuns: number[];
  series: BaselineSeries[];
}

export interface BaselineSeries {
  signatureId: number;
  name: string;
  label: string;
  /** Replicates of each run on the push (the original run and the retriggers). */
  runs: number[][];
  summary?: perf.ValueSummary | undefined;
}

export type NewBaselineSession = SessionOf<'new-baseline'>;

/** The series the labels' jobs reported on the push, each with the replicates of every run. */
async function measuredSeries(
  repo: string,
  pushId: number,
  labels: readonly string[],
  jobs: readonly JobRow[],
  reads: ModeReads,
): Promise<BaselineSeries[]> {
  const labelOfJob = new Map(jobs.filter((j) => labels.includes(j.job_type_name)).map((j) => [j.id, j.job_type_name]));
  const measured = await reads.pushSeries(repo, pushId);
  return measured.flatMap((s) => {
    const points = s.points.filter((p) => p.pushId === pushId && p.jobId !== null && labelOfJob.has(p.jobId));
    if (!points.length) return [];
    return [
      {
        signatureId: s.signatureId,
        name: s.name,
        label: labelOfJob.get(points[0]!.jobId!)!,
        runs: runsPerSuspect(points, [pushId])[0]!,
      },
    ];
  });
}

/** Adds the mean, sd and 95 % CI to every series with data. */
function summarized(series: readonly BaselineSeries[]): BaselineSeries[] {
  return series.map((s) => {
    const values = s.runs.flat();
    return { ...s, summary: values.length ? perf.summarizeValues(values) : undefined };
  });
}

/** Whether every requested run has finished on Treeherder. */
function finished(data: NewBaselineData): boolean {
  return data.labels.every((_, i) => (data.finishedRuns[i] ?? 0) >= (data.initialRuns[i] ?? 0) + data.times);
}

/** The jobs a baseline is measured from: the given perf jobs (one push), or a push and its perf labels. */
async function describeJobs(request: BaselineRequest, reads: ModeReads): Promise<JobDescription[]> {
  if (request.jobIds?.length) {
    const described = await Promise.all(request.jobIds.map((id) => reads.describeJob(request.repo, id)));
    if (new Set(described.map((d) => d.pushId)).size > 1)
      return refuse('A baseline is measured on one push; these jobs are on different pushes.');
    return described;
  }
  const { pushId, labels } = request;
  if (pushId === undefined || !labels?.length)
    return refuse('Give the perf jobs, or a push and the labels of its perf jobs.');
  const jobs = await reads.jobsOf(request.repo, labels, [pushId]);
  const missing = labels.filter((l) => !jobs.some((j) => j.job_type_name === l));
  if (missing.length) return refuse(`Push ${pushId} has no job named ${missing.map((l) => `"${l}"`).join(', ')}.`);
  return [await reads.describeJob(request.repo, jobs.find((j) => j.job_type_name === labels[0])!.id)];
}

/** One push, its perf jobs, each retriggered `times` times in one action; then mean, sd and 95 % CI per series. */
export const newBaselineMode: BisectionMode<NewBaselineSession, BaselineRequest> = {
  kind: 'new-baseline',

  async draft(request, reads) {
    const described = await describeJobs(request, reads);
    const first = described[0]!;
    const labels = [...new Set(request.jobIds?.length ? described.map((d) => d.label) : (request.labels ?? []))];
    const jobs = await reads.jobsOf(request.repo, labels, [first.pushId]);
    const series = await measuredSeries(request.repo, first.pushId, labels, jobs, reads);
    if (series.length === 0)
      return refuse(`None of these jobs reported performance data to Perfherder on push ${first.pushId}.`);
    const runsOfLabel = labels.map((l) => jobs.filter((j) => j.job_type_name === l));
    return {
      kind: 'new-baseline',
      repo: request.repo,
      label: labels[0]!,
      job: jobRefOf(first),
      suspects: [{ pushId: first.pushId, revision: first.revision }],
      observed: [countRuns(runsOfLabel[0] ?? [])],
      budget: request.times * labels.length,
      parallel: request.times * labels.length,
      baseline: {
        labels,
        times: request.times,
        initialRuns: runsOfLabel.map((r) => r.length),
        finishedRuns: runsOfLabel.map((r) => r.filter((j) => j.state === 'completed').length),
        series,
      },
    };
  },

  async refresh(session, reads) {
    const data = session.baseline;
    const pushId = session.suspects[0]!.pushId;
    const jobs = await reads.jobsOf(session.repo, data.labels, [pushId]);
    const series = await measuredSeries(session.repo, pushId, data.labels, jobs, reads);
    const finishedRuns = data.labels.map(
      (l) => jobs.filter((j) => j.job_type_name === l && j.state === 'completed').length,
    );
    const observed = countRuns(jobs.filter((j) => j.job_type_name === data.labels[0]));
    return { ...session, observed: [observed], baseline: { ...data, finishedRuns, series: summarized(series) } };
  },

  next(session) {
    if (session.rounds.length === 0)
      return { session, step: { kind: 'probe', probes: [{ pushIndex: 0, times: session.baseline.times }] } };
    return { session, step: finished(session.baseline) ? { kind: 'finish' } : { kind: 'wait' } };
  },

  labels: (session) => session.baseline.labels,

  estimate: (session) => knownCost(session.budget),

  describeVerdict(session) {
    const data = session.baseline;
    const parts = data.series.flatMap(({ name, summary: s }) =>
      s
        ? [
            `${name}: ${s.mean.toFixed(2)} ± ${s.sd.toFixed(2)} (95 % CI ${s.ci95[0].toFixed(2)}–${s.ci95[1].toFixed(2)}, n = ${s.count})`,
          ]
        : [],
    );
    const jobs = `${data.labels.length} job${data.labels.length === 1 ? '' : 's'}`;
    return `New baseline from ${data.times} retriggers of ${jobs}. ${parts.join('; ')}.`;
  },
};
