import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { memoize } from '../../src/util/memoize';

interface PrivateDb extends DBSchema {
  values: { key: string; value: unknown };
}

/**
 * Values only the extension itself may read or change: remembered credentials and settings. They live in
 * the extension origin's IndexedDB, which content scripts cannot reach (they can read and write
 * `storage.local`, so a page driving one could read a token or raise the daily cap there). Every write
 * resolves once committed.
 */
export class PrivateStore {
  private readonly open: () => Promise<IDBPDatabase<PrivateDb>>;

  constructor(name = 'cit-private') {
    this.open = memoize(() =>
      openDB<PrivateDb>(name, 1, {
        upgrade(db) {
          db.createObjectStore('values');
        },
      }),
    );
  }

  async read<T>(key: string): Promise<T | undefined> {
    return (await (await this.open()).get('values', key)) as T | undefined;
  }

  async write(key: string, value: unknown): Promise<void> {
    const tx = (await this.open()).transaction('values', 'readwrite');
    await tx.store.put(value, key);
    await tx.done;
  }

  async remove(key: string): Promise<void> {
    const tx = (await this.open()).transaction('values', 'readwrite');
    await tx.store.delete(key);
    await tx.done;
  }
}
