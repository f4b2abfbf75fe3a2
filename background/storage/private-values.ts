import { memoize } from '../../src/util/memoize';
import { isTreeherderRepoName } from '../../src/messaging/treeherder-page';
import { PrivateStore } from './private-store';
import { readKey, removeKey, writeKey } from './storage';

/** Keys of the extension-only store. */
export const SETTINGS_KEY = 'settings';
export const REMEMBERED_CREDENTIALS_KEY = 'rememberedCredentials';

/** Where earlier versions kept them, in storage.local (readable from content scripts). */
const LEGACY_SETTINGS_KEY = 'settings';
const LEGACY_CREDENTIALS_KEY = 'tcCredentials';
const ORIGINS_KEY = 'treeherderOrigins';
/** Set once the move is done, so values a content script writes into storage.local later are never taken in. */
const MIGRATED_KEY = 'migratedFromStorageLocal';

export const privateStore = new PrivateStore();

export interface LegacyArea {
  read<T>(key: string): Promise<T | undefined>;
  write(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * Moves what earlier versions stored in storage.local into the extension-only store, once, then deletes it
 * there: settings, and credentials kept with "remember". A value already in the new store wins; after the
 * first run, such keys in storage.local are only deleted (whatever wrote them, it was not the extension).
 * Also drops repository names that are not names (`<img …>`, empty) from the learned Treeherder origins.
 */
export async function migrateToPrivate(local: LegacyArea, store: Pick<PrivateStore, 'read' | 'write'>): Promise<void> {
  const done = (await store.read<boolean>(MIGRATED_KEY)) === true;
  for (const [from, to] of [
    [LEGACY_SETTINGS_KEY, SETTINGS_KEY],
    [LEGACY_CREDENTIALS_KEY, REMEMBERED_CREDENTIALS_KEY],
  ] as const) {
    const legacy = await local.read<unknown>(from);
    if (legacy === undefined) continue;
    if (!done && (await store.read(to)) === undefined) await store.write(to, legacy);
    await local.remove(from);
  }
  if (!done) await store.write(MIGRATED_KEY, true);
  const origins = await local.read<Record<string, string>>(ORIGINS_KEY);
  if (origins && typeof origins === 'object') {
    const kept = Object.fromEntries(
      Object.entries(origins).filter(([repo]) => repo === '*' || isTreeherderRepoName(repo)),
    );
    if (Object.keys(kept).length !== Object.keys(origins).length) await local.write(ORIGINS_KEY, kept);
  }
}

const storageLocal: LegacyArea = {
  read: (key) => readKey('local', key),
  write: (key, value) => writeKey('local', key, value),
  remove: (key) => removeKey('local', key),
};

/** Runs (or re-checks) the migration once per worker start, before the first use of the private store. */
const migrated = memoize(() => migrateToPrivate(storageLocal, privateStore));

export async function readPrivate<T>(key: string): Promise<T | undefined> {
  await migrated();
  return privateStore.read<T>(key);
}

export async function writePrivate(key: string, value: unknown): Promise<void> {
  await migrated();
  await privateStore.write(key, value);
}

export async function removePrivate(key: string): Promise<void> {
  await migrated();
  await privateStore.remove(key);
}
