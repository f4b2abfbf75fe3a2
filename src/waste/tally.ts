import type { ObservedRun } from './types';

/**
 * Per job type, what the window's runs add up to. Built one batch of pushes at a time, so a report over
 * hundreds of thousands of jobs keeps counts and compact run references, never the job rows themselves.
 */
export interface JobTypeTally {
  key: string;
  label: string;
  platform: string;
  option: string;
  /** Tier of the newest run seen (a job type can change tier; the current one is what Treeherder shows). */
  tier: number;
  newestPushId: number;
  runs: number;
  pushIds: Set<number>;
  succeeded: number;
  failed: number;
  failedPushIds: Set<number>;
  /** Runs ended by an exception or an automatic retry. */
  retried: number;
  /** usercancel, superseded, skipped: ended without a result of their own. */
  canceled: number;
  /** Pending, running or unscheduled runs, by push (staleness is judged later against push times). */
  unfinishedByPush: Map<number, number>;
  /** `<taskId>.<runId>` of every run with a task; parallel to `refMinutes`. */
  runRefs: string[];
  /** Treeherder minutes of each run in `runRefs` (0 for runs that never ran). */
  refMinutes: number[];
  /** Minutes of runs without a task reference (old data); counted as durations only. */
  unreferencedMinutes: number;
  lastSuccess: { pushId: number; at: string } | null;
  /** The run with a task on the newest push, for a link to Taskcluster. */
  newestRun?: { taskId: string; runId: number; pushId: number } | undefined;
}

export type Tallies = Map<string, JobTypeTally>;

const FAILED = new Set(['testfailed', 'busted']);
const RETRIED = new Set(['exception', 'retry']);
const CANCELED = new Set(['usercancel', 'superseded', 'skipped']);

export function jobTypeKey(run: Pick<ObservedRun, 'label' | 'platform' | 'option'>): string {
  return `${run.label}|${run.platform}|${run.option}`;
}

export function runRef(taskId: string, runId: number): string {
  return `${taskId}.${runId}`;
}

/** Adds a batch of runs to the tallies (mutating them) and returns them. */
export function addRuns(tallies: Tallies, runs: Iterable<ObservedRun>): Tallies {
  for (const run of runs) {
    const key = jobTypeKey(run);
    let tally = tallies.get(key);
    if (!tally) {
      tally = emptyTally(key, run);
      tallies.set(key, tally);
    }
    addRun(tally, run);
  }
  return tallies;
}

function emptyTally(key: string, run: ObservedRun): JobTypeTally {
  return {
    key,
    label: run.label,
    platform: run.platform,
    option: run.option,
    tier: run.tier,
    newestPushId: run.pushId,
    runs: 0,
    pushIds: new Set(),
    succeeded: 0,
    failed: 0,
    failedPushIds: new Set(),
    retried: 0,
    canceled: 0,
    unfinishedByPush: new Map(),
    runRefs: [],
    refMinutes: [],
    unreferencedMinutes: 0,
    lastSuccess: null,
  };
}

function addRun(tally: JobTypeTally, run: ObservedRun): void {
  tally.runs++;
  tally.pushIds.add(run.pushId);
  if (run.pushId >= tally.newestPushId) {
    tally.newestPushId = run.pushId;
    tally.tier = run.tier;
    if (run.taskId !== undefined && run.runId !== undefined)
      tally.newestRun = { taskId: run.taskId, runId: run.runId, pushId: run.pushId };
  }
  const minutes = machineMinutes(run);
  if (run.taskId !== undefined && run.runId !== undefined) {
    tally.runRefs.push(runRef(run.taskId, run.runId));
    tally.refMinutes.push(minutes);
  } else {
    tally.unreferencedMinutes += minutes;
  }
  if (run.state !== 'completed') {
    tally.unfinishedByPush.set(run.pushId, (tally.unfinishedByPush.get(run.pushId) ?? 0) + 1);
    return;
  }
  if (run.result === 'success') {
    tally.succeeded++;
    if (!tally.lastSuccess || isNewer(run, tally.lastSuccess))
      tally.lastSuccess = { pushId: run.pushId, at: run.lastModified };
  } else if (FAILED.has(run.result)) {
    tally.failed++;
    tally.failedPushIds.add(run.pushId);
  } else if (RETRIED.has(run.result)) {
    tally.retried++;
  } else if (CANCELED.has(run.result)) {
    tally.canceled++;
  }
}

/** Treeherder's minutes count machine time only once a run has started (pending time is not machine time). */
function machineMinutes(run: ObservedRun): number {
  if (run.state !== 'completed' && run.state !== 'running') return 0;
  const minutes = run.durationMinutes ?? 0;
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
}

function isNewer(run: ObservedRun, than: { pushId: number; at: string }): boolean {
  return run.pushId > than.pushId || (run.pushId === than.pushId && run.lastModified > than.at);
}
