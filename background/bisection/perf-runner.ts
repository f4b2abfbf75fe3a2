import { perf } from '../../src/culprit-finding';
import type { AlertSummary } from '../../src/ci';
import { countRuns, type BisectionSession } from '../../src/bisection-session/session';
import {
  baselineFinished,
  baselineRuns,
  formatPercent,
  perfPlannerInput,
  runsPerSuspect,
  summarizeSeries,
  type BaselineSeries,
  type PerfDataPoint,
} from '../../src/bisection-session/perf-session';
import type { JobDescription } from '../../src/protocol';

/** A Treeherder job row, as much of it as perf sessions need. */
export interface JobRow {
  id: number;
  push_id: number;
  job_type_name: string;
  state: string;
  result: string;
}

/** Perfherder and Treeherder reads of perf sessions; the background wires them to the real clients. */
export interface PerfRunnerDeps {
  /** One alert summary, or null when Perfherder has none with this id. */
  alertSummary: (repo: string, id: number) => Promise<AlertSummary | null>;
  /** One series' data points (with replicates) on and before a push, or null when the signature is unknown. */
  seriesData: (
    repo: string,
    query: { signatureId: number; frameworkId: number; pushId: number },
  ) => Promise<{ name: string; lowerIsBetter: boolean; points: PerfDataPoint[] } | null>;
  /** Every series measured on one push, each with its data points there. */
  pushSeries: (
    repo: string,
    pushId: number,
  ) => Promise<{ signatureId: number; name: string; points: PerfDataPoint[] }[]>;
  jobsOf: (repo: string, labels: readonly string[], pushIds: readonly number[]) => Promise<JobRow[]>;
}

/** What the common runner lends the perf drafts. */
export interface DraftDeps {
  describeJob: (repo: string, jobId: number) => Promise<JobDescription>;
  pushesBefore: (repo: string, pushId: number, count: number) => Promise<{ id: number; revision: string }[]>;
  now: () => number;
  newId: () => string;
}

export interface PerfBisectionRequest {
  repo: string;
  /** Start from a Perfherder alert summary… */
  alertSummaryId?: number | undefined;
  /** …or from a series and the push where it regressed. With an alert summary, picks one of its alerts. */
  signatureId?: number | undefined;
  frameworkId?: number | undefined;
  pushId?: number | undefined;
  budget: number;
  parallel: number;
}

export interface BaselineRequest {
  repo: string;
  /** Perf jobs (all on one push)… */
  jobIds?: number[] | undefined;
  /** …or a push and the labels of its perf jobs. */
  pushId?: number | undefined;
  labels?: string[] | undefined;
  times: number;
}

/** Longest gap a perf bisection covers, in pushes. */
const MAX_GAP = 100;
/** A sentence for the user; the message router passes it on as the error text. */
const refuse = (sentence: string): never => {
  throw new Error(sentence);
};

/** Which series, which pushes and which label a perf bisection covers. */
async function locate(request: PerfBisectionRequest, deps: PerfRunnerDeps) {
  if (request.alertSummaryId !== undefined) {
    const summary = await deps.alertSummary(request.repo, request.alertSummaryId);
    if (!summary) return refuse(`Perfherder has no alert summary ${request.alertSummaryId}.`);
    if (summary.repository !== request.repo)
      return refuse(`Alert summary ${summary.id} is about ${summary.repository}, not ${request.repo}.`);
    const alert =
      request.signatureId !== undefined
        ? summary.alerts.find((a) => a.series_signature.id === request.signatureId)
        : (summary.alerts.find((a) => a.is_regression) ?? summary.alerts[0]);
    if (!alert)
      return refuse(
        request.signatureId !== undefined
          ? `Alert summary ${summary.id} has no alert on signature ${request.signatureId}.`
          : `Alert summary ${summary.id} has no alerts.`,
      );
    return {
      signatureId: alert.series_signature.id,
      frameworkId: summary.framework,
      regressedPushId: summary.push_id,
      lastGoodPushId: summary.prev_push_id as number | undefined,
      alertSummaryId: summary.id,
    };
  }
  if (request.signatureId === undefined || request.pushId === undefined)
    return refuse('Give an alert summary id, or a signature id and the push where it regressed.');
  return {
    signatureId: request.signatureId,
    frameworkId: request.frameworkId ?? 1,
    regressedPushId: request.pushId,
    lastGoodPushId: undefined,
    alertSummaryId: undefined,
  };
}

/**
 * A perf bisection session: the suspects are the pushes after the last data point up to the regressed
 * push (the gap), the "before" side is the series' last data points, and the job to run is the one that
 * produced the regressed data point.
 */
export async function draftPerfBisection(
  request: PerfBisectionRequest,
  deps: PerfRunnerDeps,
  common: DraftDeps,
): Promise<BisectionSession> {
  const where = await locate(request, deps);
  const series = await deps.seriesData(request.repo, {
    signatureId: where.signatureId,
    frameworkId: where.frameworkId,
    pushId: where.regressedPushId,
  });
  if (!series) return refuse(`Perfherder has no series with signature ${where.signatureId} on ${request.repo}.`);
  const regressed = series.points.filter((p) => p.pushId === where.regressedPushId);
  const withJob = regressed.find((p) => p.jobId !== null);
  if (!withJob || withJob.jobId === null)
    return refuse(
      `Perfherder has no data for "${series.name}" on push ${where.regressedPushId}: there is nothing to bisect from.`,
    );
  const lastGoodPushId =
    where.lastGoodPushId ??
    Math.max(-1, ...series.points.filter((p) => p.pushId < where.regressedPushId).map((p) => p.pushId));
  if (lastGoodPushId < 0)
    return refuse(
      `"${series.name}" has no data point before push ${where.regressedPushId}: there is no baseline to compare with.`,
    );
  const baseline = baselineRuns(series.points, lastGoodPushId);
  if (baseline.length === 0)
    return refuse(
      `Perfherder has no data for "${series.name}" on push ${lastGoodPushId}, the last push before the regression.`,
    );

  const job = await common.describeJob(request.repo, withJob.jobId);
  const earlier = await common.pushesBefore(request.repo, where.regressedPushId, MAX_GAP);
  const gap = earlier.filter((p) => p.id > lastGoodPushId);
  if (gap.length === earlier.length && earlier.length >= MAX_GAP)
    return refuse(
      `The gap before push ${where.regressedPushId} is longer than ${MAX_GAP} pushes; bisect a shorter range.`,
    );
  const suspects = [
    ...gap.reverse().map((p) => ({ pushId: p.id, revision: p.revision })),
    { pushId: job.pushId, revision: job.revision },
  ];
  const pushIds = suspects.map((s) => s.pushId);
  const jobs = await deps.jobsOf(request.repo, [job.label], pushIds);
  const observed = pushIds.map((id) => countRuns(jobs.filter((j) => j.push_id === id)));
  const now = common.now();
  return {
    id: common.newId(),
    mode: 'perf',
    status: 'running',
    createdAt: now,
    updatedAt: now,
    repo: request.repo,
    label: job.label,
    job: { jobId: job.jobId, taskId: job.taskId, label: job.label, symbol: job.symbol, groupSymbol: job.groupSymbol },
    suspects,
    initialRuns: observed.map((o) => o.total),
    initialCompleted: observed.map((o) => o.completed),
    initialFailures: observed.map((o) => o.failures),
    requested: suspects.map(() => 0),
    observed,
    rounds: [],
    budget: request.budget,
    parallel: request.parallel,
    threshold: perf.PERF_DEFAULT_THRESHOLD,
    priors: { flakeAlpha: 1, flakeBeta: 1, noCulprit: 0 },
    perf: {
      signatureId: where.signatureId,
      frameworkId: where.frameworkId,
      alertSummaryId: where.alertSummaryId,
      seriesName: series.name,
      lowerIsBetter: series.lowerIsBetter,
      lastGoodPushId,
      baseline,
      runs: runsPerSuspect(series.points, pushIds),
      withoutData: withoutData(jobs, series.points, pushIds),
    },
  };
}

/** Finished runs that will never report data: completed on Treeherder with anything but success. */
function withoutData(jobs: readonly JobRow[], points: readonly PerfDataPoint[], pushIds: readonly number[]): number[] {
  const reported = new Set(points.map((p) => p.jobId));
  return pushIds.map(
    (id) =>
      jobs.filter((j) => j.push_id === id && j.state === 'completed' && j.result !== 'success' && !reported.has(j.id))
        .length,
  );
}

/** Reads the runs on Treeherder and the replicates on Perfherder again. */
export async function refreshPerf(session: BisectionSession, deps: PerfRunnerDeps): Promise<BisectionSession> {
  const data = session.perf;
  if (!data) return session;
  const pushIds = session.suspects.map((s) => s.pushId);
  const series = await deps.seriesData(session.repo, {
    signatureId: data.signatureId,
    frameworkId: data.frameworkId,
    pushId: pushIds.at(-1)!,
  });
  const jobs = await deps.jobsOf(session.repo, [session.label], pushIds);
  const points = series?.points ?? [];
  return {
    ...session,
    observed: pushIds.map((id) => countRuns(jobs.filter((j) => j.push_id === id))),
    perf: { ...data, runs: runsPerSuspect(points, pushIds), withoutData: withoutData(jobs, points, pushIds) },
  };
}

/** A new-baseline session: one push, its perf jobs, each to be retriggered `times` times. */
export async function draftBaseline(
  request: BaselineRequest,
  deps: PerfRunnerDeps,
  common: DraftDeps,
): Promise<BisectionSession> {
  let described: JobDescription[];
  if (request.jobIds?.length) {
    described = await Promise.all(request.jobIds.map((id) => common.describeJob(request.repo, id)));
    const pushes = new Set(described.map((d) => d.pushId));
    if (pushes.size > 1) return refuse('A baseline is measured on one push; these jobs are on different pushes.');
  } else if (request.pushId !== undefined && request.labels?.length) {
    const jobs = await deps.jobsOf(request.repo, request.labels, [request.pushId]);
    const missing = request.labels.filter((l) => !jobs.some((j) => j.job_type_name === l));
    if (missing.length)
      return refuse(`Push ${request.pushId} has no job named ${missing.map((l) => `"${l}"`).join(', ')}.`);
    described = [await common.describeJob(request.repo, jobs.find((j) => j.job_type_name === request.labels![0])!.id)];
  } else {
    return refuse('Give the perf jobs, or a push and the labels of its perf jobs.');
  }
  const first = described[0]!;
  const labels = [...new Set(request.jobIds?.length ? described.map((d) => d.label) : (request.labels ?? []))];
  const jobs = await deps.jobsOf(request.repo, labels, [first.pushId]);
  const series = await baselineSeries(request.repo, first.pushId, labels, jobs, deps);
  if (series.length === 0)
    return refuse(`None of these jobs reported performance data to Perfherder on push ${first.pushId}.`);
  const runsOfLabel = labels.map((l) => jobs.filter((j) => j.job_type_name === l));
  const observed = countRuns(runsOfLabel[0] ?? []);
  const now = common.now();
  return {
    id: common.newId(),
    mode: 'baseline',
    status: 'running',
    createdAt: now,
    updatedAt: now,
    repo: request.repo,
    label: labels[0]!,
    job: {
      jobId: first.jobId,
      taskId: first.taskId,
      label: first.label,
      symbol: first.symbol,
      groupSymbol: first.groupSymbol,
    },
    suspects: [{ pushId: first.pushId, revision: first.revision }],
    initialRuns: [observed.total],
    initialCompleted: [observed.completed],
    initialFailures: [observed.failures],
    requested: [0],
    observed: [observed],
    rounds: [],
    budget: request.times * labels.length,
    parallel: request.times * labels.length,
    threshold: 1,
    priors: { flakeAlpha: 1, flakeBeta: 1, noCulprit: 0 },
    baseline: {
      labels,
      times: request.times,
      initialRuns: runsOfLabel.map((r) => r.length),
      finishedRuns: runsOfLabel.map((r) => r.filter((j) => j.state === 'completed').length),
      series,
    },
  };
}

/** The series the labels' jobs reported on the push, each with the replicates of every run. */
async function baselineSeries(
  repo: string,
  pushId: number,
  labels: readonly string[],
  jobs: readonly JobRow[],
  deps: PerfRunnerDeps,
): Promise<BaselineSeries[]> {
  const labelOfJob = new Map(jobs.filter((j) => labels.includes(j.job_type_name)).map((j) => [j.id, j.job_type_name]));
  const measured = await deps.pushSeries(repo, pushId);
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

export async function refreshBaseline(session: BisectionSession, deps: PerfRunnerDeps): Promise<BisectionSession> {
  const data = session.baseline;
  if (!data) return session;
  const pushId = session.suspects[0]!.pushId;
  const jobs = await deps.jobsOf(session.repo, data.labels, [pushId]);
  const series = await baselineSeries(session.repo, pushId, data.labels, jobs, deps);
  const finishedRuns = data.labels.map(
    (l) => jobs.filter((j) => j.job_type_name === l && j.state === 'completed').length,
  );
  const observed = countRuns(jobs.filter((j) => j.job_type_name === data.labels[0]));
  return { ...session, observed: [observed], baseline: { ...data, finishedRuns, series: summarizeSeries(series) } };
}

export { baselineFinished };

/** What the runner does next with a perf session. */
export type PerfNext =
  | { kind: 'probe'; probes: readonly { pushIndex: number; times: number }[] }
  | { kind: 'wait' }
  | { kind: 'culprit'; pushIndex: number; detail: string }
  | { kind: 'finish'; message: string };

/** One planner step of a perf bisection, with the sentences people read in the popup. */
export function nextPerfStep(session: BisectionSession & { perf: NonNullable<BisectionSession['perf']> }): {
  session: BisectionSession;
  next: PerfNext;
} {
  const plan = perf.planPerfProbes(perfPlannerInput(session));
  const updated: BisectionSession = { ...session, perf: { ...session.perf, posterior: [...plan.posterior] } };
  if (plan.kind === 'wait') return { session: updated, next: { kind: 'wait' } };
  if (plan.kind === 'probe') return { session: updated, next: { kind: 'probe', probes: plan.probes } };
  const verdict = plan.verdict;
  const done: BisectionSession = { ...updated, perf: { ...updated.perf!, verdict } };
  const pushOf = (i: number) => session.suspects[i]!.pushId;
  if (verdict.kind === 'culprit') {
    const detail = `${formatPercent(verdict.magnitude)} (Welch p = ${verdict.welch.p.toExponential(1)}, Mann–Whitney p = ${verdict.mannWhitney.p.toExponential(1)}), posterior ${(verdict.posterior * 100).toFixed(1)} %`;
    return { session: done, next: { kind: 'culprit', pushIndex: verdict.pushIndex, detail } };
  }
  if (verdict.kind === 'below-threshold') {
    return {
      session: done,
      next: {
        kind: 'finish',
        message: `The step is at push ${pushOf(verdict.pushIndex)} but changes the mean by only ${formatPercent(verdict.magnitude)}, below Perfherder's 2 %: no regression to blame.`,
      },
    };
  }
  return {
    session: done,
    next: {
      kind: 'finish',
      message: `Budget of ${session.budget} jobs used up. Best guess: push ${pushOf(verdict.best.pushIndex)} (${(verdict.best.posterior * 100).toFixed(0)} %).`,
    },
  };
}

/** The popup's sentence for a finished baseline. */
export function baselineMessage(data: NonNullable<BisectionSession['baseline']>): string {
  const parts = data.series
    .filter((s) => s.summary)
    .map(
      (s) =>
        `${s.name}: ${s.summary!.mean.toFixed(2)} ± ${s.summary!.sd.toFixed(2)} (95 % CI ${s.summary!.ci95[0].toFixed(2)}–${s.summary!.ci95[1].toFixed(2)}, n = ${s.summary!.count})`,
    );
  return `New baseline from ${data.times} retriggers of ${data.labels.length} job${data.labels.length === 1 ? '' : 's'}. ${parts.join('; ')}.`;
}
