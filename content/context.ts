import { isExtensionContextAlive } from '../platform/browser';

/**
 * The lifetime of this content script. Aborts when the extension is reloaded or updated (the old
 * script is orphaned and must stop quietly) or when a newer copy announces itself.
 */
export function createContentContext(): AbortController {
  const controller = new AbortController();
  const marker = 'data-cit-content-instance';
  const instance = String(Math.random()).slice(2);
  document.documentElement.setAttribute(marker, instance);
  const check = window.setInterval(() => {
    const replaced = document.documentElement.getAttribute(marker) !== instance;
    if (replaced || !isExtensionContextAlive()) controller.abort();
  }, 2000);
  controller.signal.addEventListener('abort', () => window.clearInterval(check), { once: true });
  return controller;
}

/** Keys typed inside our UI must not reach Treeherder's document-level shortcuts (e.g. `r` retriggers). */
export function containKeyboard(root: HTMLElement): void {
  for (const type of ['keydown', 'keyup', 'keypress'] as const) {
    root.addEventListener(type, (event) => event.stopPropagation());
  }
}
