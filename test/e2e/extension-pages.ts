import type { E2eBrowser } from './harness/types';

/** Signs in through the options page's paste route; returns the sentence the page showed. */
export async function pasteClient(browser: E2eBrowser, creds: { clientId: string; accessToken: string }): Promise<string> {
  const options = await browser.openExtensionPage('options/options.html');
  await options.waitFor('[data-testid="cit-paste-client"] input[name="clientId"]', 15000);
  await options.type('input[name="clientId"]', creds.clientId);
  await options.type('input[name="accessToken"]', creds.accessToken);
  await options.click('[data-testid="cit-paste-client"] button[type="submit"]');
  await options.waitFor('[data-testid="cit-paste-result"]', 15000);
  const text = await options.evaluate(() => document.querySelector('[data-testid="cit-paste-result"]')?.textContent ?? '');
  await options.close();
  return text;
}

/** Raises the daily task cap in settings (the only way to raise it). */
export async function raiseDailyCap(browser: E2eBrowser, cap: number): Promise<void> {
  const options = await browser.openExtensionPage('options/options.html');
  await options.waitFor('[data-testid="cit-settings-form"]', 15000);
  const reply = await options.evaluate(async (value) => {
    const api = ((globalThis as { browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser ??
      (globalThis as { chrome?: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome)!;
    return api.runtime.sendMessage({ cit: 1, type: 'updateSettings', data: { dailyTaskCap: value } });
  }, cap);
  if (!(reply as { ok?: boolean }).ok) throw new Error(`could not raise the cap: ${JSON.stringify(reply)}`);
  await options.close();
}
