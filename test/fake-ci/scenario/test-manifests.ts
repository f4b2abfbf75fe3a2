import { hashString } from '../rng';
import type { LabelSpec } from '../model/types';
import { failingTestsFor, testFile, WORDS } from './failures';

/**
 * Manifest scheduling, as Firefox CI does it (gecko `taskcluster/gecko_taskgraph/transforms/test/`): each test
 * chunk runs a list of manifests, kept in its `test_manifests` attribute and in its `MOZHARNESS_TEST_PATHS` env
 * (`{"<suite>": [manifest…]}`); the decision task publishes `manifests-by-task.json.gz` (label → manifests) and
 * `tests-by-manifest.json.gz` (manifest → tests relative to the manifest's directory, web-platform tests by id).
 * Only scenarios with `testManifests` (or a `newTest`) model it; suites without manifests here (marionette,
 * gtest, cppunittest, talos) run whole, as those do in Firefox CI.
 */

interface ManifestFamily {
  /** Test type of failures.ts, for the names of the tests. */
  type: string;
  /** The manifest of a directory: its file, or the directory itself for web-platform tests. */
  manifest: (dir: string) => string;
  dirs: string[];
}

const FAMILIES: Record<string, ManifestFamily> = {
  'mochitest-plain': {
    type: 'mochitest',
    manifest: (d) => `${d}/mochitest.toml`,
    dirs: ['dom/base/test', 'dom/events/test', 'dom/html/test', 'layout/base/tests', 'widget/tests', 'dom/fetch/test'],
  },
  'mochitest-browser-chrome': {
    type: 'mochitest',
    manifest: (d) => `${d}/browser.toml`,
    dirs: [
      'browser/components/tabbrowser/test/browser',
      'toolkit/content/tests/browser',
      'browser/base/content/test/general',
      'browser/components/urlbar/tests/browser',
      'browser/components/preferences/tests',
      'browser/components/sessionstore/test',
      'browser/components/downloads/test/browser',
      'browser/base/content/test/tabs',
    ],
  },
  'mochitest-devtools-chrome': {
    type: 'mochitest',
    manifest: (d) => `${d}/browser.toml`,
    dirs: [
      'devtools/client/inspector/test/browser',
      'devtools/client/netmonitor/test/browser',
      'devtools/client/debugger/test/browser',
      'devtools/client/webconsole/test/browser',
    ],
  },
  xpcshell: {
    type: 'xpcshell',
    manifest: (d) => `${d}/xpcshell.toml`,
    dirs: [
      'netwerk/test/unit',
      'toolkit/components/places/tests/unit',
      'dom/indexedDB/test/unit',
      'toolkit/modules/tests/xpcshell',
    ],
  },
  reftest: {
    type: 'reftest',
    manifest: (d) => `${d}/reftest.list`,
    dirs: ['layout/reftests/css-grid', 'layout/reftests/text', 'layout/reftests/bugs', 'layout/reftests/svg'],
  },
  crashtest: {
    type: 'reftest',
    manifest: (d) => `${d}/crashtests.list`,
    dirs: ['layout/base/crashtests', 'dom/base/crashtests'],
  },
  jsreftest: {
    type: 'reftest',
    manifest: (d) => `${d}/jstests.list`,
    dirs: ['js/src/tests/non262/Array', 'js/src/tests/non262/Promise'],
  },
  'web-platform-tests': {
    type: 'web-platform-tests',
    manifest: (d) => d,
    dirs: [
      '/css/css-flexbox',
      '/html/semantics/forms',
      '/dom/events',
      '/fetch/api/basic',
      '/streams/piping',
      '/IndexedDB',
    ],
  },
  'web-platform-tests-reftest': {
    type: 'web-platform-tests',
    manifest: (d) => d,
    dirs: ['/css/css-grid', '/css/css-text'],
  },
};

/** The suite without its variant: `mochitest-plain-nofis` → `mochitest-plain` (the longest family name that starts it). */
export function baseSuite(suite: string): string | undefined {
  return Object.keys(FAMILIES)
    .filter((name) => suite === name || suite.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
}

/** The manifest a test path belongs to in the fake tree. */
export function manifestOfTest(path: string): string {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash);
  const file = path.slice(slash + 1);
  if (path.startsWith('/')) return dir;
  if (file.startsWith('browser_')) return `${dir}/browser.toml`;
  if (dir.includes('/reftests/') || dir.endsWith('/crashtests') || dir.startsWith('js/src/tests/'))
    return `${dir}/${dir.endsWith('/crashtests') ? 'crashtests.list' : dir.startsWith('js/') ? 'jstests.list' : 'reftest.list'}`;
  if (file.endsWith('.js')) return `${dir}/xpcshell.toml`;
  return `${dir}/mochitest.toml`;
}

/**
 * Gives every test label of the catalog its manifests: a suite's manifests spread over its chunks, shifted per
 * platform and variant (as runtime-balanced chunking gives different chunks on different platforms).
 */
export function assignTestManifests(catalog: readonly LabelSpec[]): void {
  const groups = new Map<string, LabelSpec[]>();
  for (const label of catalog) {
    if (label.kind !== 'test' || !label.suite || !baseSuite(label.suite) || label.perf) continue;
    const key = `${label.platform}/${label.option}/${label.suite}`;
    groups.set(key, [...(groups.get(key) ?? []), label]);
  }
  for (const [key, labels] of groups) {
    const suite = baseSuite(labels[0]!.suite!)!;
    const family = FAMILIES[suite]!;
    const chunks = Math.max(...labels.map(chunkOf));
    const shift = hashString(key);
    for (const label of labels) {
      const mine = family.dirs
        .map((dir, j) => ({ manifest: family.manifest(dir), chunk: 1 + ((j + shift) % chunks) }))
        .filter((m) => m.chunk === chunkOf(label))
        .map((m) => m.manifest);
      if (mine.length) label.testPaths = { [suite]: mine };
    }
  }
}

/** `manifests-by-task.json`: label → manifests, for every label of the full graph that has some. */
export function manifestsByTask(catalog: readonly LabelSpec[]): Record<string, string[]> {
  return Object.fromEntries(
    catalog.filter((l) => l.testPaths).map((l) => [l.label, Object.values(l.testPaths!).flat()]),
  );
}

/**
 * `tests-by-manifest.json`: each manifest's tests (relative to its directory; web-platform tests by id),
 * including every test a label of the catalog reports failing; `absent` tests are not in the tree yet (a new test
 * before its push).
 */
export function testsByManifest(
  catalog: readonly LabelSpec[],
  absent: readonly string[] = [],
): Record<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (path: string) => {
    if (absent.includes(path)) return;
    const manifest = manifestOfTest(path);
    const entry = manifest.startsWith('/') ? path : path.slice(manifest.lastIndexOf('/') + 1);
    out.set(manifest, (out.get(manifest) ?? new Set()).add(entry));
  };
  for (const family of Object.values(FAMILIES))
    for (const dir of family.dirs) for (const word of WORDS.slice(0, 3)) add(testFile(family.type, dir, word));
  for (const label of catalog)
    if (label.testPaths) for (const test of failingTestsFor(label)) if (!test.includes('talos')) add(test);
  return Object.fromEntries([...out].map(([manifest, tests]) => [manifest, [...tests].sort()]).sort());
}

function chunkOf(label: LabelSpec): number {
  const match = /-(\d+)$/.exec(label.label);
  return match ? Number(match[1]) : 1;
}
