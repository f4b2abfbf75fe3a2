import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  isUnsettled,
  settledOutcomeOf,
  type SettledOutcome,
  type TriggerLogEntry,
  type TriggerState,
} from '../../src/log/entry';

interface LogDb extends DBSchema {
  triggers: {
    key: string;
    value: TriggerLogEntry;
    indexes: { createdAt: number; state: string; origin: string; decisionTaskId: string; requestId: string };
  };
}

/**
 * The durable trigger log, in IndexedDB (works in the Chromium service worker and the Firefox event
 * page, survives restarts, and holds months of entries without rewriting one big storage value).
 * Every write resolves only once its transaction has committed, so a record is durable before the
 * network call that follows it.
 */
export class TriggerLog {
  private db: Promise<IDBPDatabase<LogDb>> | undefined;

  constructor(private readonly name = 'cit-trigger-log') {}

  private open(): Promise<IDBPDatabase<LogDb>> {
    this.db ??= openDB<LogDb>(this.name, 2, {
      upgrade(db, oldVersion, _newVersion, tx) {
        const store = oldVersion < 1 ? db.createObjectStore('triggers', { keyPath: 'id' }) : tx.objectStore('triggers');
        if (oldVersion < 1) {
          store.createIndex('createdAt', 'createdAt');
          store.createIndex('state', 'state');
        }
        if (oldVersion < 2) {
          // Version 2: find a record by a runner's idempotency key or a page's call id, and a task group's claims.
          store.createIndex('origin', 'origin');
          store.createIndex('decisionTaskId', 'decisionTaskId');
          store.createIndex('requestId', 'requestId');
        }
      },
    });
    return this.db;
  }

  /** The "before" record: durable (committed) when this resolves. */
  async put(entry: TriggerLogEntry): Promise<void> {
    const db = await this.open();
    const tx = db.transaction('triggers', 'readwrite');
    await tx.store.put(entry);
    await tx.done;
  }

  async update(id: string, patch: Partial<TriggerLogEntry>, now: number): Promise<TriggerLogEntry | undefined> {
    return this.updateIf(id, undefined, patch, now);
  }

  /**
   * Applies `patch` only while the record is in one of `states` (all states when undefined), in one
   * transaction, so two settlements of the same record (an answer and a reconciliation) cannot both win.
   */
  async updateIf(
    id: string,
    states: readonly TriggerState[] | undefined,
    patch: Partial<TriggerLogEntry>,
    now: number,
  ): Promise<TriggerLogEntry | undefined> {
    const db = await this.open();
    const tx = db.transaction('triggers', 'readwrite');
    const current = await tx.store.get(id);
    if (!current || (states && !states.includes(current.state))) {
      await tx.done;
      return undefined;
    }
    const next = { ...current, ...patch, updatedAt: now };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  async get(id: string): Promise<TriggerLogEntry | undefined> {
    return (await this.open()).get('triggers', id);
  }

  async pending(): Promise<TriggerLogEntry[]> {
    return (await this.open()).getAllFromIndex('triggers', 'state', 'pending');
  }

  /** Records whose outcome is not known yet (pending or unclear), oldest first. */
  async unsettled(): Promise<TriggerLogEntry[]> {
    const db = await this.open();
    const [pending, unclear] = await Promise.all([
      db.getAllFromIndex('triggers', 'state', 'pending'),
      db.getAllFromIndex('triggers', 'state', 'unclear'),
    ]);
    return [...pending, ...unclear].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Every record of one push's task group. */
  async ofTaskGroup(decisionTaskId: string): Promise<TriggerLogEntry[]> {
    return (await this.open()).getAllFromIndex('triggers', 'decisionTaskId', decisionTaskId);
  }

  /** The record of one page call (its id is the same on every resend of the call). */
  async byRequestId(requestId: string): Promise<TriggerLogEntry | undefined> {
    return (await this.open()).getFromIndex('triggers', 'requestId', requestId);
  }

  /** Entries created at or after `since`, oldest first. */
  async since(since: number): Promise<TriggerLogEntry[]> {
    return (await this.open()).getAllFromIndex('triggers', 'createdAt', IDBKeyRange.lowerBound(since));
  }

  /** The newest entry a runner created under its idempotency key (the `origin`), created at or after `since`. */
  async byOrigin(origin: string, since = 0): Promise<TriggerLogEntry | undefined> {
    const entries = await (await this.open()).getAllFromIndex('triggers', 'origin', origin);
    return entries.filter((e) => e.createdAt >= since).sort((a, b) => b.createdAt - a.createdAt)[0];
  }

  /**
   * For a runner that must never send one step twice: whether its request under `origin` is still
   * pending, unclear (being checked), triggered or not triggered; undefined when it never reached the log.
   * Only `triggered` means "sent"; pending and unclear mean "wait".
   */
  async settledOutcome(origin: string): Promise<SettledOutcome | undefined> {
    const entry = await this.byOrigin(origin);
    return entry ? settledOutcomeOf(entry) : undefined;
  }

  /** The newest `limit` entries, newest first. */
  async recent(limit: number): Promise<TriggerLogEntry[]> {
    const db = await this.open();
    const out: TriggerLogEntry[] = [];
    let cursor = await db.transaction('triggers').store.index('createdAt').openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  async all(): Promise<TriggerLogEntry[]> {
    return (await this.open()).getAllFromIndex('triggers', 'createdAt');
  }

  /** Drops entries older than the retention period (never unsettled ones); returns how many went. */
  async prune(retentionDays: number, now: number): Promise<number> {
    const db = await this.open();
    const cutoff = now - retentionDays * 86_400_000;
    const tx = db.transaction('triggers', 'readwrite');
    let removed = 0;
    let cursor = await tx.store.index('createdAt').openCursor(IDBKeyRange.upperBound(cutoff, true));
    while (cursor) {
      if (!isUnsettled(cursor.value)) {
        await cursor.delete();
        removed++;
      }
      cursor = await cursor.continue();
    }
    await tx.done;
    return removed;
  }
}
