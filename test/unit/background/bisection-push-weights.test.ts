import { describe, expect, it } from 'vitest';
import {
  COMPONENT_WEIGHT,
  failingTestPath,
  pushWeightsFromFiles,
  TEST_DIRECTORY_WEIGHT,
  TEST_FILE_WEIGHT,
} from '../../../src/bisection-session/push-weights';

describe('push weights from the pushlog’s file lists', () => {
  it('reads the failing test’s path from the first failure line that names one', () => {
    expect(
      failingTestPath([
        { path_end: null },
        { path_end: 'leakcheck' },
        { path_end: 'dom/base/test/test_foo.html' },
        { path_end: 'dom/base/test/test_bar.html' },
      ]),
    ).toBe('dom/base/test/test_foo.html');
    expect(failingTestPath([{ path_end: null }])).toBeNull();
  });

  it('weights a push by how near its files are to the failing test', () => {
    const weights = pushWeightsFromFiles('dom/base/test/test_foo.html', [
      ['widget/gtk/nsWindow.cpp'],
      ['dom/base/nsDocument.cpp', 'layout/base/PresShell.cpp'],
      ['dom/base/test/mochitest.toml'],
      ['dom/base/test/test_foo.html'],
      [],
    ]);
    expect(weights).toEqual([1, COMPONENT_WEIGHT, TEST_DIRECTORY_WEIGHT, TEST_FILE_WEIGHT, 1]);
  });
});
