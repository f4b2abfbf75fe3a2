import { hashString } from '../rng';
import type { LabelSpec } from '../model/types';

const WORDS = [
  'focus_ring',
  'tab_close',
  'form_submit',
  'scroll_snap',
  'lazy_load',
  'drag_drop',
  'print_preview',
  'shadow_root',
];
const DIRS: Record<string, string[]> = {
  mochitest: ['dom/base/test', 'browser/components/tabbrowser/test/browser', 'toolkit/content/tests/browser'],
  xpcshell: ['netwerk/test/unit', 'toolkit/components/places/tests/unit'],
  reftest: ['layout/reftests/css-grid', 'layout/reftests/text'],
  'web-platform-tests': ['/css/css-flexbox', '/html/semantics/forms'],
  talos: ['testing/talos/talos/tests'],
};

/** The test paths a failing task reports: stable per label so a regression fails the same test everywhere. */
export function failingTestsFor(spec: LabelSpec): string[] {
  const type = spec.testType ?? 'mochitest';
  const h = hashString(spec.label);
  const dirs = DIRS[type] ?? DIRS['mochitest'] ?? [];
  const count = 1 + (h % 2);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const dir = dirs[(h >>> (4 + i)) % dirs.length] ?? 'testing';
    const word = WORDS[(h >>> (8 + 3 * i)) % WORDS.length] ?? 'test';
    out.push(testFile(type, dir, word));
  }
  return out;
}

/** Suites gecko schedules by manifest: their tasks carry `MOZHARNESS_TEST_PATHS` (`{suite: [manifest…]}`). */
const MANIFEST_SCHEDULED = new Set(['mochitest', 'xpcshell', 'reftest', 'web-platform-tests']);

/** The test manifests a test task runs, keyed by suite, or undefined for suites scheduled otherwise (talos). */
export function testManifestsFor(spec: LabelSpec): Record<string, string[]> | undefined {
  const type = spec.testType;
  if (spec.kind !== 'test' || !type || !MANIFEST_SCHEDULED.has(type)) return undefined;
  const suite = (spec.suite ?? type).replace(/-\d+$/, '');
  const manifest = type === 'xpcshell' ? 'xpcshell.toml' : type === 'reftest' ? 'reftest.list' : 'mochitest.toml';
  return { [suite]: (DIRS[type] ?? []).map((dir) => `${dir.replace(/^\//, '')}/${manifest}`) };
}

function testFile(type: string, dir: string, word: string): string {
  if (type === 'xpcshell') return `${dir}/test_${word}.js`;
  if (type === 'reftest') return `${dir}/${word}.html`;
  if (type === 'web-platform-tests') return `${dir}/${word}.html`;
  if (dir.includes('browser')) return `${dir}/browser_${word}.js`;
  return `${dir}/test_${word}.html`;
}
