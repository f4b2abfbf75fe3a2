/** Internal model of the fake CI: repositories, pushes and Taskcluster tasks with their runs. */

export type TaskKind = 'decision' | 'build' | 'test' | 'lint' | 'action-callback';

/** A label the task graph knows: what runnable-jobs.json lists and what a task is created from. */
export interface LabelSpec {
  label: string;
  kind: TaskKind;
  /** Treeherder machine platform, e.g. `linux1804-64-qr`. */
  platform: string;
  /** Treeherder option: opt, debug, asan… */
  option: string;
  symbol: string;
  /** `?` when ungrouped. */
  groupSymbol: string;
  /** `unknown` when ungrouped. */
  groupName: string;
  tier: 1 | 2 | 3;
  meanMinutes: number;
  /** mochitest, reftest, web-platform-tests, xpcshell, talos… (tests only). */
  testType?: string;
  /** Suite name without chunk, e.g. `mochitest-browser-chrome`. */
  suite?: string;
  /** Label of the build this test needs. */
  buildLabel?: string;
  retriggerable: boolean;
  os: string;
  perf?: PerfSpec;
}

export interface PerfSpec {
  suite: string;
  frameworkId: number;
  baseValue: number;
  lowerIsBetter: boolean;
  /** Relative standard deviation of one replicate. */
  noise: number;
  replicates: number;
  signatureId: number;
  signatureHash: string;
}

export type RunOutcome = 'completed' | 'failed' | 'exception';
export type ReasonResolved =
  | 'completed'
  | 'failed'
  | 'deadline-exceeded'
  | 'canceled'
  | 'claim-expired'
  | 'worker-shutdown'
  | 'intermittent-task'
  | 'internal-error';
export type ReasonCreated = 'scheduled' | 'retry' | 'task-retry' | 'rerun' | 'exception';

/** A planned run. Absolute times are derived from these in timeline.ts. */
export interface RunPlan {
  runId: number;
  reasonCreated: ReasonCreated;
  /** For runs after the first: when the run was created (rerun). Auto-retries start when the previous run ends. */
  readyAt?: number;
  pendingMs: number;
  durationMs: number;
  outcome: RunOutcome;
  reasonResolved: ReasonResolved;
  /** Set by cancel / cancel-all. */
  canceledAt?: number;
  jobId: number;
  workerId: string;
}

export type TaskOrigin = 'decision' | 'action';

export interface SimTask {
  taskId: string;
  taskGroupId: string;
  repo: string;
  /** Treeherder push id. */
  pushId: number;
  label: string;
  spec: LabelSpec;
  symbol: string;
  groupSymbol: string;
  groupName: string;
  created: number;
  dependencies: string[];
  runs: RunPlan[];
  origin: TaskOrigin;
  /** `extra.parent`: the decision task for graph tasks, the action task for action-created tasks. */
  parent: string;
  /** `tags.action` for action-created tasks (retrigger-multiple-task, backfill-task, …). */
  actionTag?: string;
  /** `extra.action` of action tasks. */
  action?: ActionExtra;
  env: Record<string, string>;
  failureClassificationId: number;
  /** Extra artifacts beyond the standard logs (the artifacts scenario). */
  extraArtifacts?: string[];
  /** Test paths that fail in this task, for logs, errorsummary and bug suggestions. */
  failingTests?: string[];
  /** Artifacts written by the fake (decision / action task JSON), by name. */
  generatedArtifacts?: Map<string, () => string>;
  /** Backfill bookkeeping: which revision asked for this task. */
  backfillOf?: string;
  /** Written to its action task's `label-to-taskid.json` (the first copy of a label; later copies are not). */
  listedInGraph?: boolean;
}

export interface ActionExtra {
  name: string;
  context: { taskGroupId: string; taskId: string | null; input: unknown; clientId: string };
}

export interface Commit {
  revision: string;
  /** `Name <email>` */
  author: string;
  comments: string;
  files: string[];
  bug: number;
}

export interface SimPush {
  id: number;
  repo: string;
  pushlogId: number;
  /** Tip revision. */
  revision: string;
  /** Pusher email. */
  author: string;
  /** Newest first (Treeherder order); `commits[0]` is the tip. */
  commits: Commit[];
  /** Seconds since epoch. */
  timestamp: number;
  decisionTaskId: string;
  backstop: boolean;
  /** Position in the repository, 0 = oldest. */
  index: number;
}

export interface RepoInfo {
  id: number;
  name: string;
  /** Path on the fake, e.g. `integration/autoland`. */
  path: string;
  level: '1' | '3';
  isTry: boolean;
  description: string;
  performanceAlertsEnabled: boolean;
  hookHash: string;
}
