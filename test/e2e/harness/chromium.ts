import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { wrapDriverPage } from './page';
import {
  DEFAULT_VIEWPORT,
  POPUP_VIEWPORT,
  type E2eBrowser,
  type E2ePage,
  type HostAnswer,
  type LaunchOptions,
} from './types';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The system Chromium with the unpacked extension loaded (extensions need a persistent context), its
 * extension id read from the service worker, and a close that also removes the temporary profile.
 */
export async function launchChromiumContext(
  extensionDir: string,
  profilePrefix = 'cit-chromium-',
  viewport = DEFAULT_VIEWPORT,
  colorScheme?: 'light' | 'dark',
): Promise<{ context: BrowserContext; extensionId: string; closeAll(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), profilePrefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    ...(colorScheme ? { colorScheme } : {}),
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--disable-gpu'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    async closeAll() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Answers other hosts' requests of every page of the context itself (Playwright's `context.route`). */
export async function answerHosts(context: BrowserContext, answers: HostAnswer[]): Promise<void> {
  for (const answer of answers) {
    await context.route(
      (url) => url.href.startsWith(answer.urlPrefix),
      (route) =>
        route.fulfill({
          status: answer.status,
          headers: { 'Access-Control-Allow-Origin': '*' },
          contentType: 'application/json',
          body: JSON.stringify(answer.json),
        }),
    );
  }
}

/** Launches Chromium with the extension for e2e tests. */
export async function launchChromium(extensionDir: string, options: LaunchOptions = {}): Promise<E2eBrowser> {
  const { context, extensionId, closeAll } = await launchChromiumContext(
    extensionDir,
    undefined,
    options.viewport,
    options.colorScheme,
  );
  // Granted to every origin: Playwright refuses a chrome-extension:// origin ("opaque").
  if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const content of options.initScripts ?? []) await context.addInitScript({ content });
  await answerHosts(context, options.hostAnswers ?? []);

  const wrap = (page: Page): E2ePage => {
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    return wrapDriverPage(
      page,
      {
        waitFor: async (selector, timeoutMs = 10000) => {
          await page.waitForSelector(selector, { timeout: timeoutMs, state: 'attached' });
        },
        click: async (selector) => {
          // A tab left in the background (another tab opened meanwhile) gets no animation frames.
          await page.bringToFront();
          await page.click(selector, { timeout: 15000 });
        },
        type: (selector, text) => page.locator(selector).pressSequentially(text),
        screenshot: async (path) => {
          await page.screenshot({ path });
        },
      },
      consoleErrors,
    );
  };

  return {
    name: 'chromium',
    async open(url) {
      const page = await context.newPage();
      const wrapped = wrap(page);
      await page.goto(url);
      return wrapped;
    },
    async openExtensionPage(path, viewport = POPUP_VIEWPORT) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      const wrapped = wrap(page);
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return wrapped;
    },
    async restartBackground() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    close: closeAll,
  };
}
