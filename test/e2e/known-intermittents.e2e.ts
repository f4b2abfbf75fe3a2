/**
 * Issue 19 in both browsers, on the fake CI's `known-intermittents` scenario: what is known beside a failing job
 * (the open intermittent bug, linked to Bugzilla, or "new failure"), the prior the Bisect popover takes from it,
 * and a new-test validation over every platform that finds the one where the test is intermittent.
 */
import { expect, it } from 'vitest';
import { selectors } from '../../content/selectors';
import type { FakeCi } from '../fake-ci/server';
import { wilsonInterval } from '../../src/new-test/wilson';
import { describeInBothBrowsers } from './harness/session';
import type { E2ePage } from './harness/types';
import { jobsOfPush, type FakeJob } from './fake-data';
import { driveSessionToEnd } from './extension-pages';
import { waitForValue } from './helpers';
import { scrollToJob } from './job-widgets';

const widgetOf = (jobId: number) => `[data-testid="cit-job-widget"][data-cit-job-id="${jobId}"]`;

/** What the widget knows once the background answered: intermittent, new, none or unknown. */
function knownState(page: E2ePage, jobId: number): Promise<string> {
  return waitForValue(
    page,
    (selector) => {
      const state = document.querySelector(selector)?.getAttribute('data-cit-known');
      return state && state !== 'loading' ? state : null;
    },
    20000,
    widgetOf(jobId),
  );
}

/** Pins the job's toolbar open with its gap badge (as a user would), so its controls can be clicked. */
async function openToolbar(page: E2ePage, jobId: number): Promise<void> {
  await scrollToJob(page, jobId);
  await page.click(`${widgetOf(jobId)} [data-testid="cit-gap-badge"]`);
  await page.waitFor(`${widgetOf(jobId)}[data-cit-pinned] [data-testid="cit-bisect"]`, 5000);
}

async function failedJob(fake: FakeCi, pushId: number, label: string): Promise<FakeJob> {
  const job = (await jobsOfPush(fake, 'autoland', pushId)).find((j) => j.label === label && j.result === 'testfailed');
  if (!job) throw new Error(`no failed ${label} on push ${pushId}`);
  return job;
}

describeInBothBrowsers(
  'known intermittents and new-test validation',
  { scenario: { scenario: 'known-intermittents', timeScale: 0 } },
  (e2e) => {
    it('shows the known bug (linked to Bugzilla) beside a flaky job, "New failure" on a line new in its revision, and the prior each sets', async () => {
      const { fake } = e2e;
      const known = fake.truth.knownIntermittents[0]!;
      const shown = fake.truth.pushes.slice(-10).map((p) => p.id);
      const flakyPush = known.failedPushIds.filter((id) => shown.includes(id)).at(-1)!;
      const flaky = await failedJob(fake, flakyPush, known.label);
      const fresh = fake.truth.newFailures[0]!;
      const newJob = await failedJob(fake, fresh.pushId, fresh.label);
      const laterPush = fake.truth.regressions[0]!.failedPushIds.at(-1)!;
      const seenBefore = await failedJob(fake, laterPush, fresh.label);

      const page = await e2e.openJobsPage('&group_state=expanded');
      await page.waitFor(selectors.pushListReady, 20000);
      expect(await knownState(page, flaky.jobId)).toBe('intermittent');
      expect(await knownState(page, newJob.jobId)).toBe('new');
      expect(await knownState(page, seenBefore.jobId)).toBe('none');

      // At rest nothing is added but the badge's colour; hovering the job reveals the bug beside its controls.
      const link = `${widgetOf(flaky.jobId)} [data-testid="cit-known-bug"]`;
      expect(await page.evaluate((sel) => (document.querySelector(sel) as HTMLElement).offsetParent, link)).toBeNull();
      await scrollToJob(page, flaky.jobId);
      await page.hover(`#push-list button[data-job-id="${flaky.jobId}"]`);
      const bug = await waitForValue(
        page,
        (sel) => {
          const a = document.querySelector(sel) as HTMLAnchorElement | null;
          const box = a?.getBoundingClientRect();
          return a && box && box.width > 0 && box.height > 0
            ? {
                href: a.href,
                text: a.textContent,
                summary: a.nextElementSibling?.getAttribute('title'),
                target: a.target,
              }
            : null;
        },
        5000,
        link,
      );
      expect(bug).toEqual({
        href: `https://bugzilla.mozilla.org/show_bug.cgi?id=${known.bugId}`,
        text: `Bug ${known.bugId}`,
        summary: known.summary,
        target: '_blank',
      });
      await page.screenshot(e2e.screenshotPath('known-intermittent'));
      expect(
        await page.evaluate(
          (sel) => document.querySelector(sel)?.textContent,
          `${widgetOf(newJob.jobId)} [data-testid="cit-new-failure"]`,
        ),
      ).toBe('New failure');

      // The Bisect popover says which prior the bisection takes from the line.
      const priorOf = async (job: FakeJob) => {
        await openToolbar(page, job.jobId);
        await page.click(`${widgetOf(job.jobId)} [data-testid="cit-bisect"]`);
        const prior = await waitForValue(
          page,
          () => {
            const note = document.querySelector('[data-testid="cit-bisect-popover-prior"]');
            return note?.textContent ? { text: note.textContent, source: note.getAttribute('data-cit-prior') } : null;
          },
          15000,
        );
        await page.press('Escape');
        await page.click(`${widgetOf(job.jobId)} [data-testid="cit-gap-badge"]`); // unpin
        return prior;
      };
      const failed = known.failedPushIds.length;
      expect(await priorOf(flaky)).toEqual({
        source: 'known-intermittent',
        text: expect.stringMatching(
          new RegExp(
            `^Prior: known intermittent bug ${known.bugId} failed on ${failed} of ${fake.truth.pushCount} pushes in the last 7 days, so this line’s flake rate starts near \\d+ %`,
          ),
        ),
      });
      expect(await priorOf(newJob)).toEqual({
        source: 'new-line',
        text: expect.stringMatching(
          /^Prior: this failure line is new in this revision, so a real regression is more likely/,
        ),
      });
      await page.close();
    });

    it('validates the new test on every platform: test-path-only runs, and the unstable platform with its Wilson interval', async () => {
      const { fake, browser } = e2e;
      const nt = fake.truth.newTest!;
      const unstable = await failedJob(fake, nt.pushId, nt.unstableLabels[0]!);
      const page = await e2e.openJobsPage('&group_state=expanded');
      expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
      await page.waitFor(`${widgetOf(unstable.jobId)} [data-testid="cit-gap-badge"]`, 20000);
      await openToolbar(page, unstable.jobId);
      await page.click(`${widgetOf(unstable.jobId)} [data-testid="cit-bisect"]`);
      await page.waitFor('[data-testid="cit-bisect-popover-mode"]', 5000);
      await page.evaluate(() => {
        const select = document.querySelector('[data-testid="cit-bisect-popover-mode"]') as HTMLSelectElement;
        select.value = 'new-test';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
      const preview = await waitForValue(
        page,
        () => {
          const text = document.querySelector('[data-testid="cit-bisect-popover-summary"]')?.textContent ?? '';
          return /^\d+ tasks? of push/.test(text) ? text : null;
        },
        20000,
      );
      // The job's failing test is the one to validate; every platform's task runs it.
      expect(
        await page.evaluate(
          () => (document.querySelector('[data-testid="cit-bisect-popover-test-path"]') as HTMLInputElement).value,
        ),
      ).toBe(nt.path);
      expect(preview).toContain(`${nt.tasks.length} tasks of push ${nt.pushId} run ${nt.path}: `);
      for (const task of nt.tasks) expect(preview).toContain(task.platform);
      expect(preview).toContain('each as jobs that run only its manifest');
      expect(preview).toContain(`${nt.tasks.length * 10} jobs in one round`);
      await page.click('[data-testid="cit-bisect-popover-go"]');
      await page.waitFor('[data-testid="cit-toast"]', 15000);

      const popup = await browser.openExtensionPage('popup/popup.html');
      const sessions = await waitForValue(
        popup,
        async () => {
          const api = ((globalThis as { browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
            .browser ??
            (globalThis as { chrome?: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome)!;
          const reply = (await api.runtime.sendMessage({ cit: 1, type: 'listBisections', data: {} })) as {
            result: { id: string; kind: string }[];
          };
          return reply.result.filter((s) => s.kind === 'new-test');
        },
        15000,
      );
      expect(sessions).toHaveLength(1);
      const done = await driveSessionToEnd<{ id: string; status: string; message?: string }>(
        popup,
        fake,
        sessions[0]!.id,
      );
      expect(done.status, done.message).toBe('done');

      // One backfill-task per task, each with only the test's manifest, ten runs: nothing else was triggered.
      const calls = fake.state().hookTriggers.filter((t) => t.statusCode === 200);
      expect(calls.map((c) => c.actionName)).toEqual(nt.tasks.map(() => 'backfill-task'));
      for (const call of calls)
        expect(call.payload).toMatchObject({
          user: { input: { test_manifests: { 'mochitest-plain': [nt.manifest] }, times: 10, revision: nt.revision } },
        });

      // What the fake ran, per task: the new runs on the push (symbol -<rev>-bk), and how many failed.
      const pushJobs = await jobsOfPush(fake, 'autoland', nt.pushId);
      const expected = nt.tasks.map((task) => {
        const runs = pushJobs.filter((j) => j.label === task.label && j.symbol.endsWith('-bk'));
        const failures = runs.filter((j) => j.result === 'testfailed').length;
        return { platform: task.platform, runs: runs.length, failures, ...wilsonInterval(failures, runs.length) };
      });
      const unstableRow = expected.find((r) => r.platform === 'linux1804-64-qr/debug')!;
      expect(unstableRow.runs).toBe(10);
      expect(unstableRow.failures).toBeGreaterThan(0);
      for (const row of expected.filter((r) => r !== unstableRow)) expect(row).toMatchObject({ runs: 10, failures: 0 });

      await popup.waitFor('[data-testid="cit-new-test-verdict"]', 15000);
      const shownRows = await popup.evaluate(() =>
        Array.from(document.querySelectorAll('[data-testid="cit-new-test-row"]')).map((row) => ({
          platform: row.getAttribute('data-platform'),
          runs: Number(row.getAttribute('data-runs')),
          failures: Number(row.getAttribute('data-failures')),
          low: Number(row.getAttribute('data-low')),
          high: Number(row.getAttribute('data-high')),
        })),
      );
      expect(shownRows.sort((a, b) => a.platform!.localeCompare(b.platform!))).toEqual(
        expected
          .map((r) => ({
            platform: r.platform,
            runs: r.runs,
            failures: r.failures,
            low: round4(r.low),
            high: round4(r.high),
          }))
          .sort((a, b) => a.platform.localeCompare(b.platform)),
      );
      const verdict = await popup.evaluate(
        () => document.querySelector('[data-testid="cit-new-test-verdict"]')?.textContent,
      );
      expect(verdict).toBe(`Verdict: intermittent on linux1804-64-qr/debug: ${unstableRow.failures}/10`);
      const summary = await popup.evaluate(
        () => document.querySelector('[data-testid="cit-new-test-summary"]')?.textContent,
      );
      const pct = (x: number) => Math.round(x * 100);
      expect(summary).toContain(
        `- linux1804-64-qr/debug: ${unstableRow.failures}/10 failed, ${pct(unstableRow.rate)} % (95 % CI ${pct(unstableRow.low)}–${pct(unstableRow.high)} %)`,
      );
      expect(summary).toContain(`Verdict: intermittent on linux1804-64-qr/debug: ${unstableRow.failures}/10.`);
      await popup.screenshot(e2e.screenshotPath('popup-new-test'));
      await popup.close();
      await page.close();
    });
  },
);

function round4(x: number): number {
  return Number(x.toFixed(4));
}
