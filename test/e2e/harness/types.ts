/** The small surface e2e tests need, implemented for Playwright (Chromium) and Puppeteer (Firefox). */
export interface E2ePage {
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  press(key: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  url(): string;
  close(): Promise<void>;
  /** Console errors the page logged since it opened. */
  consoleErrors: string[];
}

export interface E2eBrowser {
  readonly name: 'chromium' | 'firefox';
  /** Opens a web page in a new tab. */
  open(url: string): Promise<E2ePage>;
  /**
   * Stops the extension's background as the browser would (Chromium: the service worker is stopped;
   * Firefox: the add-on is reloaded). Storage and IndexedDB survive; in-memory state does not.
   */
  restartBackground(): Promise<void>;
  /** Opens an extension page, e.g. 'popup/popup.html'. */
  openExtensionPage(path: string): Promise<E2ePage>;
  close(): Promise<void>;
}
