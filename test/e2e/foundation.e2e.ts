import { expect, it } from 'vitest';
import { selectors } from '../../content/selectors';
import { describeInBothBrowsers } from './harness/session';
import { sendFromContentScript, waitForValue } from './helpers';

describeInBothBrowsers('foundation', { scenario: { scenario: 'default' } }, (e2e) => {
  it('injects its UI into the jobs view and round-trips a message to the background', async () => {
    const page = await e2e.openJobsPage();
    await page.waitFor('[data-testid="cit-status"][data-state="connected"]', 20000);
    const text = await page.evaluate(() => document.querySelector('[data-testid="cit-status"]')?.textContent ?? '');
    expect(text).toMatch(/^CI Tools \d+\.\d+\.\d+/);
    await page.close();
  });

  it('every Treeherder selector matches the fake page too (as it matches the real markup in unit tests)', async () => {
    const page = await e2e.openJobsPage();
    await page.waitFor(selectors.pushListReady, 20000);
    // Select a failing job the way Treeherder users do, so the details panel and its action bar exist.
    await page.evaluate((sel) => {
      const job = document.querySelector(sel)!;
      job.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      job.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
    }, selectors.failingJobButton);
    await page.waitFor(selectors.retriggerButton);
    const counts = await page.evaluate(
      (all) =>
        Object.fromEntries(Object.entries(all).map(([name, sel]) => [name, document.querySelectorAll(sel).length])),
      selectors as Record<string, string>,
    );
    for (const [name, count] of Object.entries(counts)) expect(count, name).toBeGreaterThan(0);
    expect(counts.selectedJob).toBe(1);
    await page.close();
  });

  it('refuses privileged messages sent from a content script', async () => {
    const page = await e2e.openJobsPage();
    const ping = await sendFromContentScript(page, 'ping', {});
    expect(ping).toMatchObject({ ok: true, result: { fromExtensionPage: false } });
    for (const type of ['getCredentialsStatus', 'updateSettings', 'setPastedCredentials', 'getSettings']) {
      const reply = await sendFromContentScript(
        page,
        type,
        type === 'setPastedCredentials' ? { clientId: 'evil', accessToken: 'x'.repeat(20) } : {},
      );
      expect(reply.ok, type).toBe(false);
      expect(reply.error).toMatch(/only be sent from the extension's own pages/);
    }
    const unknown = await sendFromContentScript(page, 'formatDisk', {});
    expect(unknown).toMatchObject({ ok: false, error: 'Unknown message "formatDisk".' });
    await page.close();
  });

  it('opens the popup, which talks to the background', async () => {
    const popup = await e2e.browser.openExtensionPage('popup/popup.html');
    await popup.waitFor('[data-testid="cit-signin-state"]', 15000);
    const version = await waitForValue(
      popup,
      () => /^v\d/.test(document.querySelector('[data-testid="cit-popup-version"]')?.textContent ?? '') || null,
    );
    expect(version).toBe(true);
    await popup.screenshot(e2e.screenshotPath('popup'));
    expect(popup.consoleErrors).toEqual([]);
    await popup.close();
  });

  it('accepts privileged messages from the options page', async () => {
    const options = await e2e.browser.openExtensionPage('options/options.html');
    await options.waitFor('[data-testid="cit-paste-client"] input[name="clientId"]', 15000);
    await options.type('input[name="clientId"]', e2e.fake.credentials.clientId);
    await options.type('input[name="accessToken"]', e2e.fake.credentials.accessToken);
    await options.click('[data-testid="cit-paste-client"] button[type="submit"]');
    await options.waitFor('[data-testid="cit-paste-result"]');
    const result = await options.evaluate(
      () => document.querySelector('[data-testid="cit-paste-result"]')?.textContent ?? '',
    );
    expect(result).toContain(`Saved client ${e2e.fake.credentials.clientId}.`);
    await options.close();
  });
});
