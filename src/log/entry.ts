import type { JobRef } from '../actions/intents';
import type { PushRef } from '../push-ref';

/**
 * One trigger attempt in the durable log. Written once before the network call (state `pending`)
 * and updated after it, so a worker stopped in between leaves evidence to reconcile, never a guess.
 */
export interface TriggerLogEntry {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** The intent kind: retrigger, backfill, add-new-jobs, … or bisect-batch. */
  operation: string;
  actionName: string;
  input: unknown;
  push: PushRef;
  job?: JobRef | undefined;
  /** Which bisection or feature asked, when not a direct click. */
  origin?: string | undefined;
  summary: string;
  dedupeKey: string;
  expectedTasks: number;
  machineMinutes: number;
  state: TriggerState;
  /** Action task created by triggerHook. */
  actionTaskId?: string | undefined;
  /** Decision task (task group) of the push, for reconciliation and links. */
  decisionTaskId?: string | undefined;
  createdTaskIds: string[];
  error?: string | undefined;
  /** How a `pending` record was settled after a restart. */
  reconciliation?: string | undefined;
}

export type TriggerState = 'pending' | 'triggered' | 'failed' | 'merged' | 'refused';

/** NDJSON: one JSON object per line, the format sheriffs can grep, jq and load anywhere. */
export function toNdjson(entries: readonly TriggerLogEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length ? '\n' : '');
}

/** Tasks counted against today's cap: everything sent or possibly sent (pending) since `since`. */
export function tasksUsedSince(entries: readonly TriggerLogEntry[], since: number): number {
  return entries
    .filter((e) => e.createdAt >= since && (e.state === 'triggered' || e.state === 'pending'))
    .reduce((sum, e) => sum + e.expectedTasks, 0);
}
