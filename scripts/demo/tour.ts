import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { selectors } from '../../content/selectors';
import type { FakeCi } from '../../test/fake-ci/server';
import { pasteClient } from '../../test/e2e/extension-pages';
import { jobsOfPush } from '../../test/e2e/fake-data';
import { launch } from '../../test/e2e/harness/browsers';
import { TREEHERDER_LAUNCH_OPTIONS } from '../../test/e2e/harness/treeherder-ui';
import type { E2eBrowser, E2ePage } from '../../test/e2e/harness/types';
import { waitForValue } from '../../test/e2e/helpers';
import type { DemoBrowser } from './options';

/** One PNG per step, in this order. */
export const TOUR_SCREENSHOTS = ['01-page.png', '02-selected.png', '03-backfill.png', '04-popup.png'] as const;

const GAP_BADGE = '[data-testid="cit-gap-badge"]';
const ACTIONBAR_BACKFILL = '[data-testid="cit-actionbar-widget"] [data-testid="cit-backfill"]';

/**
 * The scripted tour on the headless e2e harness: open the jobs page, sign in, select a failing job,
 * backfill it from the details panel's controls, open the popup. Writes a screenshot per step into
 * `dir` and returns their paths; `log` gets one line per step.
 */
export async function runTour(options: {
  fake: FakeCi;
  browser: DemoBrowser;
  dir: string;
  log: (line: string) => void;
}): Promise<string[]> {
  const { fake, dir, log } = options;
  await mkdir(dir, { recursive: true });
  const paths = TOUR_SCREENSHOTS.map((name) => resolve(dir, name));
  const repo = fake.truth.repo;
  let browser: E2eBrowser | undefined;
  let step = 'start the browser';
  try {
    // The real Treeherder build also asks Bugzilla and Lando: the harness answers them in the browser.
    browser = await launch(options.browser, fake.ui === 'treeherder' ? TREEHERDER_LAUNCH_OPTIONS : {});
    const opened = browser;

    step = '1, open the jobs page and sign in';
    const page = await opened.open(`${fake.url}/jobs?repo=${repo}`);
    // The background learns the fake CI's address from this page; signing in checks the client there.
    await page.waitFor('[data-testid="cit-status"][data-state="connected"]', 20000);
    const sentence = await pasteClient(opened, fake.credentials);
    if (!sentence.startsWith('Saved client')) throw new Error(`the options page answered "${sentence}"`);
    log(`signed in on the options page: ${sentence}`);
    await page.waitFor(selectors.pushListReady, 30000);
    const badges = await waitForBadges(page);
    await page.screenshot(paths[0]!);
    log(`1. jobs page with ${badges.gap} gap badges and ${badges.completeness} completeness badges → ${paths[0]}`);

    step = '2, select a failing job';
    const target = await pickFailingJob(fake, page);
    await page.evaluate(
      (id) => document.querySelector(`#push-list button[data-job-id="${id}"]`)?.scrollIntoView({ block: 'center' }),
      target.jobId,
    );
    await pause(300); // the overlay follows the scroll on the next frame
    await page.click(`#push-list button.job-btn[data-job-id="${target.jobId}"]`);
    await page.waitFor(selectors.detailsPanel, 15000);
    await page.waitFor(ACTIONBAR_BACKFILL, 15000);
    await page.screenshot(paths[1]!);
    log(
      `2. selected failing job ${target.jobId} (${target.label}); the details panel shows our controls → ${paths[1]}`,
    );

    step = '3, backfill from our controls';
    const before = fake.state().hookTriggers.length;
    await page.click(ACTIONBAR_BACKFILL);
    await page.waitFor('[data-testid="cit-backfill-popover-field"]', 15000);
    await waitForValue(
      page,
      () =>
        !(document.querySelector('[data-testid="cit-backfill-popover-go"]') as HTMLButtonElement | null)?.disabled ||
        null,
      20000,
    );
    const depth = await page.evaluate(
      () => (document.querySelector('[data-testid="cit-backfill-popover-field"]') as HTMLInputElement).value,
    );
    await page.click('[data-testid="cit-backfill-popover-go"]');
    const toast = await waitForResultToast(page);
    const sent = fake.state().hookTriggers.slice(before);
    if (sent.length !== 1 || !sent[0]!.hawkOk || sent[0]!.actionName !== 'backfill') {
      throw new Error(`expected one signed backfill action at the fake CI, saw ${sent.length} (toast: "${toast}")`);
    }
    await page.screenshot(paths[2]!);
    log(
      `3. backfill depth ${depth} sent (signed hook call, ${sent[0]!.createdTaskIds.length} task(s) created); toast: "${toast}" → ${paths[2]}`,
    );

    step = '4, open the popup';
    const popup = await opened.openExtensionPage('popup/popup.html');
    await popup.waitFor('[data-testid="cit-tracked-group"]', 20000);
    await pause(500); // let the list settle (states arrive after the first paint)
    await popup.screenshot(paths[3]!);
    log(`4. the toolbar popup tracks the backfill → ${paths[3]}`);
    return paths;
  } catch (error) {
    throw new Error(`The tour stopped at step ${step}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await browser?.close().catch(() => undefined);
  }
}

/** Waits until every gap badge and every completeness badge on the page has left its loading state. */
async function waitForBadges(page: E2ePage): Promise<{ gap: number; completeness: number }> {
  return waitForValue(
    page,
    (sel) => {
      const failing = document.querySelectorAll(sel.failing).length;
      const gap = Array.from(document.querySelectorAll(sel.gap));
      const pushes = document.querySelectorAll(sel.push).length;
      const completeness = Array.from(document.querySelectorAll('[data-testid="cit-completeness"]'));
      // No named helpers in here: tsx wraps them in a `__name` call that does not exist in the page.
      const done =
        failing > 0 &&
        gap.length >= failing &&
        completeness.length >= pushes &&
        [...gap, ...completeness].every((badge) => badge.getAttribute('data-cit-state') !== 'loading');
      return done ? { gap: gap.length, completeness: completeness.length } : null;
    },
    30000,
    { failing: selectors.failingJobButton, gap: GAP_BADGE, push: selectors.push },
  );
}

/** The scenario's first regression when its failing job is on the page (a backfill has a gap to cover), else any failing job. */
async function pickFailingJob(fake: FakeCi, page: E2ePage): Promise<{ jobId: number; label: string }> {
  const onPage = await page.evaluate(
    (sel) => Array.from(document.querySelectorAll(sel)).map((b) => Number(b.getAttribute('data-job-id'))),
    selectors.failingJobButton,
  );
  const regression = fake.truth.regressions[0];
  if (regression) {
    const jobs = await jobsOfPush(fake, fake.truth.repo, regression.firstFailurePushId);
    const job = jobs.find((j) => j.label === regression.label && onPage.includes(j.jobId));
    if (job) return { jobId: job.jobId, label: job.label };
  }
  const first = onPage[0];
  if (first === undefined) throw new Error('the page shows no failing job');
  const label = await page.evaluate(
    (id) => document.querySelector(`#push-list button[data-job-id="${id}"]`)?.getAttribute('title') ?? '',
    first,
  );
  return { jobId: first, label };
}

/** Confirms when the cost guard asks, then returns the text of the result toast. */
async function waitForResultToast(page: E2ePage): Promise<string> {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const seen = await page.evaluate(() => {
      const toasts = Array.from(document.querySelectorAll('[data-testid="cit-toast"]'));
      if (toasts.some((t) => t.querySelector('[data-testid="cit-confirm"]'))) return { confirm: true, text: '' };
      return {
        confirm: false,
        text: toasts
          .map((t) => (t as HTMLElement).innerText.replace(/\s*×\s*$/, '').replace(/\s+/g, ' '))
          .join(' ')
          .trim(),
      };
    });
    if (seen.confirm) await page.click('[data-testid="cit-confirm"]');
    else if (seen.text) return seen.text;
    await pause(100);
  }
  throw new Error('no toast appeared within 20 s after Backfill');
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
