import type { ReasonCreated, ReasonResolved, RunOutcome, SimTask } from './types';

/** Absolute times of one run; `Infinity` for what has not happened and never will without a change. */
export interface RunTimes {
  runId: number;
  reasonCreated: ReasonCreated;
  scheduled: number;
  /** Infinity when the run never started (cancelled while pending). */
  started: number;
  resolved: number;
  outcome: RunOutcome;
  reasonResolved: ReasonResolved;
  jobId: number;
  workerId: string;
}

export type RunState = 'unscheduled' | 'pending' | 'running' | RunOutcome;

/**
 * The run times of a task, given when each dependency finished successfully (Infinity if it did not).
 * Run 0 starts when the task exists and every dependency completed; an auto-retry run starts when the run
 * before it ended; a rerun starts at its `readyAt`. A cancellation ends the run early as `exception/canceled`
 * and stops later automatic runs.
 */
export function computeTimeline(task: SimTask, dependencyDone: (taskId: string) => number): RunTimes[] {
  const out: RunTimes[] = [];
  let previousEnd = Math.max(task.created, ...task.dependencies.map(dependencyDone));
  let stopped = false;
  for (const run of task.runs) {
    let scheduled = run.readyAt ?? previousEnd;
    if (stopped && run.readyAt === undefined) scheduled = Infinity;
    let started = scheduled + run.pendingMs;
    let resolved = started + run.durationMs;
    let outcome = run.outcome;
    let reasonResolved = run.reasonResolved;
    if (run.canceledAt !== undefined && run.canceledAt < resolved) {
      if (run.canceledAt < scheduled) scheduled = run.canceledAt;
      if (run.canceledAt < started) started = Infinity;
      resolved = Math.max(run.canceledAt, scheduled);
      outcome = 'exception';
      reasonResolved = 'canceled';
    }
    out.push({
      runId: run.runId,
      reasonCreated: run.reasonCreated,
      scheduled,
      started,
      resolved,
      outcome,
      reasonResolved,
      jobId: run.jobId,
      workerId: run.workerId,
    });
    previousEnd = resolved;
    if (reasonResolved === 'canceled') stopped = true;
  }
  return out;
}

export function runStateAt(run: RunTimes, now: number): RunState {
  if (run.scheduled > now) return 'unscheduled';
  if (run.resolved <= now) return run.outcome;
  if (run.started <= now) return 'running';
  return 'pending';
}

/** Runs that exist at `now` (Taskcluster lists only runs that were scheduled). */
export function visibleRuns(times: RunTimes[], now: number): RunTimes[] {
  return times.filter((r) => r.scheduled <= now);
}

/** Task state = state of the latest existing run, or `unscheduled`. */
export function taskStateAt(times: RunTimes[], now: number): RunState {
  const runs = visibleRuns(times, now);
  const last = runs[runs.length - 1];
  return last ? runStateAt(last, now) : 'unscheduled';
}

/** When the task finished for good and successfully, or Infinity. */
export function completedAt(times: RunTimes[]): number {
  const finite = times.filter((r) => Number.isFinite(r.scheduled));
  const last = finite[finite.length - 1];
  if (!last || last.outcome !== 'completed') return Infinity;
  return last.resolved;
}

/** True when the task can change no more without a new action (every planned run resolved). */
export function isResolvedAt(times: RunTimes[], now: number): boolean {
  const state = taskStateAt(times, now);
  if (state === 'unscheduled' || state === 'pending' || state === 'running') return false;
  return !times.some((r) => r.scheduled > now && Number.isFinite(r.scheduled));
}
