import type { FakeCi } from '../fake-ci/server';
import type { E2eBrowser, E2ePage } from './harness/types';

/** Signs in through the options page's paste route; returns the sentence the page showed. */
export async function pasteClient(
  browser: E2eBrowser,
  creds: { clientId: string; accessToken: string },
): Promise<string> {
  const options = await browser.openExtensionPage('options/options.html');
  await options.waitFor('[data-testid="cit-paste-client"] input[name="clientId"]', 15000);
  await options.type('input[name="clientId"]', creds.clientId);
  await options.type('input[name="accessToken"]', creds.accessToken);
  await options.click('[data-testid="cit-paste-client"] button[type="submit"]');
  await options.waitFor('[data-testid="cit-paste-result"]', 15000);
  const text = await options.evaluate(
    () => document.querySelector('[data-testid="cit-paste-result"]')?.textContent ?? '',
  );
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

/** Sends a protocol message from an extension page (as the popup itself does); throws the background's error. */
export function sendFromExtensionPage<T>(page: E2ePage, type: string, data: unknown): Promise<T> {
  return page.evaluate(
    async ({ type, data }) => {
      const api = ((globalThis as { browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser ??
        (globalThis as { chrome?: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome)!;
      const reply = (await api.runtime.sendMessage({ cit: 1, type, data })) as {
        ok: boolean;
        result?: unknown;
        error?: { message: string };
      };
      if (!reply.ok) throw new Error(reply.error?.message);
      return reply.result;
    },
    { type, data },
  ) as Promise<T>;
}

/**
 * Steps a bisection session (as the alarm would) while simulated CI time passes, until it ends.
 * `beforeStep` may swap the page (e.g. after stopping the background) and returns the page to use.
 */
export async function driveSessionToEnd<S extends { id: string; status: string }>(
  page: E2ePage,
  fake: FakeCi,
  id: string,
  options: { maxSteps?: number; beforeStep?: (step: number, page: E2ePage) => Promise<E2ePage> } = {},
): Promise<S> {
  const maxSteps = options.maxSteps ?? 60;
  let current = page;
  for (let step = 0; step < maxSteps; step++) {
    if (options.beforeStep) current = await options.beforeStep(step, current);
    await sendFromExtensionPage(current, 'pollTrackedNow', {});
    const session = (await sendFromExtensionPage<S[]>(current, 'listBisections', {})).find((s) => s.id === id)!;
    if (session.status !== 'running') return session;
    fake.advance(45 * 60_000);
  }
  throw new Error(`the session did not finish in ${maxSteps} steps`);
}
