import { selectors } from '../../content/selectors';
import type { FakeCi, FakeState } from '../fake-ci/server';
import type { E2ePage } from './harness/types';
import { waitForValue } from './helpers';

/** Counts widgets per failing job; every failing job must have exactly one and nothing else may. */
export function widgetCensus(page: E2ePage) {
  return page.evaluate((failingSelector) => {
    const failing = Array.from(document.querySelectorAll(failingSelector)).map((b) => b.getAttribute('data-job-id'));
    const widgets = Array.from(
      document.querySelectorAll('[data-testid="cit-job-widget"][data-cit-placement="job"]'),
    ).map((w) => w.getAttribute('data-cit-job-id'));
    const controls = ['cit-backfill', 'cit-retrigger', 'cit-bisect'].map(
      (id) => document.querySelectorAll(`[data-cit-placement="job"] [data-testid="${id}"]`).length,
    );
    return { failing: failing.sort(), widgets: widgets.sort(), controls };
  }, selectors.failingJobButton);
}

/** The text of a job's gap badge once it shows a count (`↶7`). */
export function gapBadgeText(page: E2ePage, jobId: number): Promise<string> {
  return waitForValue(
    page,
    (id) => {
      const selector = `[data-testid="cit-job-widget"][data-cit-job-id="${id}"] [data-testid="cit-gap-badge"]`;
      const text = document.querySelector(selector)?.textContent ?? '';
      return /↶\d/.test(text) ? text : null;
    },
    20000,
    jobId,
  );
}

/** Scrolls a job button to the middle of its list and lets the overlay follow (one frame). */
export async function scrollToJob(page: E2ePage, jobId: number): Promise<void> {
  await page.evaluate(
    (id) => document.querySelector(`#push-list button[data-job-id="${id}"]`)?.scrollIntoView({ block: 'center' }),
    jobId,
  );
  await new Promise((r) => setTimeout(r, 300));
}

/** Selects a job the way Treeherder's own handler sees a left click (mousedown on the job button). */
export async function selectJob(page: E2ePage, jobId: number): Promise<void> {
  await page.evaluate((id) => {
    const job = document.querySelector(`#push-list button.job-btn[data-job-id="${id}"]`)!;
    job.scrollIntoView({ block: 'center' });
    job.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    job.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
  }, jobId);
  await page.waitFor(`${selectors.selectedJob}[data-job-id="${jobId}"]`, 15000);
}

/** The completeness badges once at least `atLeast` of them know their counts. */
export function completenessBadges(page: E2ePage, atLeast: number) {
  return waitForValue(
    page,
    (min) => {
      const list = Array.from(document.querySelectorAll('[data-testid="cit-completeness"][data-cit-runnable]'));
      return list.length >= min
        ? list.map((b) => ({
            pushId: b.closest('[data-cit-push-id]')?.getAttribute('data-cit-push-id'),
            scheduled: Number(b.getAttribute('data-cit-scheduled')),
            runnable: Number(b.getAttribute('data-cit-runnable')),
          }))
        : null;
    },
    30000,
    atLeast,
  );
}

/**
 * In an open intent popover (`cit-backfill-popover`, `cit-retrigger-popover`): waits until its cost is
 * known, presses its Go button and returns the field's value and the hook calls the fake CI saw meanwhile.
 */
export async function sendFromIntentPopover(
  page: E2ePage,
  fake: FakeCi,
  popover: string,
): Promise<{ field: string; calls: FakeState['hookTriggers']; toast: string }> {
  await page.waitFor(`[data-testid="${popover}-field"]`);
  await waitForValue(
    page,
    (testid) => !(document.querySelector(`[data-testid="${testid}-go"]`) as HTMLButtonElement).disabled || null,
    15000,
    popover,
  );
  // Read once the cost is known: the popover fills the field in when the job's details have loaded.
  const field = await page.evaluate(
    (testid) => (document.querySelector(`[data-testid="${testid}-field"]`) as HTMLInputElement).value,
    popover,
  );
  const before = fake.state().hookTriggers.length;
  await page.click(`[data-testid="${popover}-go"]`);
  await page.waitFor('[data-testid="cit-toast"]', 15000);
  const toast = await page.evaluate(() => document.querySelector('[data-testid="cit-toast"]')?.textContent ?? '');
  return { field, calls: fake.state().hookTriggers.slice(before), toast };
}
