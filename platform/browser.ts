/**
 * The only module that imports webextension-polyfill. Everything else imports `browser` from here,
 * so tests can mock one module and the polyfill stays swappable.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Tabs, Storage, Alarms } from 'webextension-polyfill';
export { browser };

/** True when this script's extension context was invalidated (extension updated or reloaded). */
export function isExtensionContextAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}
