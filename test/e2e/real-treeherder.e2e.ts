/**
 * Issue 13's stories on Treeherder's real production build (../shared/treeherder-ui/build), served by the
 * fake CI on its own origin, in Chromium and Firefox: controls beside every failing job and only those
 * (collapsed and expanded), a backfill from the page, a retrigger and the artifacts from the details
 * panel, a re-render through Treeherder's own poll, and completeness badges. Skipped, with the reason,
 * where ../shared is absent.
 */
import { expect, it } from 'vitest';
import { selectors } from '../../content/selectors';
import type { FakeCi } from '../fake-ci/server';
import { describeInBothBrowsers } from './harness/session';
import { runTreeherderPoll } from './harness/treeherder-ui';
import type { E2ePage } from './harness/types';
import { type FakeJob, jobsOfPush } from './fake-data';
import { raiseDailyCap } from './extension-pages';
import { waitForValue } from './helpers';
import {
  completenessBadges,
  gapBadgeText,
  scrollToJob,
  selectJob,
  sendFromIntentPopover,
  widgetCensus,
} from './job-widgets';

/**
 * Console errors the real build logs against any server, which are not ours: Lando's tree status is a 404
 * (tolerated), and Perfherder answers 400 "No data found for job_id" for every job that reported no
 * performance data (mozilla/treeherder treeherder/webapp/api/performance_data.py, PerformanceJobViewSet).
 */
const EXPECTED_ERRORS = [
  /^Failed to load resource: .*404.*\(https:\/\/lando\.moz\.tools\/api\/treestatus\//,
  /^Failed to load resource: .*400.*\/api\/project\/[\w-]+\/performance\/job-data\/\?job_id=\d+\)$/,
];
const unexpectedErrors = (page: E2ePage) =>
  page.consoleErrors.filter((line) => !EXPECTED_ERRORS.some((known) => known.test(line)));

/** The scenario's first regression: its first failing job, on the page, with a gap of 7 earlier pushes. */
async function regressionJob(fake: FakeCi): Promise<FakeJob> {
  const regression = fake.truth.regressions[0]!;
  expect(regression.gap).toBe(7);
  return (await jobsOfPush(fake, fake.truth.repo, regression.firstFailurePushId)).find(
    (j) => j.label === regression.label && j.result === 'testfailed',
  )!;
}

async function openReady(page: Promise<E2ePage>): Promise<E2ePage> {
  const opened = await page;
  await opened.waitFor(selectors.pushListReady, 30000);
  return opened;
}

/** Waits until every failing job has its widget (new failures after a poll get theirs a moment later). */
async function settledCensus(page: E2ePage) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const census = await widgetCensus(page);
    const settled = census.failing.length > 0 && census.widgets.join() === census.failing.join();
    if (settled || Date.now() > deadline) return census;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeInBothBrowsers('stories on the real Treeherder UI', { ui: 'treeherder' }, (e2e) => {
  // First: the background caches push data by repository and push id, and the poll story below lands a
  // push whose id another scenario's fake CI also uses.
  it('completeness badges show each push as the scenario planted it', async () => {
    const fake = await e2e.useFake({ scenario: 'missing-jobs', timeScale: 0 });
    const page = await openReady(e2e.openJobsPage());
    expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
    const badges = await completenessBadges(page, 10);
    const shown = badges.map((b) => ({ pushId: b.pushId, scheduled: b.scheduled, runnable: b.runnable }));
    const planted = badges.map((b) => ({
      pushId: b.pushId,
      scheduled: fake.truth.completeness[String(b.pushId)]?.scheduled,
      runnable: fake.truth.completeness[String(b.pushId)]?.runnable,
    }));
    expect(shown).toEqual(planted);
    expect(new Set(shown.map((b) => b.pushId)).size).toBe(10);
    expect(unexpectedErrors(page), page.consoleErrors.join('\n')).toEqual([]);
    await page.close();
  });

  it('every selector of content/selectors.ts matches the real markup', async () => {
    const fake = await e2e.useFake({ scenario: 'permanent', timeScale: 0 });
    const page = await openReady(e2e.openJobsPage());
    expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
    await raiseDailyCap(e2e.browser, 1000);
    await selectJob(page, (await regressionJob(fake)).jobId);
    await page.waitFor(selectors.retriggerButton, 15000);
    const counts = await page.evaluate(
      (all) =>
        Object.fromEntries(Object.entries(all).map(([name, sel]) => [name, document.querySelectorAll(sel).length])),
      selectors as Record<string, string>,
    );
    const unmatched = Object.entries(counts)
      .filter(([, count]) => count === 0)
      .map(([name]) => name);
    expect(unmatched, 'selectors matching nothing on the real page').toEqual([]);
    expect(counts.selectedJob).toBe(1);
    expect(counts.actionBar).toBe(1);
    expect(unexpectedErrors(page), page.consoleErrors.join('\n')).toEqual([]);
    await page.close();
  });

  it('controls sit beside every failing job and only those, collapsed and with group_state=expanded', async () => {
    for (const query of ['', '&group_state=expanded']) {
      const page = await openReady(e2e.openJobsPage(query));
      const census = await settledCensus(page);
      expect(census.failing.length, query).toBeGreaterThan(0);
      expect(census.widgets, query).toEqual(census.failing);
      expect(census.controls, query).toEqual([census.failing.length, census.failing.length, census.failing.length]);
      const jobs = await page.evaluate((sel) => document.querySelectorAll(sel).length, selectors.jobButton);
      expect(jobs, `${query}: far more jobs than failing ones are on the page`).toBeGreaterThan(census.failing.length);
      if (query) await page.screenshot(e2e.screenshotPath('real-treeherder-expanded'));
      expect(unexpectedErrors(page), page.consoleErrors.join('\n')).toEqual([]);
      await page.close();
    }
  });

  it('backfill from the page: the gap badge says ↶7 and Backfill sends a backfill action with depth 7', async () => {
    const { fake } = e2e;
    const job = await regressionJob(fake);
    const page = await openReady(e2e.openJobsPage());
    const widget = `[data-testid="cit-job-widget"][data-cit-job-id="${job.jobId}"]`;
    expect(await gapBadgeText(page, job.jobId)).toBe('↶7');
    await scrollToJob(page, job.jobId);
    await page.hover(`#push-list button[data-job-id="${job.jobId}"]`);
    await page.waitFor(`${widget}[data-cit-hover] [data-testid="cit-backfill"]`);
    await page.screenshot(e2e.screenshotPath('real-treeherder-page'));
    await page.click(`${widget} [data-testid="cit-backfill"]`);
    await page.waitFor('[data-testid="cit-backfill-popover-field"]');
    await page.screenshot(e2e.screenshotPath('real-treeherder-popover'));
    const { field, calls, toast } = await sendFromIntentPopover(page, fake, 'cit-backfill-popover');
    expect(field).toBe('7');
    expect(calls, toast).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      hawkOk: true,
      actionName: 'backfill',
      payload: { user: { taskId: job.taskId, input: { depth: 7 } } },
    });
    expect(unexpectedErrors(page), page.consoleErrors.join('\n')).toEqual([]);
    await page.close();
  });

  it("retrigger from the details panel: the selected job's Retrigger ×N sends retrigger-multiple ×5 of its label", async () => {
    const { fake } = e2e;
    const job = await regressionJob(fake);
    const page = await openReady(e2e.openJobsPage());
    await selectJob(page, job.jobId);
    const control = `[data-testid="cit-actionbar-widget"][data-cit-job-id="${job.jobId}"] [data-testid="cit-retrigger"]`;
    await page.waitFor(control, 15000);
    await page.screenshot(e2e.screenshotPath('real-treeherder-details'));
    await page.click(control);
    const { field, calls, toast } = await sendFromIntentPopover(page, fake, 'cit-retrigger-popover');
    expect(field).toBe('5');
    expect(calls, toast).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      hawkOk: true,
      actionName: 'retrigger-multiple',
      payload: { user: { taskId: null, input: { requests: [{ tasks: [job.label], times: 5 }] } } },
    });
    expect(unexpectedErrors(page), page.consoleErrors.join('\n')).toEqual([]);
    await page.close();
  });

  it("the artifacts control lists the selected run's artifacts as the queue has them", async () => {
    const { fake } = e2e;
    const job = await regressionJob(fake);
    const page = await openReady(e2e.openJobsPage());
    await selectJob(page, job.jobId);
    await page.waitFor('[data-testid="cit-artifacts-control"]', 15000);
    await page.click('[data-testid="cit-artifacts-control"]');
    await page.waitFor('[data-testid="cit-artifacts-popover"] [data-testid="cit-artifact"]', 15000);
    const listed = await page.evaluate(() =>
      Array.from(
        document.querySelectorAll(
          '[data-testid="cit-artifacts-popover"] [data-testid="cit-artifacts-run"][data-run-id="0"] [data-testid="cit-artifact"]',
        ),
      ).map((a) => a.getAttribute('data-name')),
    );
    const queue = (await (await fetch(`${fake.url}/api/queue/v1/task/${job.taskId}/runs/0/artifacts`)).json()) as {
      artifacts: { name: string }[];
    };
    expect([...listed].sort()).toEqual(queue.artifacts.map((a) => a.name).sort());
    await page.press('Escape');
    expect(await page.evaluate(() => document.querySelector('[data-testid="cit-artifacts-popover"]') === null)).toBe(
      true,
    );
    expect(unexpectedErrors(page), page.consoleErrors.join('\n')).toEqual([]);
    await page.close();
  });

  it("Treeherder's own poll brings a new push and new results; every failing job keeps exactly one widget", async () => {
    const { fake } = e2e;
    const page = await openReady(e2e.openJobsPage());
    const first = await settledCensus(page);
    expect(first.widgets).toEqual(first.failing);
    const requestsBefore = fake.state().apiRequests.length;
    const landed = fake.landPush();
    fake.advance(3 * 60 * 60_000); // the new push's jobs run and finish; some fail
    await runTreeherderPoll(page);
    await page.waitFor(`#push-list div.push[data-testid="push-${landed.id}"]`, 15000);
    const polled = fake.state().apiRequests.slice(requestsBefore);
    expect(polled.some((r) => /\/push\/$/.test(r.path) && /(^|&)fromchange=/.test(r.query))).toBe(true);
    expect(
      polled.some((r) => r.path === '/api/jobs/' && /push_id__in=/.test(r.query) && /last_modified__gt=/.test(r.query)),
    ).toBe(true);
    await waitForValue(page, ({ sel, before }) => document.querySelectorAll(sel).length > before || null, 15000, {
      sel: selectors.failingJobButton,
      before: first.failing.length,
    });
    const after = await settledCensus(page);
    expect(after.widgets).toEqual(after.failing);
    expect(new Set(after.widgets).size).toBe(after.widgets.length);
    expect(after.failing.length).toBeGreaterThan(first.failing.length);
    expect(unexpectedErrors(page), page.consoleErrors.join('\n')).toEqual([]);
    await page.close();
  });

  it('popovers and the completeness panel stay inside the window as they grow and the page scrolls, and give focus back to their opener', async () => {
    const fake = await e2e.useFake({ scenario: 'missing-jobs', timeScale: 0 });
    const page = await openReady(e2e.openJobsPage());
    expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
    await raiseDailyCap(e2e.browser, 1000);
    /** The element's box, and whether it lies inside the window with 8 px to spare on all four sides. */
    const boxOf = (selector: string) =>
      page.evaluate((sel) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        const inside = r.left >= 8 && r.top >= 8 && r.right <= innerWidth - 8 && r.bottom <= innerHeight - 8;
        return {
          left: Math.round(r.left),
          top: Math.round(r.top),
          right: Math.round(r.right),
          bottom: Math.round(r.bottom),
          inside,
        };
      }, selector);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

    // The completeness panel of the lowest push header in view, every platform opened (it grows).
    const badges = await completenessBadges(page, 3);
    const pushId = badges.find((b) => b.runnable > b.scheduled)!.pushId!;
    const badge = `[data-cit-push-id="${pushId}"] [data-testid="cit-completeness"]`;
    await page.evaluate(
      (id) => document.querySelector(`#push-list div.push[data-testid="push-${id}"]`)?.scrollIntoView({ block: 'end' }),
      pushId,
    );
    await new Promise((r) => setTimeout(r, 300));
    await page.click(badge);
    await page.waitFor('[data-testid="cit-completeness-panel"]', 15000);
    await page.evaluate(() => {
      for (const details of Array.from(document.querySelectorAll('[data-testid="cit-completeness-panel"] details')))
        (details as HTMLDetailsElement).open = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await boxOf('[data-testid="cit-completeness-panel"]')).toMatchObject({ inside: true });
    const addSelected = await boxOf('[data-testid="cit-add-selected"]');
    expect(addSelected, 'the panel grew: "Add selected" still in the window').toMatchObject({ inside: true });
    // The page scrolls under it: still inside.
    await page.evaluate(() => document.querySelector('#th-global-content')?.scrollBy(0, -250));
    await new Promise((r) => setTimeout(r, 300));
    expect(await boxOf('[data-testid="cit-completeness-panel"]')).toMatchObject({ inside: true });
    await page.press('Escape');
    expect(await focused()).toBe('cit-completeness');

    // The selected job's Artifacts and Retrigger ×N popovers, in the details panel at the bottom of the window.
    const jobId = await page.evaluate(
      (sel) =>
        Number(
          Array.from(document.querySelectorAll(sel))
            .find((b) => (b.getAttribute('title') ?? '').startsWith('test-'))
            ?.getAttribute('data-job-id'),
        ),
      selectors.jobButton,
    );
    await selectJob(page, jobId);
    const row = `[data-testid="cit-actionbar-widget"][data-cit-job-id="${jobId}"]`;
    await page.waitFor(`${row} [data-testid="cit-artifacts-control"]`, 15000);
    await page.click(`${row} [data-testid="cit-artifacts-control"]`);
    await page.waitFor('[data-testid="cit-artifacts-popover"] [data-testid="cit-artifact"]', 15000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await boxOf('[data-testid="cit-artifacts-popover"]')).toMatchObject({ inside: true });
    await page.press('Escape');
    expect(await focused()).toBe('cit-artifacts-control');
    await page.click(`${row} [data-testid="cit-retrigger"]`);
    await page.waitFor('[data-testid="cit-retrigger-popover-field"]:not([disabled])', 15000);
    expect(await boxOf('[data-testid="cit-retrigger-popover"]')).toMatchObject({ inside: true });
    await page.screenshot(e2e.screenshotPath('real-treeherder-details-popover'));
    const { calls, toast } = await sendFromIntentPopover(page, fake, 'cit-retrigger-popover');
    expect(calls, toast).toHaveLength(1);
    // Sent: the popover closed and focus is back on its opener, not on <body> (where `j` is Treeherder's).
    expect(await focused()).toBe('cit-retrigger');
    expect(unexpectedErrors(page), page.consoleErrors.join('\n')).toEqual([]);
    await page.close();
  });
});
