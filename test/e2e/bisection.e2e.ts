import { expect, it } from 'vitest';
import { describeInBothBrowsers } from './harness/session';
import { RANGE_EVIDENCE_PASSES } from '../../src/gap/bisection-range';
import { jobsOfPush } from './fake-data';
import { driveSessionToEnd, pasteClient, raiseDailyCap } from './extension-pages';
import { sendFromContentScript } from './helpers';

interface SessionView {
  id: string;
  status: string;
  verdict?: { kind: string; pushIndex?: number };
  suspects: { pushId: number }[];
  culprit?: { pushId: number };
  rounds: { probes: { key: string; status: string }[] }[];
  message?: string;
}

describeInBothBrowsers('bisection', { scenario: { scenario: 'intermittent', timeScale: 0 } }, (e2e) => {
  it('finds the planted intermittent culprit, and a background stopped mid-bisection triggers nothing twice', async () => {
    const { browser, fake } = e2e;
    const regression = fake.truth.regressions[0]!;
    const job = (await jobsOfPush(fake, 'autoland', regression.firstFailurePushId)).find(
      (j) => j.label === regression.label && j.result === 'testfailed',
    )!;
    const page = await e2e.openJobsPage();
    expect(await e2e.signIn()).toBe(`Saved client ${fake.credentials.clientId}.`);
    await raiseDailyCap(browser, 1000);

    const request = { repo: 'autoland', jobId: job.jobId, mode: 'bisect', budget: 150, parallel: 4 };
    const preview = await sendFromContentScript(page, 'previewBisection', request);
    expect(preview).toMatchObject({ ok: true, result: { suspects: regression.gap + 1 + RANGE_EVIDENCE_PASSES } });
    const started = await sendFromContentScript(page, 'startBisection', request);
    expect(started.ok, started.error).toBe(true);
    const id = (started.result as SessionView).id;

    let popup = await browser.openExtensionPage('popup/popup.html');
    const done = await driveSessionToEnd<SessionView>(popup, fake, id, {
      beforeStep: async (step, current) => {
        if (step !== 2) return current;
        // Stop the background mid-bisection, once.
        await current.close();
        await browser.restartBackground();
        // Firefox forgets session-only credentials when the add-on restarts; sign in again (no-op in Chromium).
        await pasteClient(browser, fake.credentials);
        popup = await browser.openExtensionPage('popup/popup.html');
        return popup;
      },
    });
    expect(done.verdict, done.message).toMatchObject({ kind: 'culprit' });
    expect(done.culprit?.pushId).toBe(regression.culpritPushId);

    // Every probe went out exactly once: one hook call per sent probe, no key twice.
    const keys = done.rounds.flatMap((r) => r.probes.map((p) => p.key));
    expect(new Set(keys).size).toBe(keys.length);
    const sent = done.rounds.flatMap((r) => r.probes).filter((p) => p.status === 'sent').length;
    const hookCalls = fake
      .state()
      .hookTriggers.filter((t) => t.actionName === 'add-new-jobs' || t.actionName === 'retrigger-multiple');
    expect(hookCalls.length).toBe(sent);

    await popup.waitFor(
      '[data-testid="cit-bisection"][data-status="done"] [data-testid="cit-bisection-chart"] canvas',
      15000,
    );
    await popup.screenshot(e2e.screenshotPath('popup-bisection'));
    await popup.close();
    await page.close();
  });
});
