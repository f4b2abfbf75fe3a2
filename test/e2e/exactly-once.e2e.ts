import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCi, type FakeCi } from '../fake-ci/server';
import { BROWSERS, launch } from './harness/browsers';
import type { E2eBrowser, E2ePage } from './harness/types';
import { someTestJob } from './fake-data';
import { pasteClient, sendFromExtensionPage } from './extension-pages';
import { sendFromContentScript, waitForValue } from './helpers';

interface ExtApi {
  storage: { local: { get(key: null): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** Everything in storage.local: the area content scripts can read and write (shared by every extension context). */
function storageLocal(page: E2ePage): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
    return api.storage.local.get(null);
  });
}

interface LogEntry {
  id: string;
  state: string;
  input: { requests?: { times: number }[] } | null;
  reconciliation?: string;
}

/** Issue 15: one click is one trigger, under faults in which Taskcluster acts and then fails. */
describe.each(BROWSERS)('exactly once in %s', (browserName) => {
  let browser: E2eBrowser;
  let fake: FakeCi;

  beforeAll(async () => {
    // Taskcluster's clock two minutes behind the browser's (its Date header and the tasks it stamps).
    fake = await startFakeCi({ scenario: 'default', timeScale: 0, clockSkewMs: -120_000 });
    browser = await launch(browserName);
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  it('remembered credentials and settings are not in storage.local, where content scripts could read them', async () => {
    const page = await browser.open(`${fake.url}/jobs?repo=autoland`);
    await page.waitFor('[data-testid="cit-status"][data-state="connected"]', 20000);
    const options = await browser.openExtensionPage('options/options.html');
    await options.waitFor('[data-testid="cit-settings-form"]', 15000);
    await sendFromExtensionPage(options, 'updateSettings', { rememberCredentials: true, dailyTaskCap: 321 });
    await options.close();
    expect(await pasteClient(browser, fake.credentials)).toBe(`Saved client ${fake.credentials.clientId}.`);

    const popup = await browser.openExtensionPage('popup/popup.html');
    const local = JSON.stringify(await storageLocal(popup));
    expect(local).not.toContain(fake.credentials.accessToken);
    expect(local).not.toMatch(/dailyTaskCap|rememberCredentials|"settings"|tcCredentials/);
    expect(await sendFromExtensionPage(popup, 'getCredentialsStatus', {})).toMatchObject({
      signedIn: true,
      storage: 'local',
    });
    expect(await sendFromExtensionPage(popup, 'getSettings', {})).toMatchObject({ dailyTaskCap: 321 });
    await popup.close();
    // …and a content script is still refused the privileged messages.
    expect(await sendFromContentScript(page, 'getSettings', {})).toMatchObject({ ok: false });
    await page.close();
  });

  it('5xx after acting, then a body cut off after acting: each shown as triggered, each one hook call', async () => {
    const job = await someTestJob(fake);
    const page = await browser.open(`${fake.url}/jobs?repo=autoland`);
    for (const [times, fault] of [
      [4, { actThenErrorRate: 1 }],
      [5, { actThenMalformedRate: 1 }],
    ] as const) {
      fake.setAfterActingFaults({ actThenErrorRate: 0, actThenMalformedRate: 0, ...fault });
      const before = fake.state().hookTriggers.length;
      const reply = await sendFromContentScript(page, 'trigger', {
        intent: { kind: 'retrigger', push: job.push, labels: [job.label], times },
        confirmed: false,
      });
      expect(reply, JSON.stringify(fault)).toMatchObject({ ok: true, result: { status: 'triggered' } });
      // The same click again: merged, never a second hook call.
      const again = await sendFromContentScript(page, 'trigger', {
        intent: { kind: 'retrigger', push: job.push, labels: [job.label], times },
        confirmed: false,
      });
      expect(again).toMatchObject({ ok: true, result: { status: 'merged' } });
      expect(fake.state().hookTriggers.length - before).toBe(1);
    }
    fake.setAfterActingFaults({ actThenErrorRate: 0, actThenMalformedRate: 0 });
    expect(fake.afterActingLog().map((a) => a.fault)).toEqual(['error', 'malformed']);

    const popup = await browser.openExtensionPage('popup/popup.html');
    const entries = await sendFromExtensionPage<LogEntry[]>(popup, 'listTriggerLog', { limit: 10 });
    for (const times of [4, 5]) {
      expect(entries.find((e) => e.input?.requests?.[0]?.times === times)).toMatchObject({
        state: 'triggered',
        reconciliation: "found the action task: Taskcluster's answer was unclear, but it went through",
      });
    }
    await popup.close();
    await page.close();
  });

  it('with the server clock 2 minutes behind, a background stopped after the hook call settles as triggered', async () => {
    const job = await someTestJob(fake);
    const options = await browser.openExtensionPage('options/options.html');
    await options.waitFor('[data-testid="cit-settings-form"]', 15000);
    await options.evaluate(async () => {
      const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
      await (api.storage.local as unknown as { set(v: Record<string, unknown>): Promise<void> }).set({
        devPauseAfterTrigger: true,
      });
    });
    const page = await browser.open(`${fake.url}/jobs?repo=autoland`);
    const before = fake.state().hookTriggers.length;
    void sendFromContentScript(page, 'trigger', {
      intent: { kind: 'retrigger', push: job.push, labels: [job.label], times: 6 },
      confirmed: false,
    }).catch(() => undefined);
    const deadline = Date.now() + 15000;
    while (fake.state().hookTriggers.length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await options.evaluate(async () => {
      const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
      await (api.storage.local as unknown as { set(v: Record<string, unknown>): Promise<void> }).set({
        devPauseAfterTrigger: false,
      });
    });
    await options.close();
    await browser.restartBackground();

    const popup = await browser.openExtensionPage('popup/popup.html');
    await popup.waitFor('[data-testid="cit-export-log"]', 20000);
    const entry = await waitForValue(
      popup,
      async () => {
        const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
        const reply = (await api.runtime.sendMessage({ cit: 1, type: 'listTriggerLog', data: { limit: 10 } })) as {
          ok: boolean;
          result: LogEntry[];
        };
        const mine = reply.ok ? reply.result.find((e) => e.input?.requests?.[0]?.times === 6) : undefined;
        return mine && mine.state !== 'pending' ? mine : null;
      },
      20000,
    );
    expect(entry).toMatchObject({ state: 'triggered', reconciliation: 'found the action task after a restart' });
    expect(fake.state().hookTriggers.length).toBe(before + 1);
    await popup.close();
    await page.close();
  });
});
