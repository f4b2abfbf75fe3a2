import { describe, expect, it } from 'vitest';
import { findTestTasks, normalizeTestPath, platformOf, type PushJob } from '../../../src/new-test/test-tasks';

const job = (label: string, n: number): PushJob => ({
  label,
  taskId: `Task${String(n).padStart(18, '0')}A`,
  symbol: label.split('-').at(-1)!,
  groupSymbol: 'M',
  platform: label.replace(/^test-([^/]+)\/.*$/, '$1'),
  platformOption: label.replace(/^test-[^/]+\/([a-z0-9]+)-.*$/, '$1'),
});

// Hand-made, in the real artifacts' shapes: tests relative to their manifest's directory; wpt tests by id.
const testsByManifest = {
  'dom/events/test/mochitest.toml': ['test_pointer_capture.html', 'test_click.html'],
  'dom/events/test/browser.toml': ['browser_drag.js'],
  'dom/base/test/mochitest.toml': ['test_other.html', '../../events/shared/test_shared.html'],
  '/css/css-flexbox': ['/css/css-flexbox/align-001.html', '/css/css-flexbox/order.html?variant=1'],
};
const manifestsByTask = {
  'test-linux1804-64-qr/debug-mochitest-plain-2': ['dom/events/test/mochitest.toml', 'dom/base/test/mochitest.toml'],
  'test-linux1804-64-qr/debug-mochitest-plain-nofis-4': ['dom/events/test/mochitest.toml'],
  'test-windows11-64-24h2/opt-mochitest-plain-3': ['dom/events/test/mochitest.toml'],
  'test-macosx1500-aarch64/opt-mochitest-plain-1': ['dom/events/test/mochitest.toml'],
  'test-macosx1500-aarch64/opt-mochitest-plain-2': ['dom/base/test/mochitest.toml'],
  'test-linux1804-64-qr/debug-mochitest-browser-chrome-5': ['dom/events/test/browser.toml'],
  'test-linux1804-64-qr/debug-web-platform-tests-6': ['/css/css-flexbox'],
};
const jobs = [
  job('test-linux1804-64-qr/debug-mochitest-plain-2', 1),
  job('test-linux1804-64-qr/debug-mochitest-plain-2', 9), // a retrigger: the first run is the task
  job('test-linux1804-64-qr/debug-mochitest-plain-nofis-4', 2),
  job('test-windows11-64-24h2/opt-mochitest-plain-3', 3),
  job('test-macosx1500-aarch64/opt-mochitest-plain-2', 4),
  job('test-linux1804-64-qr/debug-web-platform-tests-6', 5),
];

describe('findTestTasks', () => {
  it('finds every task of the push whose manifests list the test, one per label, on every platform', () => {
    const found = findTestTasks({
      testPath: 'dom/events/test/test_pointer_capture.html',
      testsByManifest,
      manifestsByTask,
      jobs,
    });
    expect(found.matchedBy).toBe('tests-by-manifest');
    expect(found.manifests).toEqual(['dom/events/test/mochitest.toml']);
    expect(found.tasks.map((t) => [t.platform, t.label, t.taskId])).toEqual([
      ['linux1804-64-qr/debug (mochitest-plain)', 'test-linux1804-64-qr/debug-mochitest-plain-2', jobs[0]!.taskId],
      [
        'linux1804-64-qr/debug (mochitest-plain-nofis)',
        'test-linux1804-64-qr/debug-mochitest-plain-nofis-4',
        jobs[2]!.taskId,
      ],
      ['windows11-64-24h2/opt', 'test-windows11-64-24h2/opt-mochitest-plain-3', jobs[3]!.taskId],
    ]);
    expect(found.tasks[0]!.manifests).toEqual(['dom/events/test/mochitest.toml']);
    // The macOS chunk that runs the manifest was optimized away on this push.
    expect(found.notScheduled).toEqual(['test-macosx1500-aarch64/opt-mochitest-plain-1']);
  });

  it('resolves entries relative to their manifest, and web-platform tests by id from either form', () => {
    const shared = findTestTasks({
      testPath: 'dom/events/shared/test_shared.html',
      testsByManifest,
      manifestsByTask,
      jobs,
    });
    expect(shared.manifests).toEqual(['dom/base/test/mochitest.toml']);
    expect(shared.tasks.map((t) => t.label)).toEqual([
      'test-linux1804-64-qr/debug-mochitest-plain-2',
      'test-macosx1500-aarch64/opt-mochitest-plain-2',
    ]);
    for (const typed of [
      '/css/css-flexbox/order.html',
      'testing/web-platform/tests/css/css-flexbox/order.html?variant=1',
    ]) {
      const wpt = findTestTasks({ testPath: typed, testsByManifest, manifestsByTask, jobs });
      expect(wpt.testPath).toBe('/css/css-flexbox/order.html');
      expect(wpt.tasks.map((t) => t.label)).toEqual(['test-linux1804-64-qr/debug-web-platform-tests-6']);
    }
  });

  it('finds nothing for a test no manifest lists', () => {
    const none = findTestTasks({
      testPath: 'dom/events/test/test_missing.html',
      testsByManifest,
      manifestsByTask,
      jobs,
    });
    expect(none).toMatchObject({ manifests: [], tasks: [], notScheduled: [] });
  });

  it('without tests-by-manifest, takes the manifests in the test’s directory (and says so)', () => {
    const guessed = findTestTasks({
      testPath: './dom/events/test/test_pointer_capture.html',
      testsByManifest: null,
      manifestsByTask,
      jobs,
    });
    expect(guessed.matchedBy).toBe('directory');
    // Both manifests of that directory: the guess cannot tell mochitest.toml from browser.toml.
    expect(guessed.manifests).toEqual(['dom/events/test/browser.toml', 'dom/events/test/mochitest.toml']);
    expect(guessed.notScheduled).toContain('test-linux1804-64-qr/debug-mochitest-browser-chrome-5');
    // A directory with no manifest of its own falls back to its nearest ancestor that has some.
    const deeper = findTestTasks({
      testPath: 'dom/events/test/sub/test_x.html',
      testsByManifest: null,
      manifestsByTask,
      jobs,
    });
    expect(deeper.manifests).toEqual(['dom/events/test/browser.toml', 'dom/events/test/mochitest.toml']);
    const wpt = findTestTasks({ testPath: '/css/css-flexbox/new.html', testsByManifest: null, manifestsByTask, jobs });
    expect(wpt.manifests).toEqual(['/css/css-flexbox']);
  });
});

describe('test paths and platforms', () => {
  it('normalizes what users type', () => {
    expect(normalizeTestPath('  .\\dom\\events\\test\\test_a.html ')).toBe('dom/events/test/test_a.html');
    expect(normalizeTestPath('testing/web-platform/mozilla/tests/webgpu/x.html')).toBe('/_mozilla/webgpu/x.html');
  });

  it('names a task by its test platform and build type', () => {
    expect(
      platformOf({ label: 'test-linux1804-64-qr/debug-mochitest-plain-3', platform: 'x', platformOption: 'y' }),
    ).toBe('linux1804-64-qr/debug');
    expect(platformOf({ label: 'source-test-mozlint-eslint', platform: 'lint', platformOption: 'opt' })).toBe(
      'lint/opt',
    );
  });
});
