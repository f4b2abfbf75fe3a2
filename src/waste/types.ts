/**
 * The waste report's vocabulary. A *run* is one Treeherder job (one run of one Taskcluster task); a
 * *job type* is a label on a platform, the unit the report lists.
 */

/** One job as the report needs it, taken from a Treeherder `/api/jobs/` row. */
export interface ObservedRun {
  label: string;
  platform: string;
  option: string;
  tier: number;
  pushId: number;
  taskId?: string;
  runId?: number;
  /** Treeherder state: pending, running, completed, unscheduled. */
  state: string;
  /** Treeherder result: success, testfailed, busted, exception, retry, usercancel, … (unknown while not completed). */
  result: string;
  /** Treeherder's duration in minutes (start to end, or to now while running). */
  durationMinutes?: number;
  /** When Treeherder last changed the job (ISO, UTC); for a finished run, about when it ended. */
  lastModified: string;
}

/** One push of the window. */
export interface WindowPush {
  pushId: number;
  revision: string;
  /** Unix seconds. */
  timestamp: number;
}

/** Exact times of one task run from Taskcluster (epoch ms); `started` absent when it never started. */
export interface RunTimes {
  startedMs?: number;
  resolvedMs?: number;
}

export type WasteReason = 'hidden' | 'always-failing' | 'retried' | 'never-completes';

export const WASTE_REASONS: readonly WasteReason[] = ['hidden', 'always-failing', 'retried', 'never-completes'];

export const WASTE_REASON_TITLES: Record<WasteReason, string> = {
  hidden: 'Hidden tier-3 job running on most pushes',
  'always-failing': 'Fails on every run',
  retried: 'Retried too often',
  'never-completes': 'Never completes',
};

export interface WasteThresholds {
  /** (a) A tier-3 job is listed when it ran on at least this share of the window's pushes ("most pushes"). */
  hiddenMinPushShare: number;
  /** (b, d) Runs needed (on distinct pushes for b) before a job can be called always failing or never completing. */
  minRuns: number;
  /** (c) Exception and retry runs, as a share of all runs, from which a job is retried too often… */
  retryMinShare: number;
  /** …and how many such runs at least. */
  retryMinCount: number;
  /** (d) A pending or running run whose push is older than this counts as one that did not complete. */
  staleAfterHours: number;
}

export const DEFAULT_THRESHOLDS: WasteThresholds = {
  hiddenMinPushShare: 0.5,
  minRuns: 3,
  retryMinShare: 0.2,
  retryMinCount: 3,
  staleAfterHours: 24,
};

/** Where a row's machine hours come from. */
export type HoursSource = 'task runs' | 'durations' | 'mixed';

export interface WasteRow {
  /** label|platform|option: unique per row. */
  key: string;
  label: string;
  platform: string;
  option: string;
  tier: number;
  reasons: WasteReason[];
  /** Runs (jobs) in the window, retries included. */
  runs: number;
  /** Distinct pushes the job ran on. */
  pushes: number;
  /** Runs that finished with a result of their own: success, testfailed or busted. */
  finishedRuns: number;
  failedRuns: number;
  /** Exception and retry runs. */
  retriedRuns: number;
  /** Runs that ended without a result (exception, retry, cancel) or are stale. */
  incompleteRuns: number;
  /** failedRuns / finishedRuns, or null when no run finished. */
  failureRate: number | null;
  machineHours: number;
  machineHoursPerDay: number;
  hoursSource: HoursSource;
  /** The newest successful run, or null when none in the window. */
  lastSuccess: { pushId: number; revision?: string; at: string } | null;
  /** A run of the job type on the newest push it ran on (its task in Taskcluster, its push in Treeherder). */
  newestRun?: { taskId: string; runId: number; pushId: number; revision?: string };
}

export interface WasteReport {
  repo: string;
  /** Pushes asked for and found (a young repository has fewer). */
  requestedPushes: number;
  window: { pushes: number; oldest: WindowPush | null; newest: WindowPush | null; days: number };
  thresholds: WasteThresholds;
  rows: WasteRow[];
  counts: Record<WasteReason, number>;
  jobsSeen: number;
  jobTypesSeen: number;
  /** A sentence about the data when something was approximated (e.g. durations instead of task times). */
  note?: string;
  /** ISO time the report was made. */
  generatedAt: string;
  /** Treeherder origin, for links to pushes (added by the background). */
  treeherderUrl?: string;
}

export type WastePhase = 'pushes' | 'jobs' | 'timing' | 'done';

/** How far a report has come: pushes whose jobs are tallied, of how many. */
export interface WasteProgress {
  phase: WastePhase;
  pushesLoaded: number;
  pushesTotal: number;
  jobsSeen: number;
}

/** A report being built in the background, as the page polls it. */
export interface WasteReportStatus {
  reportId: string;
  state: 'loading' | 'done' | 'failed';
  progress: WasteProgress;
  report?: WasteReport;
  /** A sentence for the user when the report failed. */
  error?: string;
}
