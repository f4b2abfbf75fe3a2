import type { JobRef, PushRef } from '../actions/intents';
import type { BisectionPriors, PushObservation } from '../culprit-finding';

/**
 * A bisection as the background keeps it in storage: a durable state machine. Every trigger it asks
 * for is recorded as a probe *before* it is sent, with an idempotency key that the trigger log also
 * carries, so a restarted worker can tell "sent" from "never sent" and never sends twice.
 *
 * This is what every mode keeps; each mode adds its own fields (see `SessionKinds`).
 */
export interface SessionCore {
  id: string;
  /** The mode that runs the session (the `kind` of one of the registered modes). */
  kind: string;
  status: 'running' | 'done' | 'stopped' | 'error';
  createdAt: number;
  updatedAt: number;
  repo: string;
  label: string;
  job: JobRef;
  /** Oldest first; the last one is the push whose failure (or data point) started the search. */
  suspects: { pushId: number; revision: string }[];
  /** Runs of the label visible on each suspect when the session started (all states). */
  initialRuns: number[];
  /** Completed runs / failures at the start, for modes that count only their own runs. */
  initialCompleted: number[];
  initialFailures: number[];
  /** Runs this session asked for on each suspect (per label, for modes that run several). */
  requested: number[];
  /** The latest counts from Treeherder. */
  observed: RunCounts[];
  rounds: Round[];
  /** Hard cap on the jobs the session may trigger in total. */
  budget: number;
  parallel: number;
  /** Set when the verdict names a push: what a person needs to act on it. */
  culprit?: CulpritDetails | undefined;
  message?: string | undefined;
}

/**
 * The fields each mode keeps besides the core, by kind. The modes fill it in from their own files
 * (`declare module '../session' { interface SessionKinds { … } }`), so adding a mode never edits this file
 * and the union below still tells the compiler every mode's data.
 */
// biome-ignore lint/suspicious/noEmptyInterface: declaration merging; each mode file adds its entry
export interface SessionKinds {}

export type SessionKind = keyof SessionKinds;
/** The stored session of one mode: the core, its kind, and its own fields. */
export type SessionOf<K extends SessionKind> = Omit<SessionCore, 'kind'> & { kind: K } & SessionKinds[K];
/** Any stored session; narrow on `kind` to read a mode's own fields. */
export type BisectionSession = { [K in SessionKind]: SessionOf<K> }[SessionKind];

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

/** The counts of each suspect push, from jobs of many pushes. */
export function countRunsPerPush(
  runs: readonly { push_id: number; state: string; result: string }[],
  pushIds: readonly number[],
): RunCounts[] {
  return pushIds.map((id) => countRuns(runs.filter((r) => r.push_id === id)));
}

/**
 * What the planner sees: completed runs and failures from Treeherder, and as pending every run that
 * was asked for (or was already running at the start) and has not arrived yet. Requested runs that do
 * not show up yet count as pending, so a plan is never repeated while Treeherder catches up.
 */
export function plannerObservations(
  session: Pick<SessionCore, 'initialRuns' | 'requested' | 'observed'>,
): PushObservation[] {
  return session.observed.map((seen, i) => {
    const expected = (session.initialRuns[i] ?? 0) + (session.requested[i] ?? 0);
    const arrived = seen.completed + seen.uninformative;
    return { runs: seen.completed, failures: seen.failures, pending: Math.max(0, expected - arrived) };
  });
}

export function jobsTriggered(session: Pick<SessionCore, 'requested'>): number {
  return session.requested.reduce((sum, n) => sum + n, 0);
}

export function probeKey(sessionId: string, round: number, pushIndex: number): string {
  return `bisect:${sessionId}:${round}:${pushIndex}`;
}

export function suspectPush(session: Pick<SessionCore, 'repo' | 'suspects'>, index: number): PushRef {
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

/**
 * The one sentence for a verdict that names a push, whatever the mode: the runner has looked up the push's
 * author (`culprit`) before a mode describes its verdict; `detail` is the mode's evidence.
 */
export function culpritSentence(session: Pick<SessionCore, 'suspects' | 'culprit'>, pushIndex: number, detail: string) {
  const push = session.suspects[pushIndex];
  const pushId = session.culprit?.pushId ?? push?.pushId;
  const revision = session.culprit?.revision ?? push?.revision ?? '';
  return `Culprit: push ${pushId} (${revision.slice(0, 12)}) by ${session.culprit?.author ?? 'an unknown author'}, ${detail}.`;
}

/** "12.3 %" from 0.123. */
export function percent(fraction: number, digits: number): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}
