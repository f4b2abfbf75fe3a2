import { type Attributes, button } from './dom';

/**
 * Costly actions (anything that triggers jobs) run only on the user's own click or key press. Our widgets are
 * plain DOM in Treeherder's page, so the page's scripts can call `click()` or `dispatchEvent()` on them; the
 * browser marks those events untrusted (`isTrusted` is false, and no script can set it), and they are ignored.
 */
export function onlyTrusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}

/** A button whose action is costly: only a trusted click (or Enter/Space on it) runs `onClick`. */
export function costlyButton(
  attributes: Attributes,
  children: ReadonlyArray<Node | string>,
  onClick: (event: MouseEvent) => void,
): HTMLButtonElement {
  return button(attributes, children, onlyTrusted(onClick));
}
