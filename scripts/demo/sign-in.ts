/**
 * Signs the extension in from its options page ("paste a client"), as a person would. The demo's
 * headed browsers are driven by Playwright (Chromium) or puppeteer (Firefox); both pages have these
 * methods. The headless tour uses test/e2e/extension-pages.ts with the e2e harness instead.
 */
export interface DrivablePage {
  waitForSelector(selector: string, options: { timeout: number }): Promise<unknown>;
  type(selector: string, text: string): Promise<void>;
  click(selector: string): Promise<void>;
  evaluate(fn: () => string): Promise<string>;
  close(): Promise<void>;
}

const FORM = '[data-testid="cit-paste-client"]';
const RESULT = '[data-testid="cit-paste-result"]';

/** Fills in and submits the paste form on an already opened options page; returns the sentence it shows. */
export async function pasteClientOnOptionsPage(
  options: DrivablePage,
  credentials: { clientId: string; accessToken: string },
): Promise<string> {
  await options.waitForSelector(`${FORM} input[name="clientId"]`, { timeout: 15000 });
  await options.type(`${FORM} input[name="clientId"]`, credentials.clientId);
  await options.type(`${FORM} input[name="accessToken"]`, credentials.accessToken);
  await options.click(`${FORM} button[type="submit"]`);
  await options.waitForSelector(RESULT, { timeout: 15000 });
  return options.evaluate(() => document.querySelector('[data-testid="cit-paste-result"]')?.textContent ?? '');
}
