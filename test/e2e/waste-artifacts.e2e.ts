/**
 * Issue 9 in both browsers against the fake CI: the waste report lists exactly the planted hidden and
 * always-failing jobs with the truth's machine hours (loading with progress); the artifact finder lists
 * a job's artifacts from the Treeherder page and finds the planted crash files in the push with 2,000
 * tasks; the revisions page shows a push and a range from the pushlog.
 */
import { expect, it } from 'vitest';
import { selectors } from '../../content/selectors';
import { describeInBothBrowsers, type E2eSession } from './harness/session';
import type { E2ePage } from './harness/types';
import { jobsOfPush } from './fake-data';
import { waitForValue } from './helpers';

const EPOCH = Date.UTC(2026, 10, 20, 12);

/** Opens the fake Treeherder page so the background learns which origin serves the repository. */
async function visitTreeherder(e2e: E2eSession, query = ''): Promise<E2ePage> {
  const page = await e2e.openJobsPage(query);
  await page.waitFor(selectors.pushListReady, 20000);
  await page.waitFor('[data-testid="cit-layer"]', 10000);
  return page;
}

const pageErrors = (page: E2ePage) => page.consoleErrors.filter((e) => !/favicon/.test(e));

describeInBothBrowsers('waste report, artifact finder and revisions', {}, (e2e) => {
  it('waste report: exactly the planted hidden and always-failing jobs, with their machine hours, loaded with progress', async () => {
    const { browser } = e2e;
    const fake = await e2e.useFake({ scenario: 'waste', timeScale: 0, epochMs: EPOCH });
    const treeherder = await visitTreeherder(e2e);
    // Slow answers so the batches are visible (Firefox opens an extension page in up to 1.5 s); the page must keep answering meanwhile.
    fake.setFaults({ latencyMs: 400 });
    const page = await browser.openExtensionPage('report/waste.html?repo=autoland&pushes=100');
    const seen = new Set<string>();
    let slowestEvaluateMs = 0;
    for (;;) {
      const started = Date.now();
      const state = await page.evaluate(() => {
        const progress = document.querySelector('[data-testid="cit-waste-progress"]');
        return {
          progress: progress ? `${progress.getAttribute('data-loaded')}/${progress.getAttribute('data-total')}` : null,
          done: Boolean(document.querySelector('[data-testid="cit-waste-report"], [data-testid="cit-waste-error"]')),
          error: document.querySelector('[data-testid="cit-waste-error"]')?.textContent ?? null,
        };
      });
      slowestEvaluateMs = Math.max(slowestEvaluateMs, Date.now() - started);
      if (state.progress) seen.add(state.progress);
      expect(state.error).toBeNull();
      if (state.done) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    fake.setFaults({ latencyMs: 0 });
    expect(
      [...seen].some((p) => /^([1-9]\d*)\/25$/.test(p) && !p.startsWith('25/')),
      `progress seen: ${[...seen].join(' ')}`,
    ).toBe(true);
    expect(slowestEvaluateMs).toBeLessThan(1000);

    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="cit-waste-row"]')).map((row) => ({
        label: row.getAttribute('data-label')!,
        reasons: row.getAttribute('data-reasons')!.split(' '),
        hours: Number(row.getAttribute('data-machine-hours')),
      })),
    );
    const truth = fake.truth.wasteful;
    const labels = (reason: string) =>
      rows
        .filter((r) => r.reasons.includes(reason))
        .map((r) => r.label)
        .sort();
    expect(labels('hidden')).toEqual(
      truth
        .filter((w) => w.reason === 'tier3')
        .map((w) => w.label)
        .sort(),
    );
    expect(labels('always-failing')).toEqual(
      truth
        .filter((w) => w.reason === 'always-failing')
        .map((w) => w.label)
        .sort(),
    );
    for (const w of truth) expect(rows.find((r) => r.label === w.label)?.hours, w.label).toBeCloseTo(w.machineHours, 2);
    expect(rows).toHaveLength(truth.length);
    expect(await page.evaluate(() => Boolean(document.querySelector('[data-testid="cit-waste-chart"] canvas')))).toBe(
      true,
    );

    // Sort by job type from the keyboard, then export the CSV (captured instead of downloaded).
    await page.evaluate(() => (document.querySelector('[data-testid="cit-waste-sort-label"]') as HTMLElement).focus());
    await page.press('Enter');
    const firstLabels = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="cit-waste-row"]')).map((r) => r.getAttribute('data-label')),
    );
    expect(firstLabels).toEqual([...firstLabels].sort((a, b) => a!.localeCompare(b!)));
    const csv = await page.evaluate(async () => {
      let captured: Blob | undefined;
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        captured = blob as Blob;
        return 'blob:captured';
      };
      HTMLAnchorElement.prototype.click = () => undefined;
      (document.querySelector('[data-testid="cit-waste-csv"]') as HTMLButtonElement).click();
      return captured ? captured.text() : '';
    });
    const csvLines = csv.trim().split('\r\n');
    expect(csvLines).toHaveLength(truth.length + 1);
    expect(csvLines[1]).toContain(firstLabels[0]);
    expect(pageErrors(page)).toEqual([]);
    await page.screenshot(e2e.screenshotPath('waste-report'));
    await page.close();

    // A repository Treeherder does not know is a sentence, not a crash.
    const bad = await browser.openExtensionPage('report/waste.html?repo=no-such-repo');
    await bad.waitFor('[data-testid="cit-waste-error"]', 15000);
    expect(await bad.evaluate(() => document.querySelector('[data-testid="cit-waste-error"]')?.textContent)).toMatch(
      /does not know the repository "no-such-repo"/,
    );
    await bad.close();

    // Malformed API data (a renamed field) is a sentence too.
    fake.setFaults({ schemaDrift: true });
    const drift = await browser.openExtensionPage('report/waste.html?repo=autoland&pushes=7');
    await drift.waitFor('[data-testid="cit-waste-error"]', 15000);
    expect(await drift.evaluate(() => document.querySelector('[data-testid="cit-waste-error"]')?.textContent)).toMatch(
      /needs an update/,
    );
    fake.setFaults({ schemaDrift: false });
    await drift.close();
    await treeherder.close();
  });

  it("artifact finder: a job's runs from the details panel, and the planted crash files of the 2,000-task push", async () => {
    const { browser } = e2e;
    const fake = await e2e.useFake({ scenario: 'artifacts', timeScale: 0, epochMs: EPOCH });
    const truth = fake.truth.artifacts;
    const planted = truth.planted.find((p) => p.pushId === truth.bigPushId)!;
    const treeherder = await visitTreeherder(e2e, `&selectedTaskRun=${planted.taskId}.${planted.runId}`);
    await treeherder.waitFor('[data-testid="cit-artifacts-control"]', 15000);
    await treeherder.evaluate(() =>
      (document.querySelector('[data-testid="cit-artifacts-control"]') as HTMLElement).focus(),
    );
    await treeherder.press('Enter');
    await treeherder.waitFor('[data-testid="cit-artifacts-popover"] [data-testid="cit-artifact"]', 15000);
    const listed = await treeherder.evaluate(
      (runId) =>
        Array.from(
          document.querySelectorAll(
            `[data-testid="cit-artifacts-popover"] [data-testid="cit-artifacts-run"][data-run-id="${runId}"] [data-testid="cit-artifact"]`,
          ),
        ).map((a) => a.getAttribute('data-name')),
      planted.runId,
    );
    for (const name of planted.names) expect(listed).toContain(name);
    expect(listed.length).toBe(truth.artifactsPerTask + 4);
    // The filter narrows the list by glob; typing in it never reaches Treeherder's shortcuts.
    await treeherder.evaluate(() =>
      (document.querySelector('[data-testid="cit-artifacts-filter"]') as HTMLElement).focus(),
    );
    await treeherder.type('[data-testid="cit-artifacts-filter"]', '*.dmp');
    const filtered = await treeherder.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="cit-artifacts-popover"] [data-testid="cit-artifact"]')).map(
        (a) => a.getAttribute('data-name'),
      ),
    );
    expect(filtered).toEqual(planted.names.filter((n) => n.endsWith('.dmp')));
    // Everything this feature injected carries a cit- test id.
    const unmarked = await treeherder.evaluate(() =>
      Array.from(
        document.querySelectorAll('[data-testid="cit-artifacts-widget"], [data-testid="cit-artifacts-widget"] *'),
      )
        .filter((e) => !(e.getAttribute('data-testid') ?? '').startsWith('cit-'))
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(unmarked).toEqual([]);
    await treeherder.press('Escape');
    expect(
      await treeherder.evaluate(() => document.querySelector('[data-testid="cit-artifacts-popover"]') === null),
    ).toBe(true);
    expect(pageErrors(treeherder)).toEqual([]);

    const started = Date.now();
    const page = await browser.openExtensionPage(
      `report/artifacts.html?repo=autoland&push=${truth.bigPushId}&pattern=${encodeURIComponent('**/*.dmp')}`,
    );
    const phases = new Set<string>();
    await waitForValue(
      page,
      () => {
        const status = document.querySelector('[data-testid="cit-search-status"]');
        const phase = status?.getAttribute('data-phase');
        (window as unknown as { phases?: string[] }).phases = [
          ...((window as unknown as { phases?: string[] }).phases ?? []),
          phase ?? '',
        ];
        return phase === 'done' || phase === 'failed' || document.querySelector('[data-testid="cit-search-error"]')
          ? (phase ?? 'error')
          : null;
      },
      30000,
    );
    for (const p of await page.evaluate(() => (window as unknown as { phases: string[] }).phases)) phases.add(p);
    const seconds = (Date.now() - started) / 1000;
    const found = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="cit-search-results"] [data-testid="cit-artifact-row"]')).map(
        (r) => `${r.getAttribute('data-task-id')}:${r.getAttribute('data-name')}`,
      ),
    );
    const expected = truth.planted
      .filter((p) => p.pushId === truth.bigPushId)
      .flatMap((p) => p.names.filter((n) => n.endsWith('.dmp')).map((n) => `${p.taskId}:${n}`));
    expect(found.sort()).toEqual(expected.sort());
    expect(phases.has('artifacts')).toBe(true);
    const statusText = await page.evaluate(
      () => document.querySelector('[data-testid="cit-search-status"]')?.textContent ?? '',
    );
    expect(statusText).toMatch(/Searched 2,0\d\d runs of 2,0\d\d tasks/);
    console.info(
      `[${e2e.browserName}] artifact search over push ${truth.bigPushId}: ${found.length} matches in ${seconds.toFixed(1)} s`,
    );
    expect(pageErrors(page)).toEqual([]);
    await page.screenshot(e2e.screenshotPath('artifact-search'));
    await page.close();

    // A malformed glob is a sentence.
    const bad = await browser.openExtensionPage(
      `report/artifacts.html?repo=autoland&push=${truth.bigPushId}&pattern=${encodeURIComponent('public/[abc')}`,
    );
    await bad.waitFor('[data-testid="cit-search-error"]', 15000);
    expect(await bad.evaluate(() => document.querySelector('[data-testid="cit-search-error"]')?.textContent)).toMatch(
      /no closing \]/,
    );
    await bad.close();

    // Revisions of a push and of a range, from the pushlog.
    const pushes = fake.truth.pushes;
    const push = pushes[4]!;
    const revisions = await browser.openExtensionPage(`report/revisions.html?repo=autoland&push=${push.id}`);
    await revisions.waitFor('[data-testid="cit-revisions-push"]', 15000);
    const shown = await revisions.evaluate(() => ({
      pushlogId: Number(document.querySelector('[data-testid="cit-revisions-push"]')?.getAttribute('data-pushlog-id')),
      tip: document.querySelector('[data-testid="cit-changeset"]')?.getAttribute('data-node'),
    }));
    expect(shown).toEqual({ pushlogId: push.pushlogId, tip: push.revision });
    await revisions.close();
    const range = await browser.openExtensionPage(
      `report/revisions.html?repo=autoland&from=${pushes[1]!.revision}&to=${pushes[4]!.revision}`,
    );
    await range.waitFor('[data-testid="cit-revisions-range"]', 15000);
    const rangePushes = await range.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="cit-revisions-range-push"]')).map((p) =>
        Number(p.getAttribute('data-pushlog-id')),
      ),
    );
    expect(rangePushes).toEqual([pushes[4]!.pushlogId, pushes[3]!.pushlogId, pushes[2]!.pushlogId]);
    expect(
      await range.evaluate(() => document.querySelectorAll('[data-testid="cit-revisions-files"] li').length),
    ).toBeGreaterThan(0);
    expect(pageErrors(range)).toEqual([]);
    await range.close();

    // The suspects of a job: its gap's pushes and its own, or a sentence when it has no earlier run.
    const job = (await jobsOfPush(fake, 'autoland', planted.pushId)).find((j) => j.taskId === planted.taskId)!;
    const gapPage = await browser.openExtensionPage(`report/revisions.html?repo=autoland&job=${job.jobId}`);
    await gapPage.waitFor('[data-testid="cit-revisions-gap"], [data-testid="cit-revisions-error"]', 15000);
    const gap = await gapPage.evaluate(() => ({
      gap: document.querySelector('[data-testid="cit-revisions-gap"]')?.getAttribute('data-gap') ?? null,
      pushes: document.querySelectorAll('[data-testid="cit-revisions-range-push"]').length,
      error: document.querySelector('[data-testid="cit-revisions-error"]')?.textContent ?? null,
    }));
    if (gap.gap === null) expect(gap.error).toMatch(/did not run on any of the \d+ earlier pushes/);
    else expect(gap.pushes).toBe(Number(gap.gap) + 1);
    await gapPage.close();
    await treeherder.close();
  });
});
