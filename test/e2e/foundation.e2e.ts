import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectors } from '../../content/selectors';
import { startFakeCi, type FakeCi } from '../fake-ci/server';
import { ARTIFACTS_DIR, BROWSERS, launch } from './harness/browsers';
import type { E2eBrowser } from './harness/types';
import { sendFromContentScript, waitForValue } from './helpers';

describe.each(BROWSERS)('foundation in %s', (browserName) => {
  let browser: E2eBrowser;
  let fake: FakeCi;

  beforeAll(async () => {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    fake = await startFakeCi({ scenario: 'default' });
    browser = await launch(browserName);
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  it('injects its UI into the jobs view and round-trips a message to the background', async () => {
    const page = await browser.open(`${fake.url}/jobs?repo=autoland`);
    await page.waitFor('[data-testid="cit-status"][data-state="connected"]', 20000);
    const text = await page.evaluate(() => document.querySelector('[data-testid="cit-status"]')?.textContent ?? '');
    expect(text).toMatch(/^CI Tools \d+\.\d+\.\d+/);
    await page.close();
  });

  it('every Treeherder selector matches the fake page too (as it matches the real markup in unit tests)', async () => {
    const page = await browser.open(`${fake.url}/jobs?repo=autoland`);
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
    const page = await browser.open(`${fake.url}/jobs?repo=autoland`);
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
    const popup = await browser.openExtensionPage('popup/popup.html');
    await popup.waitFor('[data-testid="cit-signin-state"]', 15000);
    const version = await waitForValue(
      popup,
      () => /^v\d/.test(document.querySelector('[data-testid="cit-popup-version"]')?.textContent ?? '') || null,
    );
    expect(version).toBe(true);
    await popup.screenshot(join(ARTIFACTS_DIR, `popup-${browserName}.png`));
    expect(popup.consoleErrors).toEqual([]);
    await popup.close();
  });

  it('accepts privileged messages from the options page', async () => {
    const options = await browser.openExtensionPage('options/options.html');
    await options.waitFor('[data-testid="cit-paste-client"] input[name="clientId"]', 15000);
    await options.type('input[name="clientId"]', fake.credentials.clientId);
    await options.type('input[name="accessToken"]', fake.credentials.accessToken);
    await options.click('[data-testid="cit-paste-client"] button[type="submit"]');
    await options.waitFor('[data-testid="cit-paste-result"]');
    const result = await options.evaluate(
      () => document.querySelector('[data-testid="cit-paste-result"]')?.textContent ?? '',
    );
    expect(result).toContain(`Saved client ${fake.credentials.clientId}.`);
    await options.close();
  });
});
