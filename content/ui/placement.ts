/**
 * Where a floating element (popover, panel, toast) goes beside its anchor, kept inside the window on all four
 * sides. Pure box arithmetic, so every case is tested without a browser; the overlay layer (layer.ts) measures
 * and calls it again whenever the element grows, the page scrolls or the window resizes.
 */
export interface Edges {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
export interface Size {
  width: number;
  height: number;
}
/** `start`: the element's left edge at the anchor's left; `end`: its right edge at the anchor's right. */
export type Align = 'start' | 'end';

/** Room kept free between a floating element and the window's edges. */
export const WINDOW_MARGIN_PX = 8;
/** Room between the anchor and the element. */
export const ANCHOR_GAP_PX = 4;

/**
 * Below the anchor when it fits, else above it when that fits, else on the side with more room; then moved
 * inside the window wherever it would cross an edge (an element larger than the window starts at its
 * top-left margin: CSS caps its size, see content.css).
 */
export function placeBeside(
  anchor: Edges,
  size: Size,
  viewport: Size,
  align: Align = 'start',
): { x: number; y: number } {
  const below = anchor.bottom + ANCHOR_GAP_PX;
  const above = anchor.top - ANCHOR_GAP_PX - size.height;
  const fitsBelow = below + size.height <= viewport.height - WINDOW_MARGIN_PX;
  const fitsAbove = above >= WINDOW_MARGIN_PX;
  const roomBelow = viewport.height - anchor.bottom;
  const y = fitsBelow ? below : fitsAbove ? above : roomBelow >= anchor.top ? below : above;
  const x = align === 'start' ? anchor.left : anchor.right - size.width;
  return { x: inside(x, size.width, viewport.width), y: inside(y, size.height, viewport.height) };
}

/** `start` moved so that [start, start + length] lies within [margin, limit − margin], or at the margin. */
function inside(start: number, length: number, limit: number): number {
  const last = limit - WINDOW_MARGIN_PX - length;
  return Math.round(Math.max(WINDOW_MARGIN_PX, Math.min(start, last)));
}
