import type { JobRef, PushRef } from '../actions/intents';
import type { BisectionPriors, PosteriorSummary, PushObservation, Verdict } from '../culprit-finding';
import type { BaselineSessionData, PerfSessionData } from './perf-session';

/**
 * A bisection as the background keeps it in storage: a durable state machine. Every trigger it asks
 * for is recorded as a probe *before* it is sent, with an idempotency key that the trigger log also
 * carries, so a restarted worker can tell "sent" from "never sent" and never sends twice.
 */
export interface BisectionSession {
  id: string;
  mode: 'bisect' | 'retrigger-until-fail' | 'perf' | 'baseline';
  status: 'running' | 'done' | 'stopped' | 'error';
  createdAt: number;
  updatedAt: number;
  repo: string;
  label: string;
  job: JobRef;
  /** Oldest first; the last one is the push whose failure started the search. */
  suspects: { pushId: number; revision: string }[];
  /** Runs of the label visible on each suspect when the bisection started (all states). */
  initialRuns: number[];
  /** Completed runs / failures at the start, for retrigger-until-fail's own count. */
  initialCompleted: number[];
  initialFailures: number[];
  /** Runs this bisection asked for on each suspect. */
  requested: number[];
  /** The latest counts from Treeherder. */
  observed: RunCounts[];
  rounds: Round[];
  budget: number;
  parallel: number;
  threshold: number;
  priors: BisectionPriors;
  posterior?: PosteriorSummary | undefined;
  verdict?: Verdict | undefined;
  /** Set when the verdict names a push: what a person needs to act on it. */
  culprit?: CulpritDetails | undefined;
  message?: string | undefined;
  /** Perf bisection (mode 'perf'): the series and its replicates per push. */
  perf?: PerfSessionData | undefined;
  /** New baseline (mode 'baseline'): the perf jobs retriggered and their replicates. */
  baseline?: BaselineSessionData | undefined;
}

export interface RunCounts {
  /** Completed passes + failures. */
  completed: number;
  failures: number;
  /** Finished without a verdict (exception, retry, cancelled): they count as arrived, not as evidence. */
  uninformative: number;
  /** Every run visible, whatever its state. */
  total: number;
}

export interface Round {
  index: number;
  at: number;
  probes: Probe[];
}

export interface Probe {
  pushIndex: number;
  times: number;
  /** Same string as the trigger-log entry's origin. */
  key: string;
  status: 'requesting' | 'sent' | 'failed' | 'refused';
  logId?: string | undefined;
  error?: string | undefined;
}

export interface CulpritDetails {
  pushId: number;
  revision: string;
  author: string;
  comments: string[];
  treeherderUrl?: string | undefined;
}

const FAILED = new Set(['testfailed', 'busted']);
const UNINFORMATIVE = new Set(['exception', 'retry', 'usercancel', 'superseded']);

/** Counts a label's runs on one push from Treeherder jobs (state + result). */
export function countRuns(runs: readonly { state: string; result: string }[]): RunCounts {
  const counts: RunCounts = { completed: 0, failures: 0, uninformative: 0, total: runs.length };
  for (const run of runs) {
    if (run.state !== 'completed') continue;
    if (UNINFORMATIVE.has(run.result)) counts.uninformative++;
    else {
      counts.completed++;
      if (FAILED.has(run.result)) counts.failures++;
    }
  }
  return counts;
}

/**
 * What the planner sees: completed runs and failures from Treeherder, and as pending every run that
 * was asked for (or was already running at the start) and has not arrived yet. Requested runs that do
 * not show up yet count as pending, so a plan is never repeated while Treeherder catches up.
 */
export function plannerObservations(
  session: Pick<BisectionSession, 'initialRuns' | 'requested' | 'observed'>,
): PushObservation[] {
  return session.observed.map((seen, i) => {
    const expected = (session.initialRuns[i] ?? 0) + (session.requested[i] ?? 0);
    const arrived = seen.completed + seen.uninformative;
    return { runs: seen.completed, failures: seen.failures, pending: Math.max(0, expected - arrived) };
  });
}

export function jobsTriggered(session: Pick<BisectionSession, 'requested'>): number {
  return session.requested.reduce((sum, n) => sum + n, 0);
}

export function probeKey(sessionId: string, round: number, pushIndex: number): string {
  return `bisect:${sessionId}:${round}:${pushIndex}`;
}

export function suspectPush(session: Pick<BisectionSession, 'repo' | 'suspects'>, index: number): PushRef {
  const push = session.suspects[index]!;
  return { repo: session.repo, pushId: push.pushId, revision: push.revision };
}

/** Flake-rate prior from the job's history before the range: Beta(1 + failures, 1 + passes). */
export function flakePriorFromHistory(
  history: readonly { state: string; result: string }[],
): Pick<BisectionPriors, 'flakeAlpha' | 'flakeBeta'> {
  const counts = countRuns(history);
  return { flakeAlpha: 1 + counts.failures, flakeBeta: 1 + counts.completed - counts.failures };
}
