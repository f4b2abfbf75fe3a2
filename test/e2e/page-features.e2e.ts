import { expect, it } from 'vitest';
import { selectors } from '../../content/selectors';
import type { FakeCi } from '../fake-ci/server';
import { describeInBothBrowsers } from './harness/session';
import type { E2ePage } from './harness/types';
import { jobsOfPush } from './fake-data';
import { completenessBadges, gapBadgeText, scrollToJob, sendFromIntentPopover, widgetCensus } from './job-widgets';
import { raiseDailyCap, sendFromExtensionPage } from './extension-pages';
import { sendFromContentScript, waitForValue } from './helpers';

/** Activates a control from the keyboard: focus, then Enter. */
async function pressOn(page: E2ePage, selector: string): Promise<void> {
  await page.evaluate((sel) => (document.querySelector(sel) as HTMLElement).focus(), selector);
  await page.press('Enter');
}

async function waitForPollRender(page: E2ePage, fake: FakeCi): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { citRenders?: number }).citRenders ??= 0;
    window.addEventListener('apply-new-jobs-EVT', () => {
      (window as unknown as { citRenders: number }).citRenders++;
    });
  });
  for (let i = 0; i < 5; i++) {
    const seen = await page.evaluate(() => (window as unknown as { citRenders: number }).citRenders);
    fake.advance(7 * 60_000);
    await waitForValue(page, () => (window as unknown as { citRenders: number }).citRenders, 15000);
    await waitForValue(
      page,
      (n) => (window as unknown as { citRenders: number }).citRenders > (n as number) || null,
      15000,
      seen,
    );
  }
}

describeInBothBrowsers('Treeherder page features', {}, (e2e) => {
  it('controls sit beside every failing job only, and survive 5 polling re-renders without duplicates', async () => {
    const fake = await e2e.useFake({ scenario: 'permanent', timeScale: 0, pollIntervalMs: 300 });
    const page = await e2e.openJobsPage();
    expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
    await page.waitFor(selectors.pushListReady, 20000);
    const first = await waitForValue(
      page,
      () => document.querySelectorAll('[data-testid="cit-job-widget"][data-cit-placement="job"]').length || null,
      20000,
    );
    expect(first).toBeGreaterThan(0);
    let census = await widgetCensus(page);
    expect(census.widgets).toEqual(census.failing);
    expect(census.controls).toEqual([census.failing.length, census.failing.length, census.failing.length]);

    await waitForPollRender(page, fake);
    census = await widgetCensus(page);
    expect(census.widgets).toEqual(census.failing);
    expect(new Set(census.widgets).size).toBe(census.widgets.length);
    expect(
      page.consoleErrors.filter((e) => !/favicon/.test(e)),
      page.consoleErrors.join('\n'),
    ).toEqual([]);
    await page.screenshot(e2e.screenshotPath('page-controls'));
    await page.close();
  });

  it('backfill on a job whose gap is 7 sends a backfill action with depth 7', async () => {
    const fake = e2e.fake;
    const regression = fake.truth.regressions[0]!;
    expect(regression.gap).toBe(7);
    const job = (await jobsOfPush(fake, 'autoland', regression.firstFailurePushId)).find(
      (j) => j.label === regression.label && j.result === 'testfailed',
    )!;
    const page = await e2e.openJobsPage();
    const widget = `[data-testid="cit-job-widget"][data-cit-job-id="${job.jobId}"]`;
    await page.waitFor(`${widget} [data-testid="cit-gap-badge"]`, 20000);
    const badge = await gapBadgeText(page, job.jobId);
    expect(badge).toBe('↶7');
    await scrollToJob(page, job.jobId);
    await page.click(`${widget} [data-testid="cit-gap-badge"]`);
    // Keys pressed on our controls never reach Treeherder's shortcuts (`r` retriggers the selected job).
    await page.evaluate(
      (id) =>
        document
          .querySelector(`#push-list button[data-job-id="${id}"]`)!
          .dispatchEvent(new MouseEvent('mousedown', { bubbles: true })),
      job.jobId,
    );
    await page.waitFor('#push-list button.job-btn.selected-job');
    await page.evaluate(
      (sel) => (document.querySelector(`${sel} [data-testid="cit-retrigger"]`) as HTMLElement).focus(),
      widget,
    );
    await page.press('r');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.state().shortcutRetriggers).toEqual([]);
    // The same key on the page's own button does reach the shortcut: the check above can fail.
    await page.evaluate(() =>
      (document.querySelector('#push-list button.job-btn.selected-job') as HTMLElement).focus(),
    );
    await page.press('r');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.state().shortcutRetriggers).toHaveLength(1);
    await page.click(`${widget} [data-testid="cit-backfill"]`);
    const { field, calls, toast } = await sendFromIntentPopover(page, fake, 'cit-backfill-popover');
    expect(field).toBe('7');
    expect(calls, toast).toHaveLength(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      hawkOk: true,
      actionName: 'backfill',
      payload: { user: { taskId: job.taskId, input: { depth: 7 } } },
    });
    await page.close();
  });

  it('completeness badges match the scenario, and "Fill in this push" adds exactly the missing labels after confirmation', async () => {
    const fake = await e2e.useFake({ scenario: 'missing-jobs', timeScale: 0 });
    const page = await e2e.openJobsPage();
    expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
    await raiseDailyCap(e2e.browser, 1000);
    await page.waitFor(selectors.pushListReady, 20000);
    const badges = await completenessBadges(page, 10);
    for (const badge of badges) {
      const truth = fake.truth.completeness[String(badge.pushId)];
      expect(truth, `push ${badge.pushId}`).toBeDefined();
      expect({ scheduled: badge.scheduled, runnable: badge.runnable }).toEqual({
        scheduled: truth!.scheduled,
        runnable: truth!.runnable,
      });
    }
    const target = badges.find((b) => (fake.truth.missingLabels[String(b.pushId)] ?? []).length > 10)!;
    await page.evaluate(
      (id) =>
        document.querySelector(`#push-list div.push[data-testid="push-${id}"]`)?.scrollIntoView({ block: 'start' }),
      target.pushId,
    );
    await new Promise((r) => setTimeout(r, 300));
    // Opened from the keyboard, as a keyboard user would (focus the badge, press Enter).
    await page.evaluate(
      (id) =>
        (document.querySelector(`[data-cit-push-id="${id}"] [data-testid="cit-completeness"]`) as HTMLElement).focus(),
      target.pushId,
    );
    await page.press('Enter');
    await page.waitFor('[data-testid="cit-completeness-panel"] [data-testid="cit-fill-in"]');
    const before = fake.state().hookTriggers.length;
    await pressOn(page, '[data-testid="cit-fill-in"]');
    await page.waitFor('[data-testid="cit-confirm"]', 15000);
    expect(fake.state().hookTriggers.length).toBe(before); // nothing before confirmation
    expect(fake.state().shortcutRetriggers ?? []).toEqual([]);
    await pressOn(page, '[data-testid="cit-confirm"]');
    await waitForValue(page, () => true, 10);
    const deadline = Date.now() + 15000;
    while (fake.state().hookTriggers.length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const calls = fake.state().hookTriggers.slice(before);
    expect(calls).toHaveLength(1);
    const input = (calls[0]!.payload as { user: { input: { tasks: string[] } } }).user.input;
    expect(calls[0]!.actionName).toBe('add-new-jobs');
    expect([...input.tasks].sort()).toEqual([...fake.truth.missingLabels[String(target.pushId)]!].sort());
    await page.screenshot(e2e.screenshotPath('page-completeness'));
    await page.close();
  });

  it('a page script cannot trigger: its clicks on Go, Confirm and Start do nothing, its confirmed trigger is asked again, and it cannot switch the extension off', async () => {
    const fake = await e2e.useFake({ scenario: 'permanent', timeScale: 0 });
    const regression = fake.truth.regressions[0]!;
    const job = (await jobsOfPush(fake, 'autoland', regression.firstFailurePushId)).find(
      (j) => j.label === regression.label && j.result === 'testfailed',
    )!;
    const page = await e2e.openJobsPage();
    await page.waitFor(selectors.pushListReady, 20000);
    expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
    await raiseDailyCap(e2e.browser, 1000);
    // The page writes the attribute that once stopped the content script; the extension stays on.
    await page.evaluate(() => document.documentElement.setAttribute('data-cit-content-instance', 'page'));
    await new Promise((r) => setTimeout(r, 2500));
    const widget = `[data-testid="cit-job-widget"][data-cit-job-id="${job.jobId}"]`;
    await page.waitFor(`${widget} [data-testid="cit-gap-badge"]`, 20000);
    const hooks = () => fake.state().hookTriggers.length;
    const before = hooks();
    /** What main-world JavaScript can do to our buttons: click() and dispatchEvent (both untrusted). */
    const scriptClicks = (selector: string) =>
      page.evaluate((sel) => {
        const target = document.querySelector(sel) as HTMLElement;
        target.click();
        target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        return true;
      }, selector);

    // Retrigger ×100: Go clicked by the page.
    await scrollToJob(page, job.jobId);
    await page.hover(`#push-list button[data-job-id="${job.jobId}"]`);
    await page.click(`${widget} [data-testid="cit-retrigger"]`);
    await page.waitFor('[data-testid="cit-retrigger-popover-field"]:not([disabled])', 15000);
    await page.evaluate(() => {
      const field = document.querySelector('[data-testid="cit-retrigger-popover-field"]') as HTMLInputElement;
      field.value = '100';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await waitForValue(
      page,
      () => {
        const cost = document.querySelector('[data-testid="cit-retrigger-popover-cost"]')?.textContent ?? '';
        const go = document.querySelector('[data-testid="cit-retrigger-popover-go"]') as HTMLButtonElement;
        return (!go.disabled && /100 tasks/.test(cost)) || null;
      },
      15000,
    );
    await scriptClicks('[data-testid="cit-retrigger-popover-go"]');
    await scriptClicks('[data-testid="cit-retrigger-popover-field"]');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.evaluate(() => document.querySelector('[data-testid="cit-confirm"]') === null)).toBe(true);
    expect(hooks()).toBe(before);

    // The user's own click asks for confirmation; the page clicking Confirm does nothing.
    await page.click('[data-testid="cit-retrigger-popover-go"]');
    await page.waitFor('[data-testid="cit-confirm"]', 15000);
    await scriptClicks('[data-testid="cit-confirm"]');
    await new Promise((r) => setTimeout(r, 1500));
    expect(hooks()).toBe(before);
    expect(await page.evaluate(() => document.querySelector('[data-testid="cit-confirm"]') !== null)).toBe(true);
    // The user's own click on Confirm sends it: the checks above could fail.
    await page.click('[data-testid="cit-confirm"]');
    await waitForValue(page, () => /Retrigger ×100 requested/.test(document.body.textContent ?? '') || null, 15000);
    expect(fake.state().hookTriggers.slice(before)).toMatchObject([
      { actionName: 'retrigger-multiple', payload: { user: { input: { requests: [{ times: 100 }] } } } },
    ]);

    // Bisect with a 500-job budget: Start clicked by the page.
    const popup = await e2e.browser.openExtensionPage('popup/popup.html');
    const sessions = () => sendFromExtensionPage<unknown[]>(popup, 'listBisections', {});
    const sessionsBefore = (await sessions()).length;
    await page.hover(`#push-list button[data-job-id="${job.jobId}"]`);
    await page.click(`${widget} [data-testid="cit-bisect"]`);
    await page.waitFor('[data-testid="cit-bisect-popover-budget"]', 15000);
    await page.evaluate(() => {
      const budget = document.querySelector('[data-testid="cit-bisect-popover-budget"]') as HTMLInputElement;
      budget.value = '500';
      budget.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitFor('[data-testid="cit-bisect-popover-go"]:not([disabled])', 15000);
    await scriptClicks('[data-testid="cit-bisect-popover-go"]');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await sessions()).length).toBe(sessionsBefore);
    expect(hooks()).toBe(before + 1);

    // The background asks again when a content script says "confirmed" without the token it issued.
    const big = { kind: 'retrigger', push: job.push, labels: [job.label], times: 50 };
    for (const confirmationToken of [undefined, 'made-up-by-the-page']) {
      const reply = await sendFromContentScript(page, 'trigger', { intent: big, confirmed: true, confirmationToken });
      expect(reply).toMatchObject({ ok: true, result: { status: 'needs-confirmation' } });
    }
    // A token counts once, and only for the intent it was issued for.
    const asked = (await sendFromContentScript(page, 'trigger', { intent: big, confirmed: false })) as {
      result: { confirmationToken: string };
    };
    const other = { ...big, times: 60 };
    const wrongIntent = await sendFromContentScript(page, 'trigger', {
      intent: other,
      confirmed: true,
      confirmationToken: asked.result.confirmationToken,
    });
    expect(wrongIntent).toMatchObject({ ok: true, result: { status: 'needs-confirmation' } });
    expect(hooks()).toBe(before + 1);
    await popup.close();
    await page.close();
  });
});
