import type { JobRef } from '../actions/intents';
import type { AlertSummary } from '../ci';
import type { CostEstimate } from '../culprit-finding';
import type { PushRuns } from '../gap/compute-gap';
import type { JobDescription } from '../protocol';
import type { PerfDataPoint } from './perf-session';
import type { SessionCore } from './session';

/**
 * A bisection mode: what one kind of session does, plugged into the one runner (background/bisection/runner).
 * The runner does what every mode shares — serializing steps, recording probes before sending them, settling
 * probes a stopped worker left unsent, rounds, the budget, one session per failure, finishing and notifying —
 * and asks the mode only these questions.
 *
 * Members are methods, not function-valued properties, on purpose: method parameters are bivariant, so a mode
 * of one session kind fits in the runner's list of modes over all kinds.
 */
export interface BisectionMode<S extends SessionCore = SessionCore, R = never> {
  readonly kind: S['kind'];
  /** A new session from the user's request: its range and what already ran. Bad input throws a sentence. */
  draft(request: R, reads: ModeReads): Promise<Draft<S>>;
  /** The session with what arrived since the last step (runs, data points). */
  refresh(session: S, reads: ModeReads): Promise<S>;
  /** Pure: what to do next, and the session with what the plan learned (posterior, verdict). */
  next(session: S): { session: S; step: Step };
  /** The labels each probe triggers on its push. */
  labels(session: S): readonly string[];
  /** The jobs and rounds the session is expected to cost, shown before it starts (may work in time slices). */
  estimate(session: S): CostEstimate | Promise<CostEstimate>;
  /** The sentence people read when the session finished; `session.culprit` is set when the verdict names a push. */
  describeVerdict(session: S): string;
}

/** What a mode asks the runner to do after a step. */
export type Step =
  /** Trigger these runs, as one new round. */
  | { kind: 'probe'; probes: readonly { pushIndex: number; times: number }[] }
  /** Runs are on their way; look again at the next step. */
  | { kind: 'wait' }
  /** The session has its verdict; `culpritIndex` is the suspect it names, whose push details the runner reads. */
  | { kind: 'finish'; culpritIndex?: number | undefined };

/** The fields the runner fills in itself when a session starts or runs. */
type RunnerFields =
  | 'id'
  | 'status'
  | 'createdAt'
  | 'updatedAt'
  | 'rounds'
  | 'requested'
  | 'initialRuns'
  | 'initialCompleted'
  | 'initialFailures'
  | 'culprit'
  | 'message';

/** A session as a mode drafts it: everything but the runner's fields. Distributes over unions of sessions. */
export type Draft<S extends SessionCore> = S extends SessionCore ? Omit<S, RunnerFields> : never;

/** A Treeherder job row, as much of it as sessions need. */
export interface JobRow {
  id: number;
  push_id: number;
  job_type_name: string;
  state: string;
  result: string;
}

/** The Treeherder and Perfherder reads modes draft and refresh sessions with; the background wires them. */
export interface ModeReads {
  describeJob(repo: string, jobId: number): Promise<JobDescription>;
  /** The job's label on the pushes before the job's (up to the gap search limit), newest first. */
  earlierRuns(repo: string, jobId: number): Promise<PushRuns[]>;
  /** Pushes before `pushId`, newest first. */
  pushesBefore(repo: string, pushId: number, count: number): Promise<{ id: number; revision: string }[]>;
  /** The labels' jobs on these pushes. */
  jobsOf(repo: string, labels: readonly string[], pushIds: readonly number[]): Promise<JobRow[]>;
  /** The failing job's failure lines (Treeherder's bug suggestions); optional: without it, no push weights. */
  failureLines?(repo: string, jobId: number): Promise<{ path_end: string | null }[]>;
  /** The files each push after `fromRevision` up to `toRevision` touched (the pushlog), by tip revision. */
  pushFiles?(repo: string, fromRevision: string, toRevision: string): Promise<{ revision: string; files: string[] }[]>;
  /** The job's history outside the range (similar jobs), for the flake prior. */
  history(repo: string, jobId: number, beforePushId: number): Promise<{ state: string; result: string }[]>;
  /** One alert summary, or null when Perfherder has none with this id. */
  alertSummary(repo: string, id: number): Promise<AlertSummary | null>;
  /** One series' data points (with replicates) on and before a push, or null when the signature is unknown. */
  seriesData(
    repo: string,
    query: { signatureId: number; frameworkId: number; pushId: number },
  ): Promise<{ name: string; lowerIsBetter: boolean; points: PerfDataPoint[] } | null>;
  /** Every series measured on one push, each with its data points there. */
  pushSeries(repo: string, pushId: number): Promise<{ signatureId: number; name: string; points: PerfDataPoint[] }[]>;
}

/** Bad input: a sentence for the user, which the message router passes on as the error text. */
export function refuse(sentence: string): never {
  throw new Error(sentence);
}

/** The cost of a session whose jobs are known in advance (one round of all of them). */
export function knownCost(jobs: number): CostEstimate {
  return {
    draws: 0,
    medianJobs: jobs,
    p90Jobs: jobs,
    meanJobs: jobs,
    medianRounds: 1,
    p90Rounds: 1,
    budgetExhausted: 0,
    inconclusive: 0,
    verdictWithinBudget: 1,
  };
}

/** The job a session was started from, as the session keeps it. */
export function jobRefOf(job: JobDescription): JobRef {
  return { jobId: job.jobId, taskId: job.taskId, label: job.label, symbol: job.symbol, groupSymbol: job.groupSymbol };
}
