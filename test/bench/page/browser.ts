import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { PAGE_WATCHER_SOURCE } from './page-watcher';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BenchBrowser {
  context: BrowserContext;
  extensionId: string;
  /** A new tab (the page watcher runs in every document before its own scripts) and a CDP session on it. */
  newPage(): Promise<{ page: Page; cdp: CDPSession }>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with the development build, as test/e2e/harness/chromium.ts launches it, plus what
 * only a benchmark needs and the harness does not expose: an init script (the watcher must see the
 * page's `.ready` appear, so it has to be there before the page's own script) and a CDP session per
 * page for CPU profiles.
 */
export async function launchBenchBrowser(extensionDir: string): Promise<BenchBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'cit-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--disable-gpu'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  await context.addInitScript({ content: PAGE_WATCHER_SOURCE });
  return {
    context,
    extensionId: new URL(worker.url()).host,
    async newPage() {
      const page = await context.newPage();
      return { page, cdp: await context.newCDPSession(page) };
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
