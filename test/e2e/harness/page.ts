import type { E2ePage } from './types';

/** What Playwright's and Puppeteer's pages both offer, as far as the shared part of E2ePage needs. */
interface DriverPage {
  evaluate(fn: never, arg: never): Promise<unknown>;
  bringToFront(): Promise<void>;
  hover(selector: string): Promise<void>;
  keyboard: { press(key: never): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void> };
  url(): string;
  close(): Promise<void>;
}

/** The browser-specific part: how each driver waits, clicks, types and takes screenshots. */
export type DriverSpecific = Pick<E2ePage, 'waitFor' | 'click' | 'type' | 'screenshot'>;

/** One E2ePage over either driver; `consoleErrors` is filled by the caller's console listeners. */
export function wrapDriverPage(page: DriverPage, specific: DriverSpecific, consoleErrors: string[]): E2ePage {
  return {
    consoleErrors,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
    hover: async (selector) => {
      // A tab left in the background (another tab opened meanwhile) gets no animation frames.
      await page.bringToFront();
      await page.hover(selector);
    },
    moveMouse: (x, y) => page.mouse.move(x, y),
    press: (key) => page.keyboard.press(key as never),
    url: () => page.url(),
    close: () => page.close(),
    ...specific,
  };
}
