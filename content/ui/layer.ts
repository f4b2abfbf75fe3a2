import { containKeyboard } from '../context';
import { observe } from '../observe';

/**
 * The one overlay layer for everything we show on the page. Treeherder is a React app: children added
 * inside its containers can break reconciliation and shift job rows, so each widget lives in this fixed
 * layer on document.body and follows its anchor element's box instead (docs/design.md, decision 8).
 *
 * - One widget per anchor and per key (e.g. "job:123"): when React replaces an anchor node, the new
 *   node inherits the existing widget instead of getting a second one.
 * - A widget is removed when its anchor leaves the document or stops qualifying (`keep`).
 * - Positions are read in one pass and written in a second (no layout thrashing), on scroll (capture,
 *   so inner scroll containers count), on resize, and after each observe batch (`requestUpdate`).
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** Where a widget goes, given its anchor's viewport box. */
export type Placement = (anchor: DOMRectReadOnly) => Box;

export interface MountOptions {
  /** Identity of what the widget is about ("job:123"), so a replaced anchor node reuses the widget. */
  key: string;
  /** Defaults to covering the anchor's own box. */
  place?: Placement;
  /** The widget stays only while this holds (besides the anchor being in the document). */
  keep?: (anchor: Element) => boolean;
  /** The widget is hidden while its anchor is scrolled outside this element's box (default: the viewport). */
  clip?: () => Element | null;
  onRemove?: () => void;
}

export interface OverlayLayer {
  readonly root: HTMLElement;
  /** The anchor's widget; created with `create` only when neither the anchor nor the key has one. */
  mount(anchor: Element, options: MountOptions, create: () => HTMLElement): HTMLElement;
  widgetFor(anchor: Element): HTMLElement | undefined;
  /** Re-places widgets after this task (before the next paint). */
  requestUpdate(): void;
}

interface Entry {
  anchor: Element;
  readonly widget: HTMLElement;
  readonly options: MountOptions;
  /** Last written geometry, so unchanged widgets cost no style writes. */
  written: string;
  hidden: boolean;
}

const coverAnchor: Placement = (rect) => ({ x: rect.left, y: rect.top, width: rect.width, height: rect.height });

/** The layer of one content-script lifetime (the features' context holds it), removed when `signal` aborts. */
export function createOverlayLayer(signal: AbortSignal): OverlayLayer {
  const root = document.createElement('div');
  root.className = 'cit-layer';
  root.dataset.testid = 'cit-layer';
  containKeyboard(root);
  document.body.append(root);

  const byAnchor = new Map<Element, Entry>();
  const byKey = new Map<string, Entry>();
  let microtaskQueued = false;
  let frameQueued = false;

  const remove = (entry: Entry) => {
    byAnchor.delete(entry.anchor);
    if (byKey.get(entry.options.key) === entry) byKey.delete(entry.options.key);
    entry.widget.remove();
    entry.options.onRemove?.();
  };
  const isAlive = (entry: Entry) => entry.anchor.isConnected && (entry.options.keep?.(entry.anchor) ?? true);

  const update = () => {
    if (signal.aborted) return;
    for (const entry of Array.from(byAnchor.values())) if (!isAlive(entry)) remove(entry);
    // Reads first, then writes: one forced layout at most.
    const clipBoxes = new Map<Element | null, DOMRectReadOnly>();
    const measured = Array.from(byAnchor.values(), (entry) => {
      const rect = entry.anchor.getBoundingClientRect();
      const clipElement = entry.options.clip?.() ?? null;
      let clip = clipBoxes.get(clipElement);
      if (!clip) {
        clip = clipElement
          ? clipElement.getBoundingClientRect()
          : new DOMRect(0, 0, window.innerWidth, window.innerHeight);
        clipBoxes.set(clipElement, clip);
      }
      const shown =
        (rect.width > 0 || rect.height > 0) &&
        rect.bottom > clip.top &&
        rect.top < clip.bottom &&
        rect.right > clip.left &&
        rect.left < clip.right;
      return { entry, rect, shown };
    });
    for (const { entry, rect, shown } of measured) write(entry, rect, shown);
  };

  const write = (entry: Entry, rect: DOMRectReadOnly, shown: boolean) => {
    if (entry.hidden === shown) {
      entry.hidden = !shown;
      entry.widget.toggleAttribute('data-cit-offscreen', !shown);
    }
    if (!shown) return;
    const box = (entry.options.place ?? coverAnchor)(rect);
    const geometry = `${Math.round(box.x)},${Math.round(box.y)},${Math.round(box.width)},${Math.round(box.height)}`;
    if (geometry === entry.written) return;
    entry.written = geometry;
    const style = entry.widget.style;
    style.transform = `translate(${Math.round(box.x)}px, ${Math.round(box.y)}px)`;
    style.width = `${Math.round(box.width)}px`;
    style.height = `${Math.round(box.height)}px`;
  };

  const requestUpdate = () => {
    if (microtaskQueued) return;
    microtaskQueued = true;
    queueMicrotask(() => {
      microtaskQueued = false;
      update();
    });
  };
  const requestFrame = () => {
    if (frameQueued) return;
    frameQueued = true;
    requestAnimationFrame(() => {
      frameQueued = false;
      update();
    });
  };

  document.addEventListener('scroll', requestFrame, { capture: true, passive: true, signal });
  // Every observe batch (body always matches): anchors may have moved, been replaced or removed.
  observe('body', requestUpdate, { signal, name: 'overlay-layer' });
  window.addEventListener('resize', requestFrame, { passive: true, signal });
  signal.addEventListener(
    'abort',
    () => {
      for (const entry of Array.from(byAnchor.values())) remove(entry);
      root.remove();
    },
    { once: true },
  );

  return {
    root,
    widgetFor: (anchor) => byAnchor.get(anchor)?.widget,
    requestUpdate,
    mount(anchor, options, create) {
      const existing = byAnchor.get(anchor);
      if (existing) return existing.widget;
      const sameKey = byKey.get(options.key);
      if (sameKey) {
        // Either React replaced the anchor node (move the widget over) or the same job shows twice
        // (keep the one widget set where it is).
        if (isAlive(sameKey)) return sameKey.widget;
        byAnchor.delete(sameKey.anchor);
        sameKey.anchor = anchor;
        sameKey.written = '';
        byAnchor.set(anchor, sameKey);
        requestUpdate();
        return sameKey.widget;
      }
      const widget = create();
      widget.classList.add('cit-widget');
      widget.toggleAttribute('data-cit-offscreen', true);
      const entry: Entry = { anchor, widget, options, written: '', hidden: true };
      byAnchor.set(anchor, entry);
      byKey.set(options.key, entry);
      root.append(widget);
      requestUpdate();
      return widget;
    },
  };
}

/**
 * The element whose scrolling moves `element` (Treeherder scrolls #th-global-content, not the window),
 * or null for the viewport. Cached: computed styles are too costly to read per widget per frame.
 */
const scrollParents = new WeakMap<Element, Element | null>();
export function scrollParentOf(element: Element): Element | null {
  if (scrollParents.has(element)) return scrollParents.get(element) ?? null;
  let found: Element | null = null;
  for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(node).overflowY)) {
      found = node;
      break;
    }
  }
  scrollParents.set(element, found);
  return found;
}
