/** What a scenario knows to be true. Tests assert against this, never against the extension's own output. */
export interface ScenarioTruth {
  scenario: string;
  description: string;
  seed: number;
  repo: string;
  pushCount: number;
  /** Oldest first. */
  pushes: PushTruth[];
  /** The main regression's culprit (first regression), or null when the scenario has none. */
  culprit: { pushId: number; revision: string; label: string; index: number } | null;
  regressions: RegressionTruth[];
  flaky: FlakyTruth[];
  perf: PerfTruth | null;
  /** Labels in every push's runnable-jobs.json. */
  runnableLabels: number;
  /** Push id → labels in runnable-jobs.json the decision task did not schedule (runnable − scheduled). */
  missingLabels: Record<string, string[]>;
  completeness: Record<string, { runnable: number; scheduled: number; missing: number }>;
  wasteful: WastefulJobTruth[];
  wastefulMachineHours: number;
  artifacts: ArtifactTruth;
}

export interface PushTruth {
  /** 1-based position, oldest = 1. */
  position: number;
  repo: string;
  id: number;
  pushlogId: number;
  revision: string;
  backstop: boolean;
  decisionTaskId: string;
  scheduled: number;
}

export interface RegressionTruth {
  kind: 'permanent' | 'intermittent';
  label: string;
  culpritPushId: number;
  culpritRevision: string;
  culpritPosition: number;
  /** First push where the label failed after not running on the gap pushes. */
  firstFailurePushId: number;
  /** Last push before the gap where the label ran (and passed). */
  lastGoodPushId: number;
  gap: number;
  gapPushIds: number[];
  q: number;
  f: number;
  failingTests: string[];
  /** Pushes whose generated run of the label failed. */
  failedPushIds: number[];
}

export interface FlakyTruth {
  label: string;
  f: number;
  failedPushIds: number[];
}

export interface PerfTruth {
  label: string;
  suite: string;
  frameworkId: number;
  signatureId: number;
  signatureHash: string;
  culpritPushId: number;
  culpritRevision: string;
  alertSummaryId: number;
  alertPushId: number;
  prevPushId: number;
  gapPushIds: number[];
  shiftPct: number;
  stableLabels: string[];
}

export interface WastefulJobTruth {
  label: string;
  reason: 'tier3' | 'always-failing';
  tier: number;
  tasks: number;
  machineHours: number;
}

export interface ArtifactTruth {
  patterns: string[];
  planted: Array<{ taskId: string; runId: number; pushId: number; label: string; names: string[] }>;
  tasksWithMany: string[];
  artifactsPerTask: number;
  bigPushId: number | null;
  bigPushTasks: number | null;
}
