import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  decisionTaskFromJobs,
  formatTreeherderTime,
  parseTreeherderTime,
  type DecisionTaskRef,
  type Job,
  type TreeherderClient,
} from '../../src/ci';

/**
 * What a push's completeness badge needs of its jobs: the labels scheduled on it and its decision task. A push's
 * label set only grows (jobs are never removed; backfills and add-new-jobs add some), so it is learned once from
 * the full job list and afterwards only from the jobs modified since the newest one seen, as Treeherder's own
 * poll asks (`last_modified__gt`, 3 s of overlap for clock skew). Kept in IndexedDB, so a later visit to a
 * page of finished pushes costs one small request per push instead of the push's whole job list again
 * (on autoland, 1,000 to 5,000 jobs, the page's own largest download).
 */
export interface PushLabels {
  labels: string[];
  /** Treeherder's `last_modified` of the newest job seen (its clock, not ours). */
  newestModified: string | null;
  decision: DecisionTaskRef | null;
}

interface LabelsDb extends DBSchema {
  pushes: { key: string; value: { key: string; usedAt: number } & PushLabels; indexes: { usedAt: number } };
}

const OVERLAP_MS = 3000;
/** Pushes kept on disk; the least recently used go first (a day of autoland is about 150). */
export const MAX_STORED_PUSHES = 1000;

export interface PushLabelStoreOptions {
  name?: string;
  maxPushes?: number;
  now?: () => number;
}

export interface PushLabelStore {
  /** The push's labels, read from Treeherder only as far as they are not known yet. */
  labelsOf(
    treeherder: Pick<TreeherderClient, 'jobsForPush' | 'findJobs'>,
    key: string,
    pushId: number,
  ): Promise<PushLabels>;
  close(): Promise<void>;
}

export function createPushLabelStore(options: PushLabelStoreOptions = {}): PushLabelStore {
  const name = options.name ?? 'cit-push-labels';
  const maxPushes = options.maxPushes ?? MAX_STORED_PUSHES;
  const now = options.now ?? Date.now;
  let db: Promise<IDBPDatabase<LabelsDb>> | undefined;
  const open = () =>
    (db ??= openDB<LabelsDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('pushes', { keyPath: 'key' }).createIndex('usedAt', 'usedAt');
      },
    }));

  async function save(key: string, value: PushLabels): Promise<void> {
    const database = await open();
    const tx = database.transaction('pushes', 'readwrite');
    await tx.store.put({ key, usedAt: now(), ...value });
    const count = await tx.store.count();
    if (count > maxPushes) {
      let cursor = await tx.store.index('usedAt').openCursor();
      for (let extra = count - maxPushes; cursor && extra > 0; extra--) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }

  return {
    async labelsOf(treeherder, key, pushId) {
      const stored = await open()
        .then((database) => database.get('pushes', key))
        .catch(() => undefined);
      let next: PushLabels;
      if (!stored) next = fromJobs(await treeherder.jobsForPush(pushId), null);
      else {
        const since = stored.newestModified
          ? formatTreeherderTime(new Date(parseTreeherderTime(stored.newestModified).getTime() - OVERLAP_MS))
          : undefined;
        const changed = since
          ? await treeherder.findJobs({ pushIds: [pushId], lastModifiedAfter: since })
          : await treeherder.jobsForPush(pushId);
        next = fromJobs(changed, stored);
      }
      await save(key, next).catch((error: unknown) => {
        console.warn('[CI Tools] Could not keep a push’s job labels in IndexedDB:', error);
      });
      return next;
    },
    async close() {
      const opened = db;
      db = undefined;
      if (opened) (await opened).close();
    },
  };
}

function fromJobs(jobs: readonly Job[], known: PushLabels | null): PushLabels {
  const labels = new Set(known?.labels ?? []);
  let newest = known?.newestModified ?? null;
  let newestMs = newest ? parseTreeherderTime(newest).getTime() : Number.NEGATIVE_INFINITY;
  for (const job of jobs) {
    labels.add(job.job_type_name);
    const ms = parseTreeherderTime(job.last_modified).getTime();
    if (ms > newestMs) {
      newestMs = ms;
      newest = job.last_modified;
    }
  }
  return { labels: [...labels], newestModified: newest, decision: known?.decision ?? decisionTaskFromJobs(jobs) };
}

/** The worker's one store. */
export const pushLabelStore: PushLabelStore = createPushLabelStore();
