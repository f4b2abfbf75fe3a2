import { expect, it } from 'vitest';
import { describeInBothBrowsers } from './harness/session';
import { jobsOfPush } from './fake-data';
import { driveSessionToEnd, raiseDailyCap } from './extension-pages';
import { sendFromContentScript } from './helpers';

interface SessionView {
  id: string;
  mode: string;
  status: string;
  message?: string;
  suspects: { pushId: number }[];
  culprit?: { pushId: number; revision: string; author: string; treeherderUrl?: string };
  perf?: { verdict?: { kind: string; pushIndex?: number } };
  baseline?: { series: { name: string; runs: number[][]; summary?: { count: number; mean: number } }[] };
  rounds: { probes: { key: string; status: string }[] }[];
}

describeInBothBrowsers('perf bisection', { scenario: { scenario: 'perf', timeScale: 0 } }, (e2e) => {
  it('finds the planted perf culprit from the alert summary, then sets a new baseline', async () => {
    const { browser, fake } = e2e;
    const truth = fake.truth.perf!;
    const page = await e2e.openJobsPage();
    expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
    await raiseDailyCap(browser, 1000);

    // Bad input gets a sentence, not a crash.
    const unknown = await sendFromContentScript(page, 'previewPerfBisection', {
      repo: 'autoland',
      alertSummaryId: 999,
    });
    expect(unknown).toMatchObject({ ok: false, error: 'Perfherder has no alert summary 999.' });
    const incomplete = await sendFromContentScript(page, 'startPerfBisection', {
      repo: 'autoland',
      signatureId: truth.signatureId,
    });
    expect(incomplete.ok).toBe(false);
    expect(incomplete.error).toMatch(/needs an alert summary id, or a signature id and the regressed push id/);

    const request = { repo: 'autoland', alertSummaryId: truth.alertSummaryId, budget: 40, parallel: 4 };
    const preview = await sendFromContentScript(page, 'previewPerfBisection', request);
    expect(preview).toMatchObject({
      ok: true,
      result: { suspects: truth.gapPushIds.length + 1, lastPushId: truth.alertPushId },
    });
    const started = await sendFromContentScript(page, 'startPerfBisection', request);
    expect(started.ok, started.error).toBe(true);
    const id = (started.result as SessionView).id;

    const popup = await browser.openExtensionPage('popup/popup.html');
    const done = await driveSessionToEnd<SessionView>(popup, fake, id, { maxSteps: 40 });
    expect(done.perf?.verdict, done.message).toMatchObject({ kind: 'culprit' });
    expect(done.culprit?.pushId).toBe(truth.culpritPushId);
    expect(done.culprit?.revision).toBe(truth.culpritRevision);
    expect(done.message).toMatch(/^Culprit: push \d+ .* by .*\+\d\.\d %/);
    // Every probe went out once, through the pipeline's hooks.
    const keys = done.rounds.flatMap((r) => r.probes.map((p) => p.key));
    expect(new Set(keys).size).toBe(keys.length);
    const hookCalls = fake
      .state()
      .hookTriggers.filter((t) => t.actionName === 'add-new-jobs' || t.actionName === 'retrigger-multiple');
    expect(hookCalls.length).toBe(done.rounds.flatMap((r) => r.probes).filter((p) => p.status === 'sent').length);
    await popup.waitFor(
      `[data-testid="cit-bisection"][data-status="done"] [data-testid="cit-perf-chart"] canvas`,
      15000,
    );
    await popup.screenshot(e2e.screenshotPath('popup-perf-bisection'));

    // New baseline on the regressed push: its Talos job retriggered 5 times.
    const talos = (await jobsOfPush(fake, 'autoland', truth.alertPushId)).filter((j) => j.label === truth.label);
    // The Bisect control offers the perf modes on jobs that reported to Perfherder, and only there.
    const offered = await sendFromContentScript(page, 'perfSeriesOfJob', { repo: 'autoland', jobId: talos[0]!.jobId });
    expect(offered).toMatchObject({
      ok: true,
      result: [{ signatureId: truth.signatureId, pushId: truth.alertPushId }],
    });
    const other = (await jobsOfPush(fake, 'autoland', truth.alertPushId)).find(
      (j) => j.label.startsWith('test-') && !/talos/.test(j.label),
    )!;
    expect(
      await sendFromContentScript(page, 'perfSeriesOfJob', { repo: 'autoland', jobId: other.jobId }),
    ).toMatchObject({ ok: true, result: [] });
    const baseline = await sendFromContentScript(page, 'startPerfBaseline', {
      repo: 'autoland',
      jobIds: [talos[0]!.jobId],
      times: 5,
    });
    expect(baseline.ok, baseline.error).toBe(true);
    const measured = await driveSessionToEnd<SessionView>(popup, fake, (baseline.result as SessionView).id, {
      maxSteps: 40,
    });
    expect(measured.status, measured.message).toBe('done');
    const series = measured.baseline!.series[0]!;
    expect(series.runs.length).toBeGreaterThanOrEqual(6);
    expect(measured.message).toMatch(/95 % CI/);
    await popup.waitFor(
      '[data-testid="cit-bisection"][data-status="done"] [data-testid="cit-baseline-summary"]',
      15000,
    );
    await popup.screenshot(e2e.screenshotPath('popup-perf-baseline'));
    await popup.close();
    await page.close();
  });
});
