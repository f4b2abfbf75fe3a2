/**
 * WCAG 2.x contrast between two sRGB colours (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): the extension's
 * pages and widgets are checked against AA (4.5 : 1 for text) with it.
 */

/** The WCAG AA minimum for normal-size text. */
export const WCAG_AA_TEXT = 4.5;

/** `#rgb` or `#rrggbb` → [r, g, b] in 0–255; anything else throws (the checks only read hex colours). */
export function parseHexColor(color: string): [number, number, number] {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`"${color}" is not a #rgb or #rrggbb colour.`);
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function relativeLuminance(color: string): number {
  const [r, g, b] = parseHexColor(color).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** (L1 + 0.05) / (L2 + 0.05), the lighter colour on top: 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
