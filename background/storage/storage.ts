import { browser } from '../../platform/browser';

/** storage.session where the browser has it (cleared when the browser closes), else memory. */
const memory = new Map<string, unknown>();

export type Area = 'local' | 'session';

function area(name: Area) {
  if (name === 'session') return browser.storage.session ?? null;
  return browser.storage.local;
}

export async function readKey<T>(name: Area, key: string): Promise<T | undefined> {
  const store = area(name);
  if (!store) return memory.get(key) as T | undefined;
  const got = await store.get(key);
  return got[key] as T | undefined;
}

export async function writeKey(name: Area, key: string, value: unknown): Promise<void> {
  const store = area(name);
  if (!store) {
    memory.set(key, value);
    return;
  }
  await store.set({ [key]: value });
}

export async function removeKey(name: Area, key: string): Promise<void> {
  const store = area(name);
  if (!store) {
    memory.delete(key);
    return;
  }
  await store.remove(key);
}

/**
 * storage.session for trusted contexts only (the extension's pages and background): Chrome's default,
 * said explicitly wherever the browser offers the setting, so a content script never reads credentials.
 */
export async function restrictSessionStorage(): Promise<void> {
  const session = browser.storage.session as
    | { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> }
    | undefined;
  await session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
}
