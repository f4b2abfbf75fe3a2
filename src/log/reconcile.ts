import type { TriggerLogEntry } from './entry';

/**
 * Settling trigger records whose outcome is unknown (a stopped worker, a timeout, a 5xx, an unreadable
 * answer) against the action tasks Taskcluster shows in the push's task group. Pure, so every rule is
 * unit-tested: a record claims at most one task, never one another record holds, only inside a window
 * bounded on both sides and read on the server's clock, and an ambiguous match is reported, not guessed.
 */

/** An action task as seen in the push's task group (`tags.kind = action-callback`, `extra.action`). */
export interface ActionTaskSeen {
  taskId: string;
  actionName: string;
  input: unknown;
  /** `extra.action.context.clientId`: who triggered it, when Taskcluster says. */
  clientId?: string | undefined;
  /** `task.created`, ms on the server's clock. */
  created: number;
}

/**
 * How early (server clock) an action task may look relative to our send time and still be ours: the
 * `Date` header has whole seconds and arrives one network trip late, so the measured offset is off by a
 * second or two.
 */
export const EARLY_TOLERANCE_MS = 5_000;
/**
 * How late after the send an action task may be created and still be ours: the HTTP layer's 30 s timeout,
 * plus a minute for a server that acts after the client gave up. Until the server's clock passes the end
 * of this window, "no action task" means "not yet", not "not triggered".
 */
export const ANSWER_WINDOW_MS = 90_000;

/** Records older than this are no longer reconciled (they stay as they are: unclear is never turned into failed). */
export const RECONCILE_FOR_MS = 24 * 3_600_000;

/**
 * The window (server clock, ms) in which a record's action task must have been created: anchored on the
 * server's clock as measured when it was sent (a later step of that clock does not move it), else as now.
 */
export function matchWindow(
  entry: Pick<TriggerLogEntry, 'sentAt' | 'createdAt' | 'serverOffsetMs'>,
  serverOffsetMs: number,
): { from: number; to: number } {
  const sent = (entry.sentAt ?? entry.createdAt) + (entry.serverOffsetMs ?? serverOffsetMs);
  return { from: sent - EARLY_TOLERANCE_MS, to: sent + ANSWER_WINDOW_MS };
}

export type ReconcileDecision =
  | { id: string; kind: 'triggered'; actionTaskId: string }
  | { id: string; kind: 'not-triggered' }
  /** The window is still open and nothing matches yet. */
  | { id: string; kind: 'wait' }
  | { id: string; kind: 'ambiguous'; candidates: string[]; note: string };

export interface ReconcileInput {
  /** Unsettled records of one task group (pending or unclear), in flight ones included. */
  records: readonly TriggerLogEntry[];
  /** Ids of records whose request is still open in this worker: not decided, but they compete for tasks. */
  inFlight: ReadonlySet<string>;
  /** Action task ids already held by settled records. */
  claimed: ReadonlySet<string>;
  tasks: readonly ActionTaskSeen[];
  /** Server time minus local time (ms). */
  serverOffsetMs: number;
  /** Local time now (ms). */
  now: number;
}

/** One decision per record that is not in flight. */
export function reconcileGroup(input: ReconcileInput): ReconcileDecision[] {
  const serverNow = input.now + input.serverOffsetMs;
  const free = input.tasks.filter((t) => !input.claimed.has(t.taskId));
  const inWindow = (record: TriggerLogEntry, task: ActionTaskSeen) => {
    const w = matchWindow(record, input.serverOffsetMs);
    return sameAction(record, task) && task.created >= w.from && task.created <= w.to;
  };

  const decisions: ReconcileDecision[] = [];
  for (const record of input.records) {
    if (input.inFlight.has(record.id)) continue;
    const candidates = free.filter((t) => inWindow(record, t));
    const [only] = candidates;
    if (!only) {
      const closed = serverNow > matchWindow(record, input.serverOffsetMs).to;
      decisions.push({ id: record.id, kind: closed ? 'not-triggered' : 'wait' });
      continue;
    }
    const rivals = input.records.filter((r) => r.id !== record.id && candidates.some((t) => inWindow(r, t)));
    if (candidates.length === 1 && rivals.length === 0) {
      decisions.push({ id: record.id, kind: 'triggered', actionTaskId: only.taskId });
      continue;
    }
    const ids = candidates.map((t) => t.taskId);
    const note =
      candidates.length > 1
        ? `unclear: ${candidates.length} matching action tasks (${ids.join(', ')}) were created while this request was answered; which one, if any, is this one's cannot be told`
        : `unclear: one matching action task (${ids[0]}) could belong to this request or to ${rivals.length === 1 ? 'another identical one' : `${rivals.length} other identical ones`} sent at the same time`;
    decisions.push({ id: record.id, kind: 'ambiguous', candidates: ids, note });
  }
  return decisions;
}

/** Same action and input (and the same client, when both sides name one). */
export function sameAction(
  record: Pick<TriggerLogEntry, 'actionName' | 'input' | 'clientId'>,
  task: ActionTaskSeen,
): boolean {
  if (task.actionName !== record.actionName) return false;
  if (record.clientId && task.clientId && record.clientId !== task.clientId) return false;
  return stableJson(task.input ?? null) === stableJson(record.input ?? null);
}

/** JSON with object keys sorted, so inputs compare by content. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
