import type { ActionsJson, HookAction } from '../../src/ci/schemas/actions';
import type { PushRef } from '../../src/actions/intents';
import type { BackfillFacts } from '../../src/actions/availability';
import type { StoredCredentials } from '../../src/credentials';

/**
 * What the trigger pipeline needs from the CI, as one interface so the pipeline can be tested with a
 * fake and wired to the real clients (src/ci) in the background.
 */
export interface CiGateway {
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
  /**
   * After a restart: the action task a trigger created, if Taskcluster has one (same action name
   * and input, created after `since`). Used to settle "pending" log records without re-triggering.
   */
  findActionTask(
    push: PushRef,
    decisionTaskId: string,
    actionName: string,
    input: unknown,
    since: number,
  ): Promise<string | undefined>;
  /** Recent mean durations (minutes) of these labels on this repository, for the cost estimate. */
  recentDurations(push: PushRef, labels: string[]): Promise<Record<string, number>>;
  /** Whether the repository is a try repository and when the task expires (Treeherder's backfill rule). */
  backfillFacts?(push: PushRef, taskId: string): Promise<BackfillFacts>;
  /** Distinct failing test paths in a job's failure lines (what confirm-failures re-runs). */
  failingTests?(push: PushRef, jobId: number): Promise<string[]>;
}
