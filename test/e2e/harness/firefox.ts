import puppeteer, { type HTTPRequest, type Page } from 'puppeteer-core';
import { wrapDriverPage } from './page';
import {
  DEFAULT_VIEWPORT,
  POPUP_VIEWPORT,
  type E2eBrowser,
  type E2ePage,
  type HostAnswer,
  type LaunchOptions,
} from './types';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'treeherder-ci-tools@mozilla-ci-tools.example';
/** Fixed internal UUID so tests can open moz-extension:// pages. */
const UUID = '0e2e7e57-0000-4000-8000-00000000c170';

/** Launches Firefox ESR over WebDriver BiDi and installs the unpacked extension as a temporary add-on. */
export async function launchFirefox(extensionDir: string, options: LaunchOptions = {}): Promise<E2eBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: options.viewport ?? DEFAULT_VIEWPORT,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      // 0 = dark, 1 = light (what pages' prefers-color-scheme says).
      ...(options.colorScheme
        ? { 'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1 }
        : {}),
      // Firefox's own test switch: navigator.clipboard.readText() without the paste prompt.
      ...(options.clipboard ? { 'dom.events.testing.asyncClipboard': true } : {}),
    },
  });
  await browser.installExtension(extensionDir);

  const wrap = (page: Page): E2ePage => {
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(err instanceof Error ? err.message : String(err)));
    return wrapDriverPage(
      page,
      {
        waitFor: async (selector, timeoutMs = 10000) => {
          await page.waitForSelector(selector, { timeout: timeoutMs });
        },
        click: async (selector) => {
          await page.bringToFront();
          await page.click(selector);
        },
        type: (selector, text) => page.type(selector, text),
        screenshot: async (path) => {
          await page.screenshot({ path: path as `${string}.png` });
        },
      },
      consoleErrors,
    );
  };

  return {
    name: 'firefox',
    async open(url) {
      const page = await browser.newPage();
      const wrapped = wrap(page);
      for (const script of options.initScripts ?? []) await page.evaluateOnNewDocument(script);
      if (options.hostAnswers?.length) await answerHosts(page, options.hostAnswers);
      await page.goto(url);
      return wrapped;
    },
    async openExtensionPage(path, viewport = POPUP_VIEWPORT) {
      const page = await browser.newPage();
      await page.setViewport(viewport);
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

/**
 * Answers other hosts' requests of this page itself: puppeteer's request interception, which over
 * WebDriver BiDi is `network.addIntercept` + `network.provideResponse`. Every other request continues.
 */
async function answerHosts(page: Page, answers: HostAnswer[]): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const answer = answers.find((a) => request.url().startsWith(a.urlPrefix));
    const handled = answer
      ? request.respond({
          status: answer.status,
          headers: { 'Access-Control-Allow-Origin': '*' },
          contentType: 'application/json',
          body: JSON.stringify(answer.json),
        })
      : request.continue();
    void handled.catch(() => undefined); // the page may have closed meanwhile
  });
}
