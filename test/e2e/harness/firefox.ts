import puppeteer, { type Page } from 'puppeteer-core';
import type { E2eBrowser, E2ePage } from './types';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'treeherder-ci-tools@mozilla-ci-tools.example';
/** Fixed internal UUID so tests can open moz-extension:// pages. */
const UUID = '0e2e7e57-0000-4000-8000-00000000c170';

/** Launches Firefox ESR over WebDriver BiDi and installs the unpacked extension as a temporary add-on. */
export async function launchFirefox(extensionDir: string): Promise<E2eBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  await browser.installExtension(extensionDir);

  const wrap = (page: Page): E2ePage => {
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(err instanceof Error ? err.message : String(err)));
    return {
      consoleErrors,
      evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
      waitFor: async (selector, timeoutMs = 10000) => {
        await page.waitForSelector(selector, { timeout: timeoutMs });
      },
      click: async (selector) => {
        await page.bringToFront();
        await page.click(selector);
      },
      type: (selector, text) => page.type(selector, text),
      press: (key) => page.keyboard.press(key as never),
      screenshot: async (path) => {
        await page.screenshot({ path: path as `${string}.png` });
      },
      url: () => page.url(),
      close: () => page.close(),
    };
  };

  return {
    name: 'firefox',
    async open(url) {
      const page = await browser.newPage();
      const wrapped = wrap(page);
      await page.goto(url);
      return wrapped;
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      await page.setViewport({ width: 400, height: 600 });
      const wrapped = wrap(page);
      // Firefox never reports moz-extension:// navigations as complete over BiDi: don't wait for it.
      await page.goto(`moz-extension://${UUID}/${path}`, { timeout: 1500 }).catch(() => undefined);
      return wrapped;
    },
    async restartBackground() {
      const page = await browser.newPage();
      await page.goto(`moz-extension://${UUID}/options/options.html`, { timeout: 1500 }).catch(() => undefined);
      await page.waitForFunction(() => document.readyState === 'complete', { timeout: 10000 });
      // Reloading a temporary add-on restarts its event page; its pages close with it.
      await page
        .evaluate(() => {
          setTimeout(
            () => (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload(),
            50,
          );
        })
        .catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    },
    async close() {
      await browser.close();
    },
  };
}
