import { containKeyboard } from '../context';
import { observe } from '../observe';
import { type Align, placeBeside } from './placement';

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
 * - Floating elements (popovers, panels, toasts: `float`) live in the layer's root and are placed beside
 *   their anchor inside the window (placement.ts), again in each pass and whenever they grow.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
/**
 * Where a widget goes, given its anchor's viewport box and the anchor itself (to measure its neighbours).
 * Called while the layer reads, before it writes; `pass` shares measurements between the widgets of one pass.
 */
export type Placement = (rect: DOMRectReadOnly, anchor: Element, pass: PlacementPass) => Box;

export interface PlacementPass {
  /** `measure()` once per pass and key (e.g. one job row's free end, shared by every failing job in it). */
  memo<T>(key: object, measure: () => T): T;
}

export interface MountOptions {
  /** Identity of what the widget is about ("job:123"), so a replaced anchor node reuses the widget. */
  key: string;
  /** Defaults to covering the anchor's own box. */
  place?: Placement;
  /** The widget stays only while this holds (besides the anchor being in the document). */
  keep?: (anchor: Element) => boolean;
  /**
   * The widget is hidden while its anchor is scrolled outside this element's box (default: the viewport), or
   * while its own box is not wholly inside it vertically.
   */
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
  /**
   * Shows `element` (a popover, panel or toast) in the layer, beside `anchor` and inside the window, until
   * `signal` aborts; re-placed when it grows, the page scrolls or the window resizes.
   */
  float(element: HTMLElement, options: FloatOptions): void;
}

export interface FloatOptions {
  anchor: Element;
  align?: Align;
  signal: AbortSignal;
}

interface Floating {
  readonly element: HTMLElement;
  readonly options: FloatOptions;
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
  const floats = new Set<Floating>();
  const resizes = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => requestFrame());
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
    const memos = new Map<object, unknown>();
    const pass: PlacementPass = {
      memo: <T>(key: object, measure: () => T): T => {
        if (!memos.has(key)) memos.set(key, measure());
        return memos.get(key) as T;
      },
    };
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
      const box = shown ? (entry.options.place ?? coverAnchor)(rect, entry.anchor, pass) : undefined;
      // Half out of its scroll box, a widget would hang over whatever borders it (Treeherder's top bars).
      const fits = box !== undefined && box.y >= clip.top - 1 && box.y + box.height <= clip.bottom + 1;
      return { entry, box: fits ? box : undefined };
    });
    for (const { entry, box } of measured) write(entry, box);
    placeFloats(Array.from(floats));
  };

  const write = (entry: Entry, box: Box | undefined) => {
    const shown = box !== undefined;
    if (entry.hidden === shown) {
      entry.hidden = !shown;
      entry.widget.toggleAttribute('data-cit-offscreen', !shown);
    }
    if (!box) return;
    const geometry = `${Math.round(box.x)},${Math.round(box.y)},${Math.round(box.width)},${Math.round(box.height)}`;
    if (geometry === entry.written) return;
    entry.written = geometry;
    const style = entry.widget.style;
    style.transform = `translate(${Math.round(box.x)}px, ${Math.round(box.y)}px)`;
    style.width = `${Math.round(box.width)}px`;
    style.height = `${Math.round(box.height)}px`;
  };

  /** Floats after the widgets (an anchor may be a widget's button); reads, then writes. */
  const placeFloats = (list: Floating[]) => {
    const viewport = { width: window.innerWidth, height: window.innerHeight };
    const placed = list.map((floating) => {
      const anchor = floating.options.anchor.getBoundingClientRect();
      const size = { width: floating.element.offsetWidth, height: floating.element.offsetHeight };
      // A hidden anchor (its widget scrolled away) keeps the element where it was, still inside the window.
      if (anchor.width === 0 && anchor.height === 0) return undefined;
      return { floating, at: placeBeside(anchor, size, viewport, floating.options.align) };
    });
    for (const one of placed) {
      if (!one) continue;
      one.floating.element.style.left = `${one.at.x}px`;
      one.floating.element.style.top = `${one.at.y}px`;
    }
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
      floats.clear();
      resizes?.disconnect();
      root.remove();
    },
    { once: true },
  );

  const float = (element: HTMLElement, options: FloatOptions) => {
    if (options.signal.aborted || signal.aborted) return;
    const floating: Floating = { element, options };
    element.classList.add('cit-floating');
    root.append(element);
    floats.add(floating);
    resizes?.observe(element);
    placeFloats([floating]);
    options.signal.addEventListener(
      'abort',
      () => {
        floats.delete(floating);
        resizes?.unobserve(element);
      },
      { once: true },
    );
  };

  return {
    root,
    widgetFor: (anchor) => byAnchor.get(anchor)?.widget,
    requestUpdate,
    float,
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
