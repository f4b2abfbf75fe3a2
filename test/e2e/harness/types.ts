/** The small surface e2e tests need, implemented for Playwright (Chromium) and Puppeteer (Firefox). */
export interface E2ePage {
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  /** Moves the pointer over the element's centre (real pointer events: hover styles, pointerover). */
  hover(selector: string): Promise<void>;
  /** Moves the pointer to a point of the viewport. */
  moveMouse(x: number, y: number): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  press(key: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  url(): string;
  close(): Promise<void>;
  /** Console errors the page logged since it opened. */
  consoleErrors: string[];
}

/** A request to another host that the browser answers itself (no network), e.g. Bugzilla for the real UI. */
export interface HostAnswer {
  /** Requests whose URL starts with this get the answer. */
  urlPrefix: string;
  status: number;
  /** Sent as JSON, with `Access-Control-Allow-Origin: *` (the page reads it cross-origin). */
  json: unknown;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** Scripts run in every web page before its own scripts (Playwright addInitScript, BiDi preload script). */
  initScripts?: string[];
  /** Other hosts' answers, by request interception in both browsers. */
  hostAnswers?: HostAnswer[];
  /** What every page's `prefers-color-scheme` says (Chromium: emulated; Firefox: its content colour-scheme pref). */
  colorScheme?: 'light' | 'dark';
  /** Lets pages read the clipboard without a prompt, so tests can check what a "Copy" button put there. */
  clipboard?: boolean;
}

export const DEFAULT_VIEWPORT = { width: 1280, height: 900 };
/** The toolbar popup's size. */
export const POPUP_VIEWPORT = { width: 400, height: 600 };

export interface E2eBrowser {
  readonly name: 'chromium' | 'firefox';
  /** Opens a web page in a new tab. */
  open(url: string): Promise<E2ePage>;
  /**
   * Stops the extension's background as the browser would (Chromium: the service worker is stopped;
   * Firefox: the add-on is reloaded). Storage and IndexedDB survive; in-memory state does not.
   */
  restartBackground(): Promise<void>;
  /** Opens an extension page, e.g. 'popup/popup.html', at the popup's 400 × 600 unless `viewport` says otherwise. */
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<E2ePage>;
  close(): Promise<void>;
}
