import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { z } from 'zod';
import type { CiClients } from '../../src/ci';
import { ActionsJsonSchema, type ActionsJson } from '../../src/ci/schemas/actions';
import {
  RunnableJobsSchema,
  TaskGraphSchema,
  type RunnableJobs,
  type TaskGraph,
} from '../../src/ci/schemas/decision-artifacts';

/**
 * Decision-task artifacts (`runnable-jobs.json`, `actions.json`, `task-graph.json`) are written once and never
 * change, and on autoland each is hundreds of KB to MB. They are kept in the extension origin's IndexedDB, so
 * a restarted worker or browser never downloads one twice, within a size cap with least-recently-used
 * eviction. Bodies are read from disk when asked for and not held in memory (the background's memory
 * budget: a 50-push page touches 50 runnable-jobs.json).
 */
interface ArtifactDb extends DBSchema {
  /** The validated artifact, by key. */
  bodies: { key: string; value: { key: string; value: unknown } };
  /** What eviction needs, small: size and last use. */
  entries: { key: string; value: ArtifactEntry; indexes: { usedAt: number } };
}

interface ArtifactEntry {
  key: string;
  /** Size of the artifact as JSON text (what it costs on disk, roughly). */
  bytes: number;
  usedAt: number;
}

export interface ArtifactCacheOptions {
  /** IndexedDB database name (tests use their own). */
  name?: string;
  /** Total size kept; the least recently used go first. Default 64 MB. */
  maxBytes?: number;
  now?: () => number;
}

export interface ArtifactCache {
  /**
   * The artifact stored under `key`, or `download()`'s answer, stored. Concurrent asks for one key share one
   * download. A download that fails is not stored (the next ask tries again).
   */
  get<T>(key: string, download: () => Promise<T>): Promise<T>;
  /** What is stored now. */
  usage(): Promise<{ entries: number; bytes: number }>;
  /** Closes the database connection (a restart in tests). */
  close(): Promise<void>;
}

export const DEFAULT_ARTIFACT_CACHE_BYTES = 64 * 1024 * 1024;

export function createArtifactCache(options: ArtifactCacheOptions = {}): ArtifactCache {
  const name = options.name ?? 'cit-artifacts';
  const maxBytes = options.maxBytes ?? DEFAULT_ARTIFACT_CACHE_BYTES;
  const now = options.now ?? Date.now;
  let db: Promise<IDBPDatabase<ArtifactDb>> | undefined;
  const pending = new Map<string, Promise<unknown>>();

  const open = () =>
    (db ??= openDB<ArtifactDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('bodies', { keyPath: 'key' });
        database.createObjectStore('entries', { keyPath: 'key' }).createIndex('usedAt', 'usedAt');
      },
    }));

  async function read(key: string): Promise<{ value: unknown } | undefined> {
    const database = await open();
    const tx = database.transaction(['bodies', 'entries'], 'readwrite');
    const body = await tx.objectStore('bodies').get(key);
    const entry = body ? await tx.objectStore('entries').get(key) : undefined;
    if (entry) await tx.objectStore('entries').put({ ...entry, usedAt: now() });
    await tx.done;
    return body ? { value: body.value } : undefined;
  }

  async function store(key: string, value: unknown): Promise<void> {
    const bytes = JSON.stringify(value)?.length ?? 0;
    if (bytes > maxBytes) return; // larger than the whole cache: used once, not kept
    const database = await open();
    const tx = database.transaction(['bodies', 'entries'], 'readwrite');
    const entries = tx.objectStore('entries');
    await tx.objectStore('bodies').put({ key, value });
    await entries.put({ key, bytes, usedAt: now() });
    let total = 0;
    const all = await entries.index('usedAt').getAll();
    for (const entry of all) total += entry.bytes;
    // Oldest use first; the one just stored is newest, so it stays.
    for (const entry of all) {
      if (total <= maxBytes) break;
      if (entry.key === key) continue;
      await entries.delete(entry.key);
      await tx.objectStore('bodies').delete(entry.key);
      total -= entry.bytes;
    }
    await tx.done;
  }

  async function load<T>(key: string, download: () => Promise<T>): Promise<T> {
    const hit = await read(key).catch(() => undefined); // a broken database must not break the badges
    if (hit) return hit.value as T;
    const value = await download();
    await store(key, value).catch((error: unknown) => {
      console.warn('[CI Tools] Could not keep a decision-task artifact in IndexedDB:', error);
    });
    return value;
  }

  return {
    get<T>(key: string, download: () => Promise<T>): Promise<T> {
      const inFlight = pending.get(key);
      if (inFlight) return inFlight as Promise<T>;
      const loading = load(key, download);
      pending.set(key, loading);
      const forget = () => pending.delete(key);
      loading.then(forget, forget);
      return loading;
    },
    async usage() {
      const all = await (await open()).getAll('entries');
      return { entries: all.length, bytes: all.reduce((sum, e) => sum + e.bytes, 0) };
    },
    async close() {
      const opened = db;
      db = undefined;
      if (opened) (await opened).close();
    },
  };
}

/** The worker's one cache. */
export const artifactCache: ArtifactCache = createArtifactCache();

type Taskcluster = Pick<CiClients['taskcluster'], 'rootUrl' | 'publicArtifactJson'>;

/**
 * The decision-task artifacts the background reads, through the cache. They bypass the HTTP client's
 * in-memory TTL cache (no `cacheTtlMs`): the copy on disk is the one kept.
 */
export function cachedArtifacts(taskcluster: Taskcluster, cache: ArtifactCache = artifactCache) {
  const get = <S extends z.ZodType>(taskId: string, name: string, schema: S, runId?: number) =>
    cache.get(`${taskcluster.rootUrl}|${taskId}|${runId ?? 'latest'}|${name}`, () =>
      taskcluster.publicArtifactJson(taskId, name, schema, runId === undefined ? {} : { runId }),
    ) as Promise<z.output<S>>;
  return {
    runnableJobs: (decisionTaskId: string, runId?: number): Promise<RunnableJobs> =>
      get(decisionTaskId, 'public/runnable-jobs.json', RunnableJobsSchema, runId),
    actionsJson: (decisionTaskId: string): Promise<ActionsJson> =>
      get(decisionTaskId, 'public/actions.json', ActionsJsonSchema),
    taskGraph: (taskId: string): Promise<TaskGraph> => get(taskId, 'public/task-graph.json', TaskGraphSchema),
  };
}
