import type { JobRef } from '../actions/intents';
import type { PushRef } from '../push-ref';

/**
 * One trigger attempt in the durable log. Written once before the network call (state `pending`)
 * and updated after it, so a worker stopped in between leaves evidence to reconcile, never a guess.
 * States: `pending` (sent or about to be, no answer yet), `unclear` (Taskcluster's answer did not say
 * whether the hook ran: being checked), `triggered`, `failed` (not triggered), `merged`, `refused`.
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
  /** The page's call id (the same on a resend of that call), so one call is never sent twice. */
  requestId?: string | undefined;
  summary: string;
  dedupeKey: string;
  expectedTasks: number;
  machineMinutes: number;
  state: TriggerState;
  /** Action task created by triggerHook. */
  actionTaskId?: string | undefined;
  /** Decision task (task group) of the push, for reconciliation and links. */
  decisionTaskId?: string | undefined;
  /** Local time just before the hook call: the start of the window its action task must fall in. */
  sentAt?: number | undefined;
  /** Taskcluster's clock minus ours (ms) when it was sent, from its latest Date header; anchors that window. */
  serverOffsetMs?: number | undefined;
  /** Taskcluster client that sent it (not secret): an action task names its client, which narrows matching. */
  clientId?: string | undefined;
  createdTaskIds: string[];
  error?: string | undefined;
  /** How a `pending` or `unclear` record was (or is being) settled against Taskcluster. */
  reconciliation?: string | undefined;
}

export type TriggerState = 'pending' | 'unclear' | 'triggered' | 'failed' | 'merged' | 'refused';

/** Records whose outcome is not known yet: they count as possibly sent, and are reconciled. */
export function isUnsettled(entry: Pick<TriggerLogEntry, 'state'>): boolean {
  return entry.state === 'pending' || entry.state === 'unclear';
}

/** What a caller that must not send twice (the bisection runner) needs to know about a record. */
export type SettledOutcome = 'pending' | 'unclear' | 'triggered' | 'not-triggered';

export function settledOutcomeOf(entry: Pick<TriggerLogEntry, 'state'>): SettledOutcome {
  if (entry.state === 'pending' || entry.state === 'unclear' || entry.state === 'triggered') return entry.state;
  return 'not-triggered';
}

/** NDJSON: one JSON object per line, the format sheriffs can grep, jq and load anywhere. */
export function toNdjson(entries: readonly TriggerLogEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length ? '\n' : '');
}

/** Tasks counted against today's cap: everything sent or possibly sent (pending, unclear) since `since`. */
export function tasksUsedSince(entries: readonly TriggerLogEntry[], since: number): number {
  return entries
    .filter((e) => e.createdAt >= since && (e.state === 'triggered' || isUnsettled(e)))
    .reduce((sum, e) => sum + e.expectedTasks, 0);
}
