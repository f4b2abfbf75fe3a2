// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const extension = vi.hoisted(() => ({ alive: true }));
vi.mock('../../../platform/browser', () => ({ browser: {}, isExtensionContextAlive: () => extension.alive }));

const { containKeyboard, createContentContext } = await import('../../../content/context');

beforeEach(() => {
  vi.useFakeTimers();
  extension.alive = true;
  document.body.innerHTML = '<button id="page-button">Treeherder</button><div id="ours"><input id="our-input"></div>';
});
afterEach(() => vi.useRealTimers());

describe('the content script lifetime', () => {
  it('ends when the extension context ends, and not when the page writes to <html>', () => {
    const controller = createContentContext();
    for (const value of ['', 'page', '0']) document.documentElement.setAttribute('data-cit-content-instance', value);
    document.documentElement.removeAttribute('data-cit-content-instance');
    vi.advanceTimersByTime(10_000);
    expect(controller.signal.aborted).toBe(false);
    extension.alive = false;
    vi.advanceTimersByTime(2_000);
    expect(controller.signal.aborted).toBe(true);
  });

  it('removes what an orphaned copy left in the page', () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div data-testid="cit-layer"><div data-testid="cit-status"></div></div>',
    );
    createContentContext().abort();
    expect(document.querySelector('[data-testid^="cit-"]')).toBeNull();
    expect(document.getElementById('page-button')).not.toBeNull();
  });
});

/**
 * hotkeys-js (Treeherder's shortcuts) in brief: a key is held from its keydown until its keyup, as seen on the
 * document, and shortcuts fire only while no other key is held.
 */
function heldKeys() {
  const held = new Set<string>();
  const down = (event: KeyboardEvent) => held.add(event.key);
  const up = (event: KeyboardEvent) => held.delete(event.key);
  document.addEventListener('keydown', down);
  document.addEventListener('keyup', up);
  return {
    held,
    stop: () => {
      document.removeEventListener('keydown', down);
      document.removeEventListener('keyup', up);
    },
  };
}
const key = (target: Element, type: 'keydown' | 'keyup' | 'keypress', name: string) =>
  target.dispatchEvent(new KeyboardEvent(type, { key: name, bubbles: true }));

describe('containKeyboard', () => {
  it("keeps our keydown and keypress from Treeherder's document, and lets every keyup through", () => {
    const ours = document.getElementById('ours')!;
    containKeyboard(ours);
    const input = document.getElementById('our-input')!;
    const seen: string[] = [];
    for (const type of ['keydown', 'keypress', 'keyup'])
      document.addEventListener(type, (event) => seen.push(`${type} ${(event as KeyboardEvent).key}`));
    for (const name of ['r', 'j', 'Escape', 'Tab', 'Shift']) {
      key(input, 'keydown', name);
      key(input, 'keypress', name);
      key(input, 'keyup', name);
    }
    expect(seen).toEqual(['keyup r', 'keyup j', 'keyup Escape', 'keyup Tab', 'keyup Shift']);
  });

  it('never leaves a key held: Tab pressed on the page and released in our widget is released', () => {
    const ours = document.getElementById('ours')!;
    containKeyboard(ours);
    const tracker = heldKeys();
    // Tab goes down on Treeherder's button, focus moves into our input, Tab comes up there.
    key(document.getElementById('page-button')!, 'keydown', 'Tab');
    key(document.getElementById('our-input')!, 'keyup', 'Tab');
    expect([...tracker.held]).toEqual([]);
    // Shift+Tab back out: both go down in our widget, come up on the page.
    key(document.getElementById('our-input')!, 'keydown', 'Shift');
    key(document.getElementById('our-input')!, 'keydown', 'Tab');
    key(document.getElementById('page-button')!, 'keyup', 'Tab');
    key(document.getElementById('page-button')!, 'keyup', 'Shift');
    expect([...tracker.held]).toEqual([]);
    tracker.stop();
  });
});
