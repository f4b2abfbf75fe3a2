/**
 * Issue 16, item 7: the extension pages' text — primary buttons above all (2.25 : 1 in dark mode before) — meets
 * WCAG AA (4.5 : 1) in the light and the dark scheme, computed from the CSS variables of ui/theme.css and the
 * popup's state chips; and the widgets on Treeherder's page take the page's (light) theme, not the OS setting.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHexColor, relativeLuminance, WCAG_AA_TEXT } from '../../../src/util/contrast';

const root = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** `--name: value;` declarations of a block's body. */
function declarations(body: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of body.matchAll(/([-\w]+)\s*:\s*([^;{}]+);/g)) found[m[1]!] = m[2]!.trim();
  return found;
}

/** The body of the first rule whose selector list is exactly `selector`, searched from `from`. */
function ruleBody(css: string, selector: string, from = 0): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
  const match = new RegExp(`(^|[}\\s])${escaped}\\s*\\{([^{}]*)\\}`, 'm').exec(css.slice(from));
  if (!match) throw new Error(`no rule "${selector}"`);
  return match[2]!;
}

/** ui/theme.css's variables: light from `:root`, dark = light overridden by the prefers-color-scheme block. */
function themeSchemes(): { light: Record<string, string>; dark: Record<string, string> } {
  const css = read('ui/theme.css');
  const light = declarations(ruleBody(css, ':root'));
  const media = css.indexOf('@media (prefers-color-scheme: dark)');
  expect(media).toBeGreaterThan(0);
  return { light, dark: { ...light, ...declarations(ruleBody(css, ':root', media)) } };
}

function resolveVar(value: string, vars: Record<string, string>): string {
  const m = /^var\((--[\w-]+)\)$/.exec(value);
  return m ? resolveVar(vars[m[1]!]!, vars) : value;
}

describe('contrast ratio (WCAG 2.x)', () => {
  it('matches the reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // The dark-mode primary button before this fix: white on #6fb0ff.
    expect(contrastRatio('#ffffff', '#6fb0ff')).toBeCloseTo(2.25, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2); // the classic "lightest AA grey"
    expect(relativeLuminance('#fff')).toBe(1);
    expect(parseHexColor('#0b6bcb')).toEqual([11, 107, 203]);
    expect(() => parseHexColor('blue')).toThrow(/not a #rgb/);
  });
});

describe('extension pages meet WCAG AA in both schemes', () => {
  const schemes = themeSchemes();
  const theme = read('ui/theme.css');
  const primary = declarations(ruleBody(theme, 'button.primary'));

  it.each(['light', 'dark'] as const)('%s: primary buttons, text, links and states on their backgrounds', (name) => {
    const vars = schemes[name];
    const color = (v: string) => resolveVar(v, vars);
    const pairs: [string, string, string][] = [
      ['primary button', color(primary.color!), color(primary.background!)],
      ['text on page', color('var(--fg)'), color('var(--bg)')],
      ['text on card', color('var(--fg)'), color('var(--card)')],
      ['muted on page', color('var(--muted)'), color('var(--bg)')],
      ['muted on card', color('var(--muted)'), color('var(--card)')],
      ['link on page', color('var(--accent)'), color('var(--bg)')],
      ['link on card', color('var(--accent)'), color('var(--card)')],
      ['error on card', color('var(--danger)'), color('var(--card)')],
      ['ok on card', color('var(--ok)'), color('var(--card)')],
      ['warning on page', color('var(--warn)'), color('var(--bg)')],
    ];
    const failing = pairs
      .map(([what, fg, bg]) => ({ what, fg, bg, ratio: Number(contrastRatio(fg, bg).toFixed(2)) }))
      .filter((p) => p.ratio < WCAG_AA_TEXT);
    expect(failing).toEqual([]);
    // The primary button's text really is the accent's own text colour, not a fixed white.
    expect(primary.color).toBe('var(--on-accent)');
  });

  it("the popup's task-state chips", () => {
    const css = read('popup/popup.css');
    const base = declarations(ruleBody(css, '.state'));
    const states = ['completed', 'failed', 'exception', 'running', 'pending', 'unscheduled'];
    const ratios = states.map((state) => {
      const rule = { ...base, ...declarations(ruleBody(css, `.state-${state}`)) };
      return { state, ratio: Number(contrastRatio(rule.color!, rule.background!).toFixed(2)) };
    });
    expect(ratios.filter((r) => r.ratio < WCAG_AA_TEXT)).toEqual([]);
  });
});

describe("widgets on Treeherder's page", () => {
  const css = read('content/content.css');

  it('take the page theme: no OS dark-mode switch, dark only under data-bs-theme="dark"', () => {
    expect(css).not.toMatch(/prefers-color-scheme/);
    const dark = declarations(ruleBody(css, ':root[data-bs-theme="dark"], body[data-bs-theme="dark"]'));
    expect(dark['--cit-bg']).toBeDefined();
  });

  it('keep their primary buttons and text at AA in the light theme and the dark one', () => {
    const light = declarations(ruleBody(css, ':root'));
    const darkBody = css.indexOf(':root[data-bs-theme="dark"]');
    const dark = {
      ...light,
      ...declarations(ruleBody(css, ':root[data-bs-theme="dark"], body[data-bs-theme="dark"]')),
    };
    expect(darkBody).toBeGreaterThan(0);
    const button = declarations(ruleBody(css, '.cit-button-primary'));
    for (const vars of [light, dark]) {
      const color = (v: string) => resolveVar(v, vars);
      expect(contrastRatio(color(button.color!), color(button.background!))).toBeGreaterThanOrEqual(WCAG_AA_TEXT);
      expect(contrastRatio(color('var(--cit-fg)'), color('var(--cit-bg)'))).toBeGreaterThanOrEqual(WCAG_AA_TEXT);
    }
  });
});
