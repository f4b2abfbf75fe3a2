import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../platform/browser', async () => ({
  browser: (await import('../auth/fake-browser')).fakeBrowser.browser,
  isExtensionContextAlive: () => true,
}));

const { PrivateStore } = await import('../../../background/storage/private-store');
const { migrateToPrivate } = await import('../../../background/storage/private-values');

const token = 'remembered-access-token-0123';

describe('migration of what earlier versions kept in storage.local', () => {
  function legacyArea(values: Record<string, unknown>) {
    return {
      values,
      read: async <T>(key: string) => values[key] as T | undefined,
      write: async (key: string, value: unknown) => {
        values[key] = value;
      },
      remove: async (key: string) => {
        delete values[key];
      },
    };
  }

  it('moves settings and remembered credentials, deletes them from storage.local, and cleans bad repository names', async () => {
    const local = legacyArea({
      settings: { dailyTaskCap: 150, rememberCredentials: true },
      tcCredentials: { clientId: 'me/client', accessToken: token, source: 'pasted' },
      treeherderOrigins: { '': 'https://th', '<img src=x>': 'https://th', autoland: 'https://th', '*': 'https://th' },
      trackedGroups: [],
    });
    const store = new PrivateStore(`migrate-${Math.random()}`);
    await migrateToPrivate(local, store);
    expect(local.values).toEqual({
      trackedGroups: [],
      treeherderOrigins: { autoland: 'https://th', '*': 'https://th' },
    });
    expect(await store.read('settings')).toEqual({ dailyTaskCap: 150, rememberCredentials: true });
    expect(await store.read('rememberedCredentials')).toMatchObject({ accessToken: token });

    // Later, whatever writes these keys into storage.local is not the extension: deleted, never taken in.
    local.values.settings = { dailyTaskCap: 5000 };
    local.values.tcCredentials = { clientId: 'evil', accessToken: 'x'.repeat(20), source: 'pasted' };
    await migrateToPrivate(local, store);
    expect(local.values.settings).toBeUndefined();
    expect(await store.read('settings')).toEqual({ dailyTaskCap: 150, rememberCredentials: true });
    expect(await store.read('rememberedCredentials')).toMatchObject({ clientId: 'me/client' });
  });
});
