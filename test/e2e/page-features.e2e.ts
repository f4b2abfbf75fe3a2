import { expect, it } from 'vitest';
import { selectors } from '../../content/selectors';
import type { FakeCi } from '../fake-ci/server';
import { describeInBothBrowsers } from './harness/session';
import type { E2ePage } from './harness/types';
import { jobsOfPush } from './fake-data';
import { completenessBadges, gapBadgeText, scrollToJob, sendFromIntentPopover, widgetCensus } from './job-widgets';
import { raiseDailyCap } from './extension-pages';
import { waitForValue } from './helpers';

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
});
