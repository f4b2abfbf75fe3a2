import { beforeAll, expect, it } from 'vitest';
import { describeInBothBrowsers } from './harness/session';
import type { E2ePage } from './harness/types';
import { jobsOfPush, someTestJob } from './fake-data';
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
    expect(shown?.some((n) => /: (\d+ failed, )?\d+ (passed|failed)\.$/.test(n.message))).toBe(true);
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

/** Issue 14: tracking on current Firefox CI semantics (the fake's actions behave like gecko's). */
describeInBothBrowsers('tracking every created task', { scenario: { scenario: 'default', timeScale: 0 } }, (e2e) => {
  beforeAll(async () => {
    // The background learns the fake's services from a Treeherder page it runs on.
    const page = await e2e.openJobsPage();
    await page.waitFor('[data-testid="cit-status"][data-state="connected"]', 20000);
    expect(await e2e.signIn()).toBe(`Saved client ${e2e.fake.credentials.clientId}.`);
    await page.close();
  });

  /** The popup card of the tracked trigger whose summary starts with `summary`, as the test needs it. */
  const cardState = (summary: string) => {
    const card = Array.from(document.querySelectorAll('[data-testid="cit-tracked-group"]')).find((c) =>
      c.querySelector('strong')?.textContent?.startsWith(summary),
    );
    if (!card) return null;
    return {
      finished: card.getAttribute('data-finished') === 'true',
      status: card.querySelector('[data-testid="cit-tracked-status"]')?.textContent ?? '',
      tasks: Array.from(card.querySelectorAll('[data-testid="cit-tracked-task"]')).map((t) => ({
        label: t.querySelector('a')?.textContent ?? t.textContent ?? '',
        state: t.getAttribute('data-state') ?? '',
      })),
      firstFailing: card.querySelector('[data-testid="cit-backfill-first-failing"]')?.getAttribute('data-revision'),
      lastPassing: card.querySelector('[data-testid="cit-backfill-last-passing"]')?.getAttribute('data-revision'),
    };
  };
  type Card = NonNullable<ReturnType<typeof cardState>>;

  /** Lets simulated CI time pass while the popup polls, until the card is finished. */
  async function followToEnd(popup: E2ePage, summary: string): Promise<Card> {
    for (let step = 0; step < 40; step++) {
      const card = await popup.evaluate(cardState, summary);
      if (card?.finished) return card;
      e2e.fake.advance(5 * 60_000);
      await waitForValue(popup, () => true, 10);
      await new Promise((r) => setTimeout(r, 1500)); // the popup polls every 5 s; pollTrackedNow on each refresh
    }
    throw new Error(`"${summary}" did not finish: ${JSON.stringify(await popup.evaluate(cardState, summary))}`);
  }

  it('retrigger ×3 of two labels: the popup follows three tasks per label to completion', async () => {
    const job = await someTestJob(e2e.fake);
    const other = (await jobsOfPush(e2e.fake, job.push.repo, job.push.pushId)).find(
      (j) => j.label.startsWith('test-') && j.taskId && j.label !== job.label,
    )!;
    const page = await e2e.openJobsPage();
    const reply = await sendFromContentScript(page, 'trigger', {
      intent: { kind: 'retrigger', push: job.push, labels: [job.label, other.label], times: 3 },
      confirmed: true,
    });
    expect(reply).toMatchObject({ ok: true, result: { status: 'triggered' } });
    const popup = await e2e.browser.openExtensionPage('popup/popup.html');
    await popup.waitFor('[data-testid="cit-tracked-group"]', 15000);
    const card = await followToEnd(popup, 'Retrigger 2 jobs ×3');
    const perLabel = (label: string) => card.tasks.filter((t) => t.label === label);
    expect(perLabel(job.label)).toHaveLength(3);
    expect(perLabel(other.label)).toHaveLength(3);
    for (const t of card.tasks) expect(['completed', 'failed', 'exception']).toContain(t.state);
    expect(card.status).toMatch(/^done: (\d+ failed, )?\d+ passed|^done: 6 failed/);
    await popup.close();
    await page.close();
  });

  it('backfill of depth 7: the popup follows the 7 backfilled tasks and ends with the first failing push', async () => {
    const regression = e2e.fake.truth.regressions.find((r) => r.kind === 'permanent')!;
    const failing = (await jobsOfPush(e2e.fake, 'autoland', regression.firstFailurePushId)).find(
      (j) => j.label === regression.label,
    )!;
    const page = await e2e.openJobsPage();
    const reply = await sendFromContentScript(page, 'trigger', {
      intent: {
        kind: 'backfill',
        push: failing.push,
        job: {
          jobId: failing.jobId,
          taskId: failing.taskId,
          label: failing.label,
          symbol: failing.symbol,
          groupSymbol: failing.groupSymbol,
        },
        depth: 7,
      },
      confirmed: true,
    });
    expect(reply).toMatchObject({ ok: true, result: { status: 'triggered' } });
    const popup = await e2e.browser.openExtensionPage('popup/popup.html');
    await popup.waitFor('[data-testid="cit-tracked-group"]', 15000);
    const card = await followToEnd(popup, `Backfill ${failing.label}`);
    expect(card.tasks.filter((t) => t.label === failing.label)).toHaveLength(7);
    const culprit = e2e.fake.truth.pushes.find((p) => p.position === regression.culpritPosition)!;
    const lastGood = e2e.fake.truth.pushes.find((p) => p.position === regression.culpritPosition - 1)!;
    expect(card.firstFailing).toBe(culprit.revision);
    expect(card.lastPassing).toBe(lastGood.revision);
    const shown = (await readStorage(popup, 'recentNotifications')) as { message: string }[] | undefined;
    expect(shown?.some((n) => n.message.includes(`first fails on push ${culprit.revision.slice(0, 12)}`))).toBe(true);
    await popup.screenshot(e2e.screenshotPath('popup-backfill-outcome'));
    expect(popup.consoleErrors).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('backfill is refused on try, with the reason, before and when triggering', async () => {
    const job = await someTestJob(e2e.fake, 'try');
    const page = await e2e.browser.open(`${e2e.fake.url}/jobs?repo=try`);
    const intent = {
      kind: 'backfill',
      push: job.push,
      job: { jobId: job.jobId, taskId: job.taskId, label: job.label, symbol: job.symbol, groupSymbol: job.groupSymbol },
      depth: 3,
    };
    const preview = await sendFromContentScript(page, 'previewTrigger', { intent });
    expect(preview).toMatchObject({
      ok: true,
      result: { decision: 'refuse', reason: expect.stringMatching(/^Backfill is not available on try: /) },
    });
    const before = e2e.fake.state().hookTriggers.length;
    const reply = await sendFromContentScript(page, 'trigger', { intent, confirmed: true });
    expect(reply).toMatchObject({ ok: true, result: { status: 'refused' } });
    expect(e2e.fake.state().hookTriggers.length).toBe(before);
    await page.close();
  });
});
