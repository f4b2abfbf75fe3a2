import type { ActionsJson, HookAction } from '../../src/ci/schemas/actions';
import type { PushRef } from '../../src/actions/intents';
import type { BackfillFacts } from '../../src/actions/availability';
import type { StoredCredentials } from '../../src/credentials';
import type { ActionTaskSeen } from '../../src/log/reconcile';

/**
 * What the trigger pipeline needs from the CI, as one interface so the pipeline can be tested with a
 * fake and wired to the real clients (src/ci) in the background.
 */
export type CiGateway = TriggerCiClient & TriggerCiChecks;

/** Reads and the one write of a trigger (background/services/gateways.ts). */
export interface TriggerCiClient {
  /** The push's decision task id (its task group id). */
  decisionTaskId(push: PushRef): Promise<string>;
  actionsJson(push: PushRef, decisionTaskId: string): Promise<ActionsJson>;
  /** queue.task(taskId).tags, for context matching. */
  taskTags(push: PushRef, taskId: string): Promise<Record<string, string>>;
  /** auth.expandScopes(decision task's scopes). */
  decisionTaskScopes(push: PushRef, decisionTaskId: string): Promise<string[]>;
  /** hooks.triggerHook, Hawk-signed; returns the action task id. */
  triggerHook(
    push: PushRef,
    action: HookAction,
    payload: Record<string, unknown>,
    credentials: StoredCredentials,
  ): Promise<{ actionTaskId: string }>;
  /** Recent mean durations (minutes) of these labels on this repository, for the cost estimate. */
  recentDurations(push: PushRef, labels: string[]): Promise<Record<string, number>>;
  /** Whether the repository is a try repository and when the task expires (Treeherder's backfill rule). */
  backfillFacts?(push: PushRef, taskId: string): Promise<BackfillFacts>;
  /** Distinct failing test paths in a job's failure lines (what confirm-failures re-runs). */
  failingTests?(push: PushRef, jobId: number): Promise<string[]>;
}

/** What the pipeline checks against the CI itself: costs it never takes from the page, and outcomes (./ci-checks.ts). */
export interface TriggerCiChecks {
  /**
   * The action tasks of the push's task group, with the server's clock offset measured on that answer,
   * to settle records whose outcome is unknown. Never used to re-trigger.
   */
  actionTasks(push: PushRef, decisionTaskId: string): Promise<ActionTaskListing>;
  /** Test labels the push could run but did not schedule (runnable-jobs.json vs the push's jobs). */
  missingTestLabels(push: PushRef): Promise<string[]>;
  /** Tasks of the push's task group not finished yet (what cancel-all would cancel). */
  unfinishedTaskCount(push: PushRef): Promise<number>;
  /** Taskcluster's clock minus ours (ms), from the Date header of its latest answer; undefined if none yet. */
  serverClockOffsetMs(push: PushRef): Promise<number | undefined>;
}

export interface ActionTaskListing {
  tasks: ActionTaskSeen[];
  /** Server time minus local time (ms) from the listing's `Date` header; undefined when it had none. */
  serverOffsetMs?: number | undefined;
}
