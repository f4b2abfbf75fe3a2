import { perf } from '../culprit-finding';
import { jobsTriggered, type SessionCore } from './session';

/**
 * What a perf bisection keeps besides the common session fields: the Perfherder series it bisects and,
 * per suspect push, the replicates of every run Perfherder has for it. Pass/fail counts (`observed`)
 * still come from Treeherder and say which runs exist and which finished without data.
 */
export interface PerfSessionData {
  signatureId: number;
  frameworkId: number;
  alertSummaryId?: number | undefined;
  /** The series as people name it, e.g. "tp5o opt e10s fission". */
  seriesName: string;
  lowerIsBetter: boolean;
  /** The push with the last data point before the gap. */
  lastGoodPushId: number;
  /** Replicates of each run on the pushes before the gap (the series' last data points): all before the step. */
  before: number[][];
  /** Per suspect push, the replicates of each run with data. */
  runs: number[][][];
  /** Per suspect push, runs that finished on Treeherder without a result (failed, exception): no data will come. */
  withoutData: number[];
  posterior?: number[] | undefined;
  verdict?: perf.PerfVerdict | undefined;
}

/** At most this many earlier data points form the "before" side (Perfherder's back window is 12–24). */
export const PERF_BEFORE_RUNS = 12;

/** One Perfherder data point: a run of a perf job on a push. */
export interface PerfDataPoint {
  pushId: number;
  jobId: number | null;
  value: number;
  replicates?: readonly number[] | undefined;
}

/** A run's replicates; Perfherder may hold only the summary value, which then stands for a one-replicate run. */
export function replicatesOf(point: PerfDataPoint): number[] {
  const values = (point.replicates ?? []).filter((v) => Number.isFinite(v));
  return values.length ? values : [point.value];
}

/** Groups data points by suspect push (oldest first), as the planner's runs. */
export function runsPerSuspect(points: readonly PerfDataPoint[], suspectPushIds: readonly number[]): number[][][] {
  return suspectPushIds.map((pushId) => points.filter((p) => p.pushId === pushId).map(replicatesOf));
}

/** The last `PERF_BEFORE_RUNS` runs at or before the last good push, oldest first. */
export function beforeRuns(points: readonly PerfDataPoint[], lastGoodPushId: number): number[][] {
  return points
    .filter((p) => p.pushId <= lastGoodPushId)
    .sort((a, b) => a.pushId - b.pushId)
    .slice(-PERF_BEFORE_RUNS)
    .map(replicatesOf);
}

/**
 * The planner's view. A run counts as pending from the moment it is asked for until Perfherder has its
 * data or Treeherder shows it finished without any, so a plan is never repeated while data is on its way.
 */
export function perfPlannerInput(
  session: Pick<SessionCore, 'initialRuns' | 'requested' | 'budget' | 'parallel'> & { perf: PerfSessionData },
): perf.PerfPlannerInput {
  const data = session.perf;
  return {
    before: data.before.map((replicates) => ({ replicates })),
    observations: data.runs.map((runs, i) => {
      const expected = (session.initialRuns[i] ?? 0) + (session.requested[i] ?? 0);
      const arrived = runs.length + (data.withoutData[i] ?? 0);
      return { runs: runs.map((replicates) => ({ replicates })), pending: Math.max(0, expected - arrived) };
    }),
    budget: session.budget,
    jobsTriggered: jobsTriggered(session),
    parallel: session.parallel,
  };
}

/** Per suspect push: mean of all its replicates with the 95 % CI of that mean, or null without data. */
export function perPushMeans(runs: readonly (readonly (readonly number[])[])[]): (perf.ValueSummary | null)[] {
  return runs.map((push) => {
    const values = push.flat();
    return values.length ? perf.summarizeValues(values) : null;
  });
}

/** "+5.1 %" for people; positive = the value went up. */
export function formatPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(1)} %`;
}
