import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import '../../../src/zod-setup';
import { fakeBrowser } from '../auth/fake-browser';

vi.mock('../../../platform/browser', async () => ({
  browser: (await import('../auth/fake-browser')).fakeBrowser.browser,
  isExtensionContextAlive: () => true,
}));

const { loadSettings, saveSettingsPatch } = await import('../../../background/storage/settings-store');
const { saveCredentials, loadCredentials, credentialsStatus, clearCredentials } = await import(
  '../../../background/sign-in/credentials'
);
const { restrictSessionStorage } = await import('../../../background/storage/storage');

/** What a content script sees: it can read (and write) storage.local, nothing of the extension origin's IndexedDB. */
const contentScriptView = fakeBrowser.browser.storage.local.values;
const token = 'remembered-access-token-0123';

beforeEach(async () => {
  await clearCredentials();
});

/** Issue 15, finding 5: credentials and settings out of the content-script world. */
describe('credentials and settings are out of reach of content scripts', () => {
  it('settings are kept where storage.local (readable by content scripts) holds none of them', async () => {
    const saved = await saveSettingsPatch({ dailyTaskCap: 300, rememberCredentials: true });
    expect(saved).toMatchObject({ dailyTaskCap: 300 });
    expect(JSON.stringify(contentScriptView)).not.toMatch(/dailyTaskCap|rememberCredentials/);
    expect(await loadSettings()).toMatchObject({ dailyTaskCap: 300, rememberCredentials: true });
  });

  it('a content script writing settings into storage.local changes nothing (the daily cap stays)', async () => {
    await saveSettingsPatch({ dailyTaskCap: 200 });
    await fakeBrowser.browser.storage.local.set({ settings: { dailyTaskCap: 5000, confirmAboveTasks: 1000 } });
    expect(await loadSettings()).toMatchObject({ dailyTaskCap: 200, confirmAboveTasks: 10 });
  });

  it('remembered credentials are not in storage.local; session ones are in trusted-only storage.session', async () => {
    await saveSettingsPatch({ rememberCredentials: true });
    await saveCredentials({ clientId: 'me/client', accessToken: token, source: 'pasted' });
    expect(JSON.stringify(contentScriptView)).not.toContain(token);
    expect(JSON.stringify(fakeBrowser.browser.storage.session.values)).not.toContain(token);
    expect(await loadCredentials()).toMatchObject({ accessToken: token });
    expect(await credentialsStatus()).toMatchObject({ signedIn: true, storage: 'local' });

    await saveSettingsPatch({ rememberCredentials: false });
    await saveCredentials({ clientId: 'me/client', accessToken: token, source: 'pasted' });
    expect(JSON.stringify(contentScriptView)).not.toContain(token);
    expect(await credentialsStatus()).toMatchObject({ signedIn: true, storage: 'session' });
    fakeBrowser.browser.storage.session.accessLevel = 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
    await restrictSessionStorage();
    expect(fakeBrowser.browser.storage.session.accessLevel).toBe('TRUSTED_CONTEXTS');
  });
});
