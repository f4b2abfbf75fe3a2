import { jobTypeKey, type JobTypeTally, type Tallies } from './tally';
import {
  DEFAULT_THRESHOLDS,
  WASTE_REASONS,
  type HoursSource,
  type RunTimes,
  type WasteReason,
  type WasteRow,
  type WasteThresholds,
  type WindowPush,
} from './types';

const HOUR_MS = 3_600_000;
const DAY_HOURS = 24;
/** A window shorter than this is stretched to it, so "per day" of a few minutes of pushes stays sane. */
const MIN_WINDOW_HOURS = 1;

export interface ClassifyInput {
  tallies: Tallies;
  /** The window's pushes, any order. */
  pushes: readonly WindowPush[];
  nowMs: number;
  thresholds?: Partial<WasteThresholds>;
  /** Exact run times from Taskcluster by `<taskId>.<runId>`; runs absent here use Treeherder's minutes. */
  runTimes?: ReadonlyMap<string, RunTimes>;
}

export interface Classification {
  rows: WasteRow[];
  counts: Record<WasteReason, number>;
  windowDays: number;
}

/**
 * Sorts every job type of the window into the four kinds of waste (a job type may be several), with
 * its runs, failure rate, machine hours (total and per day of the window) and last success. Rows come
 * out by machine hours, largest first.
 */
export function classifyWaste(input: ClassifyInput): Classification {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const pushTimes = new Map(input.pushes.map((p) => [p.pushId, p] as const));
  const windowDays = windowDaysOf(input.pushes);
  const rows: WasteRow[] = [];
  for (const tally of input.tallies.values()) {
    const incomplete = incompleteRuns(tally, pushTimes, input.nowMs, thresholds.staleAfterHours);
    const reasons = reasonsFor(tally, input.pushes.length, incomplete, thresholds);
    if (reasons.length === 0) continue;
    rows.push(rowOf(tally, { reasons, incomplete }, pushTimes, windowDays, input.nowMs, input.runTimes));
  }
  rows.sort((a, b) => b.machineHours - a.machineHours || a.label.localeCompare(b.label));
  const counts = Object.fromEntries(
    WASTE_REASONS.map((r) => [r, rows.filter((row) => row.reasons.includes(r)).length]),
  ) as Record<WasteReason, number>;
  return { rows, counts, windowDays };
}

/** Task runs whose exact times would refine the hours of the listed rows. */
export function runRefsOfRows(tallies: Tallies, rows: readonly WasteRow[]): string[] {
  return rows.flatMap((row) => tallies.get(row.key)?.runRefs ?? []);
}

/** Span from the oldest to the newest push, in days, at least MIN_WINDOW_HOURS. */
export function windowDaysOf(pushes: readonly WindowPush[]): number {
  if (pushes.length === 0) return MIN_WINDOW_HOURS / DAY_HOURS;
  let oldest = Infinity;
  let newest = -Infinity;
  for (const push of pushes) {
    oldest = Math.min(oldest, push.timestamp);
    newest = Math.max(newest, push.timestamp);
  }
  const hours = Math.max(MIN_WINDOW_HOURS, (newest - oldest) / 3600);
  return hours / DAY_HOURS;
}

function reasonsFor(tally: JobTypeTally, windowPushes: number, incomplete: number, t: WasteThresholds): WasteReason[] {
  const reasons: WasteReason[] = [];
  if (tally.tier === 3 && windowPushes > 0 && tally.pushIds.size / windowPushes >= t.hiddenMinPushShare)
    reasons.push('hidden');
  if (tally.succeeded === 0 && tally.failedPushIds.size >= t.minRuns) reasons.push('always-failing');
  if (tally.retried >= t.retryMinCount && tally.retried / tally.runs >= t.retryMinShare) reasons.push('retried');
  if (tally.succeeded + tally.failed === 0 && incomplete >= t.minRuns) reasons.push('never-completes');
  return reasons;
}

/** Runs that ended without a result, plus unfinished runs whose push is older than the stale limit. */
function incompleteRuns(
  tally: JobTypeTally,
  pushTimes: ReadonlyMap<number, WindowPush>,
  nowMs: number,
  staleAfterHours: number,
): number {
  let stale = 0;
  for (const [pushId, count] of tally.unfinishedByPush) {
    const push = pushTimes.get(pushId);
    if (push && nowMs - push.timestamp * 1000 >= staleAfterHours * HOUR_MS) stale += count;
  }
  return tally.retried + tally.canceled + stale;
}

function rowOf(
  tally: JobTypeTally,
  verdict: { reasons: WasteReason[]; incomplete: number },
  pushTimes: ReadonlyMap<number, WindowPush>,
  windowDays: number,
  nowMs: number,
  runTimes: ReadonlyMap<string, RunTimes> | undefined,
): WasteRow {
  const { hours, source } = machineHoursOf(tally, nowMs, runTimes);
  const finished = tally.succeeded + tally.failed;
  const lastSuccess = tally.lastSuccess
    ? {
        ...tally.lastSuccess,
        ...(pushTimes.get(tally.lastSuccess.pushId)
          ? { revision: pushTimes.get(tally.lastSuccess.pushId)!.revision }
          : {}),
      }
    : null;
  return {
    key: jobTypeKey(tally),
    label: tally.label,
    platform: tally.platform,
    option: tally.option,
    tier: tally.tier,
    reasons: verdict.reasons,
    runs: tally.runs,
    pushes: tally.pushIds.size,
    finishedRuns: finished,
    failedRuns: tally.failed,
    retriedRuns: tally.retried,
    incompleteRuns: verdict.incomplete,
    failureRate: finished > 0 ? tally.failed / finished : null,
    machineHours: round3(hours),
    machineHoursPerDay: round3(hours / windowDays),
    hoursSource: source,
    lastSuccess,
    ...(tally.newestRun
      ? {
          newestRun: {
            ...tally.newestRun,
            ...(pushTimes.get(tally.newestRun.pushId)
              ? { revision: pushTimes.get(tally.newestRun.pushId)!.revision }
              : {}),
          },
        }
      : {}),
  };
}

/**
 * Machine hours: started → resolved of each run when Taskcluster's times are known (a running run
 * counts up to now, a run that never started counts nothing), else Treeherder's minutes.
 */
export function machineHoursOf(
  tally: Pick<JobTypeTally, 'runRefs' | 'refMinutes' | 'unreferencedMinutes'>,
  nowMs: number,
  runTimes?: ReadonlyMap<string, RunTimes>,
): { hours: number; source: HoursSource } {
  let ms = tally.unreferencedMinutes * 60_000;
  let exact = 0;
  let approximate = tally.unreferencedMinutes > 0 ? 1 : 0;
  tally.runRefs.forEach((ref, index) => {
    const times = runTimes?.get(ref);
    if (times) {
      exact++;
      if (times.startedMs !== undefined) ms += Math.max(0, (times.resolvedMs ?? nowMs) - times.startedMs);
    } else {
      approximate++;
      ms += (tally.refMinutes[index] ?? 0) * 60_000;
    }
  });
  const source: HoursSource = approximate === 0 ? 'task runs' : exact === 0 ? 'durations' : 'mixed';
  return { hours: ms / HOUR_MS, source };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
