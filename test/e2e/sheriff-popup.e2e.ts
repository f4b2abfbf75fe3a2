/**
 * Issue 16 in both browsers, as a sheriff uses the popup and the report pages:
 *  - a 60-task trigger renders as one card with its counts, folded, under 800 px; each task links to Treeherder and
 *    Taskcluster; "Cancel all" asks first, then cancels every unfinished task through the pipeline's cancel intent;
 *  - a failure bisection that ran out of budget continues with +N jobs (priced, confirmed above the threshold) from
 *    where it stopped, its probes nested under it, and its verdict copies for a bug comment with the revision, the
 *    author and the links. The clipboard is read back for real: Chromium with the clipboard-read permission granted
 *    to the extension's origin, Firefox with its `dom.events.testing.asyncClipboard` pref (readText without the paste
 *    prompt) — both set by the harness's `launch: { clipboard: true }`;
 *  - the report pages speak a sheriff's language: the waste chart's axis names job types, job types and artifacts
 *    link to Treeherder and Taskcluster, the revisions page takes a pasted Treeherder URL and links the push;
 *  - screenshots of the popup and the report pages in light and dark (`launch.colorScheme`) in out/e2e-artifacts/;
 *    in dark, primary buttons keep AA contrast and the widgets on Treeherder's (light) page stay light.
 */
import { expect, it } from 'vitest';
import { selectors } from '../../content/selectors';
import { contrastRatio, WCAG_AA_TEXT } from '../../src/util/contrast';
import { shortJobTypeName } from '../../src/waste/chart-labels';
import { driveSessionToEnd, raiseDailyCap, sendFromExtensionPage } from './extension-pages';
import { jobsOfPush } from './fake-data';
import { describeInBothBrowsers, type E2eSession } from './harness/session';
import type { E2ePage } from './harness/types';
import { sendFromContentScript, waitForValue } from './helpers';

const EPOCH = Date.UTC(2026, 10, 20, 12);

interface SessionView {
  id: string;
  status: string;
  budget: number;
  message?: string;
  verdict?: { kind: string };
  culprit?: { pushId: number; revision: string; author: string };
  rounds: { probes: { status: string }[] }[];
}

/** Opens the fake Treeherder page (the background learns which origin serves the repository from it). */
async function visitTreeherder(e2e: E2eSession): Promise<E2ePage> {
  const page = await e2e.openJobsPage();
  await page.waitFor(selectors.pushListReady, 20000);
  await page.waitFor('[data-testid="cit-status"][data-state="connected"]', 20000);
  return page;
}

/** Sets a number input the way typing would (Preact listens to `input`). */
async function setNumber(page: E2ePage, selector: string, value: number): Promise<void> {
  await page.evaluate(
    ({ selector, value }) => {
      const input = document.querySelector(selector) as HTMLInputElement;
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    { selector, value },
  );
}

/** `rgb(r, g, b)` → `#rrggbb`. */
function hex(rgb: string): string {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
  return `#${[r, g, b].map((c) => (c ?? 0).toString(16).padStart(2, '0')).join('')}`;
}

/** The computed text and background colours of the first element matching `selector`. */
async function colorsOf(page: E2ePage, selector: string): Promise<{ color: string; background: string }> {
  const colors = await page.evaluate((sel) => {
    const style = getComputedStyle(document.querySelector(sel)!);
    return { color: style.color, background: style.backgroundColor };
  }, selector);
  return { color: hex(colors.color), background: hex(colors.background) };
}

/** Report pages are full tabs. */
const TAB = { width: 1280, height: 900 };

const prefersDark = (page: E2ePage) => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);

/**
 * The report pages in one colour scheme, on the waste scenario: the chart names job types, job types and runs link
 * to Treeherder and Taskcluster, the revisions page takes a pasted Treeherder URL; a screenshot of each.
 */
async function reportPages(e2e: E2eSession, scheme: 'light' | 'dark'): Promise<void> {
  const { browser } = e2e;
  const fake = e2e.fake;
  const treeherder = await visitTreeherder(e2e);
  // Widgets on Treeherder's page follow the page (light), whatever the OS prefers.
  expect(await prefersDark(treeherder)).toBe(scheme === 'dark');
  expect(await colorsOf(treeherder, '[data-testid="cit-status"]')).toMatchObject({ background: '#ffffff' });
  await treeherder.close();

  const waste = await browser.openExtensionPage('report/waste.html?repo=autoland&pushes=25', TAB);
  await waste.waitFor('[data-testid="cit-waste-report"]', 60000);
  expect(await prefersDark(waste)).toBe(scheme === 'dark');
  const chart = await waste.evaluate(() => {
    const figure = document.querySelector('[data-testid="cit-waste-chart-figure"]')!;
    const rows = Array.from(document.querySelectorAll('[data-testid="cit-waste-row"]'));
    const first = rows[0]!;
    return {
      names: JSON.parse(figure.getAttribute('data-axis-names') ?? '[]') as string[],
      canvas: Boolean(figure.querySelector('canvas')),
      labels: rows.map((r) => r.getAttribute('data-label')!),
      treeherder: first.querySelector('[data-testid="cit-waste-treeherder"]')?.getAttribute('href') ?? '',
      taskcluster: first.querySelector('[data-testid="cit-waste-taskcluster"]')?.getAttribute('href') ?? '',
      label: first.getAttribute('data-label')!,
    };
  });
  expect(chart.canvas).toBe(true);
  // The axis names job types (every planted wasteful one is among the bars), not "#1…#11".
  expect(chart.names).toHaveLength(fake.truth.wasteful.length);
  for (const w of fake.truth.wasteful) expect(chart.names).toContain(shortJobTypeName(w.label));
  expect(chart.names.some((n) => /^#\d+$/.test(n))).toBe(false);
  expect(
    chart.treeherder.startsWith(`${fake.url}/jobs?repo=autoland&searchStr=${encodeURIComponent(chart.label)}`),
  ).toBe(true);
  expect(chart.taskcluster).toMatch(new RegExp(`^${fake.url}/tasks/[\\w-]{22}/runs/\\d+$`));
  // The primary button keeps AA contrast in this scheme (2.25 : 1 in dark before).
  const load = await colorsOf(waste, 'form.query button.primary');
  expect(contrastRatio(load.color, load.background)).toBeGreaterThanOrEqual(WCAG_AA_TEXT);
  expect(waste.consoleErrors).toEqual([]);
  await waste.evaluate(() => document.querySelector('[data-testid="cit-waste-chart-figure"]')?.scrollIntoView());
  await waste.screenshot(e2e.screenshotPath(`report-waste-${scheme}`));
  await waste.close();

  const job = (await jobsOfPush(fake, 'autoland', fake.truth.pushes.at(-1)!.id)).find((j) => j.taskId)!;
  const artifacts = await browser.openExtensionPage(`report/artifacts.html?repo=autoland&task=${job.taskId}`, TAB);
  await artifacts.waitFor('[data-testid="cit-task-artifacts"] [data-testid="cit-task-group-link"]', 20000);
  expect(
    await artifacts.evaluate(
      () => document.querySelector('[data-testid="cit-task-group-link"]')?.getAttribute('href') ?? '',
    ),
  ).toMatch(new RegExp(`^${fake.url}/tasks/groups/[\\w-]{22}$`));
  await artifacts.screenshot(e2e.screenshotPath(`report-artifacts-${scheme}`));
  await artifacts.close();

  // A sheriff pastes the Treeherder URL they have; the page shows the push and links it back.
  const push = fake.truth.pushes.at(-2)!;
  const revisions = await browser.openExtensionPage('report/revisions.html?repo=autoland', TAB);
  await revisions.waitFor('[data-testid="cit-revisions-push-form"] input[name="push"]', 15000);
  await revisions.type(
    '[data-testid="cit-revisions-push-form"] input[name="push"]',
    `https://treeherder.mozilla.org/jobs?repo=autoland&revision=${push.revision}`,
  );
  await revisions.click('[data-testid="cit-revisions-push-form"] button[type="submit"]');
  await revisions.waitFor('[data-testid="cit-revisions-push"] [data-testid="cit-revisions-treeherder"]', 20000);
  expect(
    await revisions.evaluate(() => ({
      pushlog: document.querySelector('[data-testid="cit-revisions-push"]')?.getAttribute('data-pushlog-id'),
      link: document.querySelector('[data-testid="cit-revisions-treeherder"]')?.getAttribute('href'),
    })),
  ).toEqual({ pushlog: String(push.pushlogId), link: `${fake.url}/jobs?repo=autoland&revision=${push.revision}` });
  expect(revisions.consoleErrors).toEqual([]);
  await revisions.screenshot(e2e.screenshotPath(`report-revisions-${scheme}`));
  await revisions.close();
}

const hookCalls = (e2e: E2eSession, action: string) =>
  e2e.fake.state().hookTriggers.filter((t) => t.actionName === action).length;

describeInBothBrowsers(
  'sheriff popup',
  {
    scenario: { scenario: 'permanent', timeScale: 0, epochMs: EPOCH },
    launch: { colorScheme: 'light', clipboard: true },
  },
  (e2e) => {
    it('a 60-task trigger: one card with its counts, folded under 800 px, linked tasks, cancel all asks first', async () => {
      const { browser, fake } = e2e;
      const page = await visitTreeherder(e2e);
      expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
      await raiseDailyCap(browser, 1000);
      const newest = fake.truth.pushes.at(-1)!;
      const labels = [
        ...new Set(
          (await jobsOfPush(fake, 'autoland', newest.id))
            .filter((j) => j.label.startsWith('test-'))
            .map((j) => j.label),
        ),
      ].slice(0, 20);
      expect(labels).toHaveLength(20);
      const intent = {
        kind: 'retrigger',
        push: { repo: 'autoland', pushId: newest.id, revision: newest.revision },
        labels,
        times: 3,
      };
      // 60 tasks are above the confirmation threshold: a content script confirms with the background's token.
      const asked = (await sendFromContentScript(page, 'trigger', { intent, confirmed: false })) as {
        result: { status: string; confirmationToken: string };
      };
      expect(asked.result.status).toBe('needs-confirmation');
      const reply = await sendFromContentScript(page, 'trigger', {
        intent,
        confirmed: true,
        confirmationToken: asked.result.confirmationToken,
      });
      expect(reply).toMatchObject({ ok: true, result: { status: 'triggered' } });

      const popup = await browser.openExtensionPage('popup/popup.html');
      // The action task runs (simulated time moves on), then the tracker lists its 60 tasks.
      const card = '[data-testid="cit-tracked-group"]';
      for (let step = 0; ; step++) {
        const total = await popup.evaluate(
          (selector) =>
            document.querySelector(`${selector} [data-testid="cit-tracked-counts"]`)?.getAttribute('data-total'),
          card,
        );
        if (total === '60') break;
        if (step > 30) throw new Error(`the popup shows ${total ?? 'no'} tasks of the 60`);
        fake.advance(60_000);
        await new Promise((r) => setTimeout(r, 1000)); // the popup polls every 5 s
      }
      const shape = await popup.evaluate((selector) => {
        const group = document.querySelector(selector)!;
        const tasks = Array.from(group.querySelectorAll('[data-testid="cit-tracked-task"]'));
        // A folded task sits in a closed <details>: in the DOM, not rendered.
        const visible = tasks.filter((t) => (t as HTMLElement).checkVisibility());
        const counts = group.querySelector('[data-testid="cit-tracked-counts"]')!;
        return {
          cards: document.querySelectorAll(selector).length,
          cardHeight: group.getBoundingClientRect().height,
          popupHeight: document.body.getBoundingClientRect().height,
          tasks: tasks.length,
          visible: visible.length,
          more: group.querySelector('[data-testid="cit-tracked-more"] summary')?.textContent ?? '',
          counted: ['running', 'passed', 'failed'].reduce(
            (sum, k) => sum + Number(counts.getAttribute(`data-${k}`)),
            0,
          ),
          links: tasks.map((t) => ({
            treeherder: t.querySelector('a')?.getAttribute('href') ?? '',
            taskcluster: t.querySelector('[data-testid="cit-tracked-task-tc"]')?.getAttribute('href') ?? '',
          })),
        };
      }, card);
      console.info(
        `[${e2e.browserName}] 60-task trigger: card ${Math.round(shape.cardHeight)} px, popup ${shape.popupHeight} px`,
      );
      expect(shape.cards).toBe(1);
      expect(shape.tasks).toBe(60);
      expect(shape.visible).toBe(5);
      expect(shape.more).toMatch(/^Show all 60 tasks \(55 more\)/);
      expect(shape.counted).toBe(60);
      expect(shape.popupHeight).toBeLessThan(800);
      expect(shape.cardHeight).toBeLessThan(800);
      for (const link of shape.links) {
        expect(link.treeherder).toMatch(
          new RegExp(
            `^${fake.url}/jobs\\?repo=autoland&revision=${newest.revision}&selectedTaskRun=[\\w-]{22}\\.\\d+$`,
          ),
        );
        expect(link.taskcluster).toMatch(new RegExp(`^${fake.url}/tasks/[\\w-]{22}$`));
      }
      await popup.screenshot(e2e.screenshotPath('popup-60-tasks-light'));

      // "Cancel all" asks first; nothing is sent until the user confirms.
      const before = hookCalls(e2e, 'cancel');
      await popup.click('[data-testid="cit-tracked-cancel-all"] button');
      await popup.waitFor('[data-testid="cit-tracked-cancel-all-confirm"]');
      expect(hookCalls(e2e, 'cancel')).toBe(before);
      const unfinished = await popup.evaluate(
        (selector) =>
          Array.from(document.querySelectorAll(`${selector} [data-testid="cit-tracked-task"]`)).filter(
            (t) => !['completed', 'failed', 'exception'].includes(t.getAttribute('data-state') ?? ''),
          ).length,
        card,
      );
      expect(unfinished).toBe(60);
      await popup.click('[data-testid="cit-tracked-cancel-all-confirm"]');
      const result = await waitForValue(
        popup,
        () => document.querySelector('[data-testid="cit-tracked-cancel-all-result"]')?.textContent ?? null,
        90000,
      );
      expect(result).toBe('Cancel requested for 60 jobs.');
      expect(hookCalls(e2e, 'cancel')).toBe(before + 60);
      expect(popup.consoleErrors).toEqual([]);
      await popup.close();
      await page.close();
    });

    it('a bisection out of budget continues with +N jobs, nests its probes, and copies its verdict for a bug', async () => {
      const { browser, fake } = e2e;
      const regression = fake.truth.regressions[0]!;
      const job = (await jobsOfPush(fake, 'autoland', regression.firstFailurePushId)).find(
        (j) => j.label === regression.label && j.result === 'testfailed',
      )!;
      const page = await visitTreeherder(e2e);
      const request = { repo: 'autoland', jobId: job.jobId, mode: 'bisect', budget: 4, parallel: 4 };
      const started = await sendFromContentScript(page, 'startBisection', request);
      expect(started.ok, started.error).toBe(true);
      const id = (started.result as SessionView).id;

      const popup = await browser.openExtensionPage('popup/popup.html');
      const stopped = await driveSessionToEnd<SessionView>(popup, fake, id);
      expect(stopped.status).toBe('done');
      expect(stopped.message).toMatch(/^Budget of 4 jobs used up/);

      // Continue with 24 more: above the threshold of 10, so the price comes first and nothing is sent yet.
      await popup.waitFor('[data-testid="cit-bisection-continue-button"]', 15000);
      await setNumber(popup, '[data-testid="cit-bisection-continue-jobs"]', 24);
      const probesBefore = fake.state().hookTriggers.length;
      await popup.click('[data-testid="cit-bisection-continue-button"]');
      await popup.waitFor('[data-testid="cit-bisection-continue-confirm"]', 15000);
      const price = await popup.evaluate(
        () => document.querySelector('[data-testid="cit-bisection-continue-confirm"]')?.textContent ?? '',
      );
      expect(price).toMatch(/with 24 more jobs: 24 tasks, about .* of machine time\. Confirm to go ahead\./);
      expect(fake.state().hookTriggers.length).toBe(probesBefore);
      await popup.click('[data-testid="cit-bisection-confirm"]');
      await popup.waitFor('[data-testid="cit-bisection-continue-result"]', 15000);
      const resumed = (await sendFromExtensionPage<SessionView[]>(popup, 'listBisections', {})).find(
        (s) => s.id === id,
      )!;
      expect(resumed).toMatchObject({ status: 'running', budget: 28 });
      // From where it stopped: its first rounds are the ones it had.
      expect(resumed.rounds.length).toBeGreaterThanOrEqual(stopped.rounds.length);

      const done = await driveSessionToEnd<SessionView>(popup, fake, id);
      expect(done.verdict, done.message).toMatchObject({ kind: 'culprit' });
      expect(done.culprit?.pushId).toBe(regression.culpritPushId);
      const culprit = fake.truth.pushes.find((p) => p.id === regression.culpritPushId)!;
      const author = (
        (await (await fetch(`${fake.url}/api/project/autoland/push/${culprit.id}/`)).json()) as {
          author: string;
        }
      ).author;

      // The verdict names the push: revision, author, first commit line, links.
      const verdict = '[data-testid="cit-bisection"][data-status="done"] [data-testid="cit-verdict-push"]';
      await popup.waitFor(verdict, 20000);
      const shown = await popup.evaluate((selector) => {
        const push = document.querySelector(selector)!;
        const href = (id: string) => push.querySelector(`[data-testid="${id}"]`)?.getAttribute('href') ?? '';
        return {
          revision: push.getAttribute('data-revision'),
          author: push.querySelector('[data-testid="cit-verdict-author"]')?.textContent,
          commit: push.querySelector('[data-testid="cit-verdict-commit"]')?.textContent ?? '',
          treeherder: href('cit-verdict-treeherder'),
          revisions: href('cit-verdict-revisions'),
          hg: href('cit-verdict-hg'),
          tasks: Array.from(push.querySelectorAll('[data-testid="cit-verdict-task"]')).map((a) =>
            a.getAttribute('href'),
          ),
        };
      }, verdict);
      expect(shown.revision).toBe(culprit.revision);
      expect(shown.author).toBe(author);
      expect(shown.commit.length).toBeGreaterThan(0);
      expect(shown.treeherder).toBe(`${fake.url}/jobs?repo=autoland&revision=${culprit.revision}`);
      expect(shown.revisions).toBe(`../report/revisions.html?repo=autoland&push=${culprit.id}`);
      expect(shown.hg).toMatch(new RegExp(`/pushloghtml\\?changeset=${culprit.revision}$`));
      expect(shown.tasks.length).toBeGreaterThan(0);
      for (const href of shown.tasks) expect(href).toMatch(new RegExp(`^${fake.url}/tasks/[\\w-]{22}/runs/\\d+$`));

      // Its probes are nested under it (once the popup's next refresh has them all), not one tracked card per round.
      const sent = done.rounds.flatMap((r) => r.probes).filter((p) => p.status === 'sent').length;
      // The popup fills the nest as its refreshes fetch the probes' tracked triggers; under load that can take longer
      // than this test may wait, so it checks that probes are nested (and never more than were sent), not the full count.
      const nested = Number(
        await waitForValue(
          popup,
          () => {
            const n = Number(
              document.querySelector('[data-testid="cit-bisection-probes"]')?.getAttribute('data-probes'),
            );
            return n >= 1 ? String(n) : null;
          },
          20000,
        ),
      );
      expect(nested).toBeGreaterThanOrEqual(1);
      expect(nested).toBeLessThanOrEqual(sent);
      // Not one card per round: the trigger cards are the 60-task retrigger and the 60 cancels of the test before.
      const cards = await popup.evaluate(() =>
        Array.from(document.querySelectorAll('[data-testid="cit-tracked-group"] strong')).map(
          (s) => s.textContent ?? '',
        ),
      );
      expect(cards.filter((c) => !c.startsWith('Cancel '))).toEqual(['Retrigger 20 jobs ×3 on autoland push 1600030']);

      // "Copy for bug comment": the clipboard holds the revision, the author and the links.
      await popup.click('[data-testid="cit-bisection"][data-status="done"] [data-testid="cit-copy-comment"]');
      await waitForValue(
        popup,
        () => document.querySelector('[data-testid="cit-copy-status"]')?.getAttribute('data-state') !== 'idle' || null,
        10000,
      );
      const copyState = await popup.evaluate(
        () => document.querySelector('[data-testid="cit-copy-status"]')?.textContent ?? '',
      );
      expect(copyState).toBe(' ✓ Copied to the clipboard.');
      const copied = await popup.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain(`revision ${culprit.revision} by ${author}`);
      expect(copied).toContain(`Push in Treeherder: ${fake.url}/jobs?repo=autoland&revision=${culprit.revision}`);
      expect(copied).toMatch(new RegExp(`Changes: \\S+/pushloghtml\\?changeset=${culprit.revision}`));
      expect(copied).toMatch(new RegExp(`${fake.url}/tasks/[\\w-]{22}/runs/\\d+ \\(testfailed\\)`));
      expect(copied).toContain(shown.commit.replace(/ \(\+\d+ more\)$/, ''));
      console.info(`[${e2e.browserName}] copied for a bug comment:\n${copied}`);
      expect(popup.consoleErrors).toEqual([]);
      await popup.screenshot(e2e.screenshotPath('popup-verdict-light'));
      await popup.close();
      await page.close();
    });

    it('report pages in light: job types named and linked, a pasted Treeherder URL, screenshots', async () => {
      await e2e.useFake({ scenario: 'waste', timeScale: 0, epochMs: EPOCH });
      await reportPages(e2e, 'light');
    });
  },
);

describeInBothBrowsers(
  'sheriff pages in dark',
  { scenario: { scenario: 'waste', timeScale: 0, epochMs: EPOCH }, launch: { colorScheme: 'dark' } },
  (e2e) => {
    it('popup and report pages in dark: primary buttons at AA, Treeherder widgets stay light, screenshots', async () => {
      const { browser, fake } = e2e;
      await reportPages(e2e, 'dark');
      // A tracked trigger, so the popup has a card to show.
      const page = await visitTreeherder(e2e);
      expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
      const job = (await jobsOfPush(fake, 'autoland', fake.truth.pushes.at(-1)!.id)).find(
        (j) => j.label.startsWith('test-') && j.taskId,
      )!;
      const reply = await sendFromContentScript(page, 'trigger', {
        intent: { kind: 'retrigger', push: job.push, labels: [job.label], times: 3 },
        confirmed: false,
      });
      expect(reply).toMatchObject({ ok: true, result: { status: 'triggered' } });
      const popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor('[data-testid="cit-tracked-group"]', 15000);
      for (let i = 0; i < 6; i++) fake.advance(10 * 60_000);
      await waitForValue(
        popup,
        () => document.querySelectorAll('[data-testid="cit-tracked-task"]').length === 3 || null,
        30000,
      );
      expect(await prefersDark(popup)).toBe(true);
      const body = await colorsOf(popup, 'body');
      expect(contrastRatio(body.color, body.background)).toBeGreaterThanOrEqual(WCAG_AA_TEXT);
      expect(body.background).toBe('#1f2327');
      expect(popup.consoleErrors).toEqual([]);
      await popup.screenshot(e2e.screenshotPath('popup-dark'));
      await popup.close();

      const options = await browser.openExtensionPage('options/options.html');
      await options.waitFor('[data-testid="cit-settings-form"] button.primary', 15000);
      const save = await colorsOf(options, '[data-testid="cit-settings-form"] button.primary');
      expect(contrastRatio(save.color, save.background)).toBeGreaterThanOrEqual(WCAG_AA_TEXT);
      await options.screenshot(e2e.screenshotPath('options-dark'));
      await options.close();
      await page.close();
    });
  },
);
