import type { LabelSpec } from '../model/types';
import type { PlatformDef } from './platforms';

/**
 * The task-graph catalog of a repository: every label runnable-jobs.json lists. Test labels follow Gecko's
 * `test-<platform>/<option>-<suite>[-<variant>][-<chunk>]` form with Treeherder symbols like `bc3` in group `M`.
 */

interface SuiteDef {
  suite: string;
  testType: string;
  group: string;
  groupName: string;
  symbol: (chunk: number | null) => string;
  chunks: number;
  meanMinutes: number;
}

const SUITES: SuiteDef[] = [
  suite('mochitest-plain', 'mochitest', 'M', 'Mochitests', (c) => `${c ?? 'p'}`, 5, 18),
  suite('mochitest-browser-chrome', 'mochitest', 'M', 'Mochitests', (c) => `bc${c ?? ''}`, 8, 28),
  suite('mochitest-devtools-chrome', 'mochitest', 'M', 'Mochitests', (c) => `dt${c ?? ''}`, 4, 22),
  suite('xpcshell', 'xpcshell', 'X', 'Xpcshell tests', (c) => `X${c ?? ''}`, 4, 14),
  suite('reftest', 'reftest', 'R', 'Reftests', (c) => `R${c ?? ''}`, 4, 20),
  suite('crashtest', 'reftest', 'R', 'Reftests', () => 'C', 1, 12),
  suite('web-platform-tests', 'web-platform-tests', 'W', 'Web platform tests', (c) => `wpt${c ?? ''}`, 6, 24),
  suite('web-platform-tests-reftest', 'web-platform-tests', 'W', 'Web platform tests', (c) => `Wr${c ?? ''}`, 2, 18),
  suite('jsreftest', 'reftest', 'R', 'Reftests', (c) => `J${c ?? ''}`, 2, 16),
  suite('marionette', 'marionette', '?', 'unknown', () => 'Mn', 1, 10),
  suite('gtest', 'gtest', '?', 'unknown', () => 'GTest', 1, 14),
  suite('cppunittest', 'cppunittest', '?', 'unknown', () => 'Cpp', 1, 8),
];

interface VariantDef {
  suffix: string;
  groupSuffix: string;
  nameSuffix: string;
  tier: 1 | 2 | 3;
}

const VARIANTS: VariantDef[] = [
  { suffix: '', groupSuffix: '', nameSuffix: '', tier: 1 },
  { suffix: '-swr', groupSuffix: '-swr', nameSuffix: ' with software WebRender', tier: 1 },
  { suffix: '-nofis', groupSuffix: '-nofis', nameSuffix: ' without Fission', tier: 1 },
  { suffix: '-headless', groupSuffix: '-headless', nameSuffix: ' headless', tier: 2 },
  { suffix: '-a11y-checks', groupSuffix: '-a11y', nameSuffix: ' with accessibility checks', tier: 2 },
  { suffix: '-xorig', groupSuffix: '-xorig', nameSuffix: ' cross-origin', tier: 1 },
  { suffix: '-http3', groupSuffix: '-http3', nameSuffix: ' over HTTP/3', tier: 2 },
];

export const TIER3_VARIANT: VariantDef = {
  suffix: '-spi-nw',
  groupSuffix: '-spi-nw',
  nameSuffix: ' socket process',
  tier: 3,
};

export const LINT_LABELS: LabelSpec[] = [
  lint('source-test-mozlint-eslint', 'ES'),
  lint('source-test-mozlint-yaml', 'yaml'),
];

export function decisionSpec(): LabelSpec {
  return {
    label: 'Gecko Decision Task',
    kind: 'decision',
    platform: 'gecko-decision',
    option: 'opt',
    symbol: 'D',
    groupSymbol: '?',
    groupName: 'unknown',
    tier: 1,
    meanMinutes: 3,
    retriggerable: false,
    os: 'linux',
  };
}

export function buildSpec(p: PlatformDef): LabelSpec {
  return {
    label: p.buildLabel,
    kind: 'build',
    platform: p.buildPlatform,
    option: p.option,
    symbol: 'B',
    groupSymbol: '?',
    groupName: 'unknown',
    tier: 1,
    meanMinutes: p.option === 'debug' ? 55 : 45,
    retriggerable: false,
    os: p.os,
  };
}

/** Test labels of one platform in a stable order: variant by variant, suite by suite, chunk by chunk. */
function* testLabelsFor(p: PlatformDef, chunkScale: number): Generator<LabelSpec> {
  for (const v of VARIANTS) {
    for (const s of SUITES) {
      const chunks = s.chunks * (s.chunks > 1 ? chunkScale : 1);
      for (let c = 1; c <= chunks; c++) yield testSpec(p, s, v, chunks > 1 ? c : null);
    }
  }
}

export function testSpec(p: PlatformDef, s: SuiteDef, v: VariantDef, chunk: number | null): LabelSpec {
  const grouped = s.group !== '?';
  return {
    label: `test-${p.platform}/${p.option}-${s.suite}${v.suffix}${chunk === null ? '' : `-${chunk}`}`,
    kind: 'test',
    platform: p.platform,
    option: p.option,
    symbol: grouped ? s.symbol(chunk) : `${s.symbol(chunk)}${v.groupSuffix}`,
    groupSymbol: grouped ? `${s.group}${v.groupSuffix}` : '?',
    groupName: grouped ? `${s.groupName}${v.nameSuffix}` : 'unknown',
    tier: v.tier,
    meanMinutes: s.meanMinutes,
    testType: s.testType,
    suite: `${s.suite}${v.suffix}`,
    buildLabel: p.buildLabel,
    retriggerable: true,
    os: p.os,
  };
}

/** Tier-3 labels (hidden by default in Treeherder) on the given platforms. */
export function tier3Labels(platforms: PlatformDef[], count: number): LabelSpec[] {
  const out: LabelSpec[] = [];
  const chunked = SUITES.filter((s) => s.chunks > 1);
  for (let i = 0; out.length < count && i < count * 4; i++) {
    const p = platforms[i % platforms.length];
    const s = chunked[Math.floor(i / platforms.length) % chunked.length];
    if (!p || !s) break;
    const chunk = 1 + Math.floor(i / (platforms.length * chunked.length));
    out.push(testSpec(p, s, TIER3_VARIANT, chunk));
  }
  return out;
}

/** Talos labels for the perf scenario (symbol = suite, group T). */
export function talosSpec(p: PlatformDef, talosSuite: string): LabelSpec {
  return {
    label: `test-${p.platform}/${p.option}-talos-${talosSuite}`,
    kind: 'test',
    platform: p.platform,
    option: p.option,
    symbol: talosSuite,
    groupSymbol: 'T',
    groupName: 'Talos performance tests',
    tier: 1,
    meanMinutes: 26,
    testType: 'talos',
    suite: `talos-${talosSuite}`,
    buildLabel: p.buildLabel,
    retriggerable: true,
    os: p.os,
  };
}

/**
 * Builds, lint and about `jobs` labels in all over `platforms`. The count is the size of the runnable set; a
 * push schedules a subset of it.
 */
export function buildCatalog(platforms: PlatformDef[], jobs: number): LabelSpec[] {
  const fixed = LINT_LABELS.length + platforms.length;
  const testsWanted = Math.max(platforms.length, jobs - fixed);
  const perPlatformBase = SUITES.reduce((n, s) => n + s.chunks, 0) * VARIANTS.length;
  const perPlatformWanted = Math.ceil(testsWanted / Math.max(1, platforms.length));
  const chunkScale = Math.max(1, Math.ceil(perPlatformWanted / perPlatformBase));

  const out: LabelSpec[] = [...LINT_LABELS];
  const seenBuilds = new Set<string>();
  for (const p of platforms) {
    if (seenBuilds.has(p.buildLabel)) continue;
    seenBuilds.add(p.buildLabel);
    out.push(buildSpec(p));
  }
  const lists = platforms.map((p) => testLabelsFor(p, chunkScale));
  let added = 0;
  while (added < testsWanted) {
    let progressed = false;
    for (const list of lists) {
      if (added >= testsWanted) break;
      const next = list.next();
      if (next.done) continue;
      out.push(next.value);
      added++;
      progressed = true;
    }
    if (!progressed) break;
  }
  return out;
}

function suite(
  name: string,
  testType: string,
  group: string,
  groupName: string,
  symbol: (chunk: number | null) => string,
  chunks: number,
  meanMinutes: number,
): SuiteDef {
  return { suite: name, testType, group, groupName, symbol, chunks, meanMinutes };
}

function lint(label: string, symbol: string): LabelSpec {
  return {
    label,
    kind: 'lint',
    platform: 'lint',
    option: 'opt',
    symbol,
    groupSymbol: '?',
    groupName: 'unknown',
    tier: 1,
    meanMinutes: 6,
    retriggerable: true,
    os: 'linux',
  };
}
