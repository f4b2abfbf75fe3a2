import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromiumContext } from '../../e2e/harness/chromium';
import { PAGE_WATCHER_SOURCE } from './page-watcher';

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
  const { context, extensionId, closeAll } = await launchChromiumContext(extensionDir, 'cit-bench-chromium-');
  await context.addInitScript({ content: PAGE_WATCHER_SOURCE });
  return {
    context,
    extensionId,
    async newPage() {
      const page = await context.newPage();
      return { page, cdp: await context.newCDPSession(page) };
    },
    close: closeAll,
  };
}
