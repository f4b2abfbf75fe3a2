import { perf } from '../../culprit-finding';
import type { PerfBisectionRequest } from '../../protocol';
import { jobRefOf, refuse, type BisectionMode, type JobRow, type ModeReads } from '../mode';
import { estimatePerfCost } from '../perf-cost';
import {
  beforeRuns,
  formatPercent,
  perfPlannerInput,
  runsPerSuspect,
  type PerfDataPoint,
  type PerfSessionData,
} from '../perf-session';
import { countRunsPerPush, culpritSentence, percent, type SessionOf } from '../session';

declare module '../session' {
  interface SessionKinds {
    /** Find the push where a Perfherder series stepped, from an alert or a series and its regressed push. */
    perf: { perf: PerfSessionData };
  }
}

export type PerfSession = SessionOf<'perf'>;

/** Longest gap a perf bisection covers, in pushes. */
const MAX_GAP = 100;

/** Which series, which pushes and which label a perf bisection covers. */
async function locate(request: PerfBisectionRequest, reads: ModeReads) {
  if (request.alertSummaryId !== undefined) {
    const summary = await reads.alertSummary(request.repo, request.alertSummaryId);
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

/** Finished runs that will never report data: completed on Treeherder with anything but success. */
function withoutData(jobs: readonly JobRow[], points: readonly PerfDataPoint[], pushIds: readonly number[]): number[] {
  const reported = new Set(points.map((p) => p.jobId));
  return pushIds.map(
    (id) =>
      jobs.filter((j) => j.push_id === id && j.state === 'completed' && j.result !== 'success' && !reported.has(j.id))
        .length,
  );
}

/**
 * A perf bisection: the suspects are the pushes after the series' last data point up to the regressed push
 * (the gap), the "before" side is the series' last data points, and the job to run is the one that produced
 * the regressed data point. The planner locates the step, then confirms it with Welch's and Mann–Whitney's tests.
 */
export const perfMode: BisectionMode<PerfSession, PerfBisectionRequest> = {
  kind: 'perf',

  async draft(request, reads) {
    const where = await locate(request, reads);
    const series = await reads.seriesData(request.repo, {
      signatureId: where.signatureId,
      frameworkId: where.frameworkId,
      pushId: where.regressedPushId,
    });
    if (!series) return refuse(`Perfherder has no series with signature ${where.signatureId} on ${request.repo}.`);
    const withJob = series.points.find((p) => p.pushId === where.regressedPushId && p.jobId !== null);
    if (!withJob || withJob.jobId === null)
      return refuse(
        `Perfherder has no data for "${series.name}" on push ${where.regressedPushId}: there is nothing to bisect from.`,
      );
    const lastGoodPushId =
      where.lastGoodPushId ??
      Math.max(-1, ...series.points.filter((p) => p.pushId < where.regressedPushId).map((p) => p.pushId));
    if (lastGoodPushId < 0)
      return refuse(
        `"${series.name}" has no data point before push ${where.regressedPushId}: there is nothing to compare it with.`,
      );
    const before = beforeRuns(series.points, lastGoodPushId);
    if (before.length === 0)
      return refuse(
        `Perfherder has no data for "${series.name}" on push ${lastGoodPushId}, the last push before the regression.`,
      );

    const job = await reads.describeJob(request.repo, withJob.jobId);
    const earlier = await reads.pushesBefore(request.repo, where.regressedPushId, MAX_GAP);
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
    const jobs = await reads.jobsOf(request.repo, [job.label], pushIds);
    return {
      kind: 'perf',
      repo: request.repo,
      label: job.label,
      job: jobRefOf(job),
      suspects,
      observed: countRunsPerPush(jobs, pushIds),
      budget: request.budget,
      parallel: request.parallel,
      perf: {
        signatureId: where.signatureId,
        frameworkId: where.frameworkId,
        alertSummaryId: where.alertSummaryId,
        seriesName: series.name,
        lowerIsBetter: series.lowerIsBetter,
        lastGoodPushId,
        before,
        runs: runsPerSuspect(series.points, pushIds),
        withoutData: withoutData(jobs, series.points, pushIds),
      },
    };
  },

  /** Reads the runs on Treeherder and the replicates on Perfherder again. */
  async refresh(session, reads) {
    const data = session.perf;
    const pushIds = session.suspects.map((s) => s.pushId);
    const series = await reads.seriesData(session.repo, {
      signatureId: data.signatureId,
      frameworkId: data.frameworkId,
      pushId: pushIds.at(-1)!,
    });
    const jobs = await reads.jobsOf(session.repo, [session.label], pushIds);
    const points = series?.points ?? [];
    return {
      ...session,
      observed: countRunsPerPush(jobs, pushIds),
      perf: { ...data, runs: runsPerSuspect(points, pushIds), withoutData: withoutData(jobs, points, pushIds) },
    };
  },

  next(session) {
    const plan = perf.planPerfProbes(perfPlannerInput(session));
    const planned = { ...session, perf: { ...session.perf, posterior: [...plan.posterior] } };
    if (plan.kind === 'wait') return { session: planned, step: { kind: 'wait' } };
    if (plan.kind === 'probe') return { session: planned, step: { kind: 'probe', probes: plan.probes } };
    const verdict = plan.verdict;
    const culpritIndex = verdict.kind === 'culprit' ? verdict.pushIndex : undefined;
    return { session: { ...planned, perf: { ...planned.perf, verdict } }, step: { kind: 'finish', culpritIndex } };
  },

  labels: (session) => [session.label],

  estimate: (session) => estimatePerfCost(session.perf, session),

  describeVerdict(session) {
    const verdict = session.perf.verdict;
    const pushOf = (i: number) => session.suspects[i]!.pushId;
    if (!verdict) return 'Finished without a verdict.';
    if (verdict.kind === 'culprit')
      return culpritSentence(
        session,
        verdict.pushIndex,
        `${formatPercent(verdict.magnitude)} (Welch p = ${verdict.welch.p.toExponential(1)}, Mann–Whitney p = ${verdict.mannWhitney.p.toExponential(1)}), posterior ${percent(verdict.posterior, 1)}`,
      );
    if (verdict.kind === 'below-threshold')
      return `The step is at push ${pushOf(verdict.pushIndex)} but changes the mean by only ${formatPercent(verdict.magnitude)}, below Perfherder's 2 %: no regression to blame.`;
    return `Budget of ${session.budget} jobs used up. Best guess: push ${pushOf(verdict.best.pushIndex)} (${percent(verdict.best.posterior, 0)}).`;
  },
};
