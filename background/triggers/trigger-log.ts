import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TriggerLogEntry } from '../../src/log/entry';

interface LogDb extends DBSchema {
  triggers: { key: string; value: TriggerLogEntry; indexes: { createdAt: number; state: string } };
}

/**
 * The durable trigger log, in IndexedDB (works in the Chromium service worker and the Firefox event
 * page, survives restarts, and holds months of entries without rewriting one big storage value).
 */
export class TriggerLog {
  private db: Promise<IDBPDatabase<LogDb>> | undefined;

  constructor(private readonly name = 'cit-trigger-log') {}

  private open(): Promise<IDBPDatabase<LogDb>> {
    this.db ??= openDB<LogDb>(this.name, 1, {
      upgrade(db) {
        const store = db.createObjectStore('triggers', { keyPath: 'id' });
        store.createIndex('createdAt', 'createdAt');
        store.createIndex('state', 'state');
      },
    });
    return this.db;
  }

  /** The "before" record: must be durable before the network call starts. */
  async put(entry: TriggerLogEntry): Promise<void> {
    const db = await this.open();
    await db.put('triggers', entry);
  }

  async update(id: string, patch: Partial<TriggerLogEntry>, now: number): Promise<TriggerLogEntry | undefined> {
    const db = await this.open();
    const tx = db.transaction('triggers', 'readwrite');
    const current = await tx.store.get(id);
    if (!current) return undefined;
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

  /** Entries created at or after `since`, oldest first. */
  async since(since: number): Promise<TriggerLogEntry[]> {
    return (await this.open()).getAllFromIndex('triggers', 'createdAt', IDBKeyRange.lowerBound(since));
  }

  /** The entry a runner created under its idempotency key (the `origin`), if any. */
  async byOrigin(origin: string, since: number): Promise<TriggerLogEntry | undefined> {
    return (await this.since(since)).find((entry) => entry.origin === origin);
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

  /** Drops entries older than the retention period; returns how many went. */
  async prune(retentionDays: number, now: number): Promise<number> {
    const db = await this.open();
    const cutoff = now - retentionDays * 86_400_000;
    const tx = db.transaction('triggers', 'readwrite');
    let removed = 0;
    let cursor = await tx.store.index('createdAt').openCursor(IDBKeyRange.upperBound(cutoff, true));
    while (cursor) {
      await cursor.delete();
      removed++;
      cursor = await cursor.continue();
    }
    await tx.done;
    return removed;
  }
}
