import { isExtensionContextAlive } from '../platform/browser';

/**
 * The lifetime of this content script. Aborts when the extension is reloaded or updated: the old copy is
 * orphaned (its extension context is gone) and must stop quietly. Nothing the page can write decides it (an
 * attribute on <html> once did, so a page could switch the extension off). A new copy removes what an
 * orphaned one left in the page (Firefox keeps the DOM of a stopped add-on's content scripts).
 */
export function createContentContext(): AbortController {
  const controller = new AbortController();
  for (const leftover of Array.from(document.querySelectorAll(LEFTOVERS))) leftover.remove();
  const check = window.setInterval(() => {
    if (!isExtensionContextAlive()) controller.abort();
  }, 2000);
  controller.signal.addEventListener('abort', () => window.clearInterval(check), { once: true });
  return controller;
}

/** The one top-level element a content script adds to the page: the overlay layer holds everything. */
const LEFTOVERS = 'body > [data-testid="cit-layer"]';

/**
 * Keys typed inside our UI must not reach Treeherder's document-level shortcuts (`r` retriggers the selected
 * job), so their keydown and keypress stop at `root`. Their keyup always goes on: Treeherder's shortcuts
 * (hotkeys-js) track held keys from keydown/keyup on the document, and a key whose keyup never arrives stays
 * "held" (Tab, pressed on the page, released in our widget) and blocks every shortcut until pressed again.
 */
export function containKeyboard(root: HTMLElement): void {
  for (const type of ['keydown', 'keypress'] as const) {
    root.addEventListener(type, (event) => event.stopPropagation());
  }
}
