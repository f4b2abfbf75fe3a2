import { describe, expect, it } from 'vitest';
import { placeBeside } from '../../../../content/ui/placement';

const window1600 = { width: 1600, height: 1000 };
const rect = (left: number, top: number, width: number, height: number) => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});
const inside = (at: { x: number; y: number }, size: { width: number; height: number }, viewport = window1600) =>
  at.x >= 8 && at.y >= 8 && at.x + size.width <= viewport.width - 8 && at.y + size.height <= viewport.height - 8;

describe('placeBeside', () => {
  it('puts the element below its anchor, left edges aligned, when it fits', () => {
    expect(placeBeside(rect(300, 100, 60, 18), { width: 320, height: 200 }, window1600)).toEqual({ x: 300, y: 122 });
  });

  it('opens upwards near the bottom of the window (the details panel)', () => {
    const size = { width: 320, height: 220 };
    const at = placeBeside(rect(600, 900, 70, 20), size, window1600);
    expect(at).toEqual({ x: 600, y: 900 - 4 - 220 });
    expect(inside(at, size)).toBe(true);
  });

  it('stays inside the left edge (the Artifacts popover once opened at x = −459)', () => {
    const size = { width: 520, height: 300 };
    const at = placeBeside(rect(20, 640, 57, 20), size, window1600, 'end');
    expect(at.x).toBe(8);
    expect(inside(at, size)).toBe(true);
  });

  it('stays inside the right edge', () => {
    const size = { width: 320, height: 100 };
    const at = placeBeside(rect(1550, 300, 40, 18), size, window1600);
    expect(at.x).toBe(1600 - 8 - 320);
    expect(inside(at, size)).toBe(true);
  });

  it('a panel taller than the room on either side is moved inside the window (its last row stays reachable)', () => {
    // The completeness panel grown to 630 px under a badge at y = 400 in a 1000 px window.
    const size = { width: 640, height: 630 };
    const at = placeBeside(rect(500, 400, 120, 18), size, window1600, 'end');
    expect(inside(at, size)).toBe(true);
    expect(at.y).toBe(1000 - 8 - 630);
  });

  it('a top anchor scrolled above the window still gets an element inside it', () => {
    const size = { width: 320, height: 200 };
    const at = placeBeside(rect(300, -400, 60, 18), size, window1600);
    expect(at.y).toBe(8);
    expect(inside(at, size)).toBe(true);
  });

  it('an element larger than the window starts at the top-left margin', () => {
    expect(placeBeside(rect(300, 300, 60, 18), { width: 2000, height: 1200 }, window1600)).toEqual({ x: 8, y: 8 });
  });
});
