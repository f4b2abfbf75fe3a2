import { expect, it } from 'vitest';
import { describeInBothBrowsers } from './harness/session';
import type { E2ePage } from './harness/types';
import { someTestJob } from './fake-data';
import { sendFromContentScript, waitForValue } from './helpers';
import { pasteClient } from './extension-pages';

/** The bits of the extension API the tests call inside extension pages (chrome.* or browser.*). */
interface ExtApi {
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(values: Record<string, unknown>): Promise<void> };
  };
  runtime: { reload(): void; sendMessage(message: unknown): Promise<unknown> };
}

/** Reads extension storage from an extension page (chrome.* in Chromium, browser.* in Firefox). */
function readStorage(page: E2ePage, key: string): Promise<unknown> {
  return page.evaluate(async (k) => {
    const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
    return (await api.storage.local.get(k))[k];
  }, key);
}

describeInBothBrowsers('trigger and track', { scenario: { scenario: 'default', timeScale: 0 } }, (e2e) => {
  it('names missing scopes and expired credentials in plain sentences', async () => {
    const { browser, fake } = e2e;
    const page = await e2e.openJobsPage();
    await page.waitFor('[data-testid="cit-status"][data-state="connected"]', 20000);
    const noScopes = fake.createClient([]);
    expect(await pasteClient(browser, noScopes)).toMatch(
      /lacks scopes? needed to trigger on this repository: hooks:trigger-hook:project-gecko\/in-tree-action-3-/,
    );
    const expired = fake.createClient(['hooks:trigger-hook:*'], { expires: new Date(Date.now() - 3_600_000) });
    expect(await pasteClient(browser, expired)).toMatch(/Taskcluster did not accept this client: .*expired/i);
    await page.close();
  });

  it('signs in by pasting a client, retriggers ×3 through a signed hook call, and tracks the tasks to completion', async () => {
    const { browser, fake } = e2e;
    expect(await pasteClient(browser, fake.credentials)).toBe(`Saved client ${fake.credentials.clientId}.`);
    const job = await someTestJob(fake);
    const page = await e2e.openJobsPage();
    const before = fake.state().hookTriggers.length;
    const reply = await sendFromContentScript(page, 'trigger', {
      intent: { kind: 'retrigger', push: job.push, labels: [job.label], times: 3 },
      confirmed: false,
    });
    expect(reply).toMatchObject({ ok: true, result: { status: 'triggered' } });

    const calls = fake.state().hookTriggers.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      hawkOk: true,
      statusCode: 200,
      clientId: fake.credentials.clientId,
      hookGroupId: 'project-gecko',
    });
    expect(calls[0]!.payload).toMatchObject({
      user: { input: { requests: [{ tasks: [job.label], times: 3 }] }, taskId: null },
    });

    const popup = await browser.openExtensionPage('popup/popup.html');
    await popup.waitFor('[data-testid="cit-tracked-group"]', 15000);
    // Move simulated time until the action task and the three retriggers have finished.
    for (let i = 0; i < 12; i++) fake.advance(10 * 60_000);
    await waitForValue(
      popup,
      () => {
        const tasks = Array.from(document.querySelectorAll('[data-testid="cit-tracked-task"]'));
        return (
          (tasks.length === 3 &&
            tasks.every((t) => ['completed', 'failed', 'exception'].includes(t.getAttribute('data-state') ?? ''))) ||
          null
        );
      },
      30000,
    );
    await popup.screenshot(e2e.screenshotPath('popup-tracked'));
    const shown = (await readStorage(popup, 'recentNotifications')) as { message: string }[] | undefined;
    expect(shown?.some((n) => /passed, \d+ failed\.$/.test(n.message))).toBe(true);
    expect(popup.consoleErrors).toEqual([]);
    await popup.click('[data-testid="cit-export-log"]');
    await popup.waitFor('[data-testid="cit-export-result"]');
    expect(
      await popup.evaluate(() => document.querySelector('[data-testid="cit-export-result"]')?.textContent ?? ''),
    ).toMatch(/Exported [1-9]\d* entr(y|ies)\./);
    await popup.close();
    await page.close();
  });

  it('a background stopped between the before and after records loses nothing and triggers nothing twice', async () => {
    const { browser, fake } = e2e;
    const job = await someTestJob(fake);
    const options = await browser.openExtensionPage('options/options.html');
    await options.waitFor('[data-testid="cit-settings-form"]', 15000);
    await options.evaluate(async () => {
      const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
      await api.storage.local.set({ devPauseAfterTrigger: true });
    });
    const page = await e2e.openJobsPage();
    const before = fake.state().hookTriggers.length;
    // The trigger reaches Taskcluster, then the background is held before its "after" record…
    void sendFromContentScript(page, 'trigger', {
      intent: { kind: 'retrigger', push: job.push, labels: [job.label], times: 2 },
      confirmed: false,
    }).catch(() => undefined);
    const deadline = Date.now() + 15000;
    while (fake.state().hookTriggers.length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(fake.state().hookTriggers.length).toBe(before + 1);
    await options.evaluate(async () => {
      const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
      await api.storage.local.set({ devPauseAfterTrigger: false });
    });
    await options.close();
    // …and stopped. Storage and the IndexedDB log survive; the next start reconciles.
    await browser.restartBackground();

    const popup = await browser.openExtensionPage('popup/popup.html');
    await popup.waitFor('[data-testid="cit-export-log"]', 20000);
    const entries = await waitForValue(
      popup,
      async () => {
        const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
        const reply = (await api.runtime.sendMessage({ cit: 1, type: 'listTriggerLog', data: { limit: 10 } })) as {
          ok: boolean;
          result: { state: string; input: { requests: { times: number }[] } | null; reconciliation?: string }[];
        };
        const mine = reply.ok ? reply.result.find((e) => e.input?.requests?.[0]?.times === 2) : undefined;
        return mine && mine.state !== 'pending' ? mine : null;
      },
      20000,
    );
    expect(entries).toMatchObject({ state: 'triggered', reconciliation: 'found the action task after a restart' });
    expect(fake.state().hookTriggers.length).toBe(before + 1);
    await popup.close();
  });
});

describeInBothBrowsers(
  'sign-in with the Treeherder login',
  { scenario: { scenario: 'default', timeScale: 0 } },
  (e2e) => {
    async function useTreeherderLogin(expires: string): Promise<string> {
      const { browser, fake } = e2e;
      const page = await e2e.openJobsPage();
      await page.waitFor('[data-testid="cit-status"][data-state="connected"]', 20000);
      // What Treeherder itself stores after its Taskcluster login (treeherder.md §8).
      await page.evaluate(
        ({ root, creds, expires }) =>
          localStorage.setItem('userCredentials', JSON.stringify({ [root]: { expires, credentials: creds } })),
        { root: fake.url, creds: fake.credentials, expires },
      );
      const options = await browser.openExtensionPage('options/options.html');
      await options.waitFor('[data-testid="cit-use-treeherder-login"]', 15000);
      await options.click('[data-testid="cit-use-treeherder-login"]');
      await options.waitFor('[data-testid="cit-signin-result"]', 15000);
      const text = await options.evaluate(
        () => document.querySelector('[data-testid="cit-signin-result"]')?.textContent ?? '',
      );
      await options.close();
      await page.close();
      return text;
    }

    it('imports the stored login after consent, and says when it has expired', async () => {
      const { fake } = e2e;
      const expires = new Date(Date.now() + 86_400_000).toISOString();
      expect(await useTreeherderLogin(expires)).toMatch(
        new RegExp(`^Signed in as ${fake.credentials.clientId.replace(/[|]/g, '\\|')}, until `),
      );
      expect(await useTreeherderLogin('2020-01-01T00:00:00.000Z')).toMatch(
        /Your Treeherder login expired on .*\. Sign in to Treeherder again/,
      );
    });
  },
);
