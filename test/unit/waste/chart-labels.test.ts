import { describe, expect, it } from 'vitest';
import { AXIS_LABEL_CHARS, jobTypeAxisNames, shortJobTypeName } from '../../../src/waste/chart-labels';

describe("the waste chart's axis names job types", () => {
  it('keeps short labels and cuts long ones in the middle', () => {
    expect(shortJobTypeName('build-linux64/opt')).toBe('build-linux64/opt');
    const long = 'test-windows11-64-24h2/opt-mochitest-browser-chrome-7';
    const cut = shortJobTypeName(long);
    expect(cut).toHaveLength(AXIS_LABEL_CHARS);
    expect(cut.startsWith('test-windows11-64')).toBe(true);
    expect(cut.endsWith('browser-chrome-7')).toBe(true);
    expect(cut).toContain('…');
  });

  it('tells apart rows whose names would read the same', () => {
    const names = jobTypeAxisNames([
      { label: 'test-linux/opt-xpcshell-1', platform: 'linux', option: 'opt' },
      { label: 'test-linux/opt-xpcshell-1', platform: 'linux', option: 'asan' },
      { label: 'source-test-lint', platform: 'lint', option: 'opt' },
      { label: 'source-test-lint', platform: 'gecko-decision', option: 'opt' },
    ]);
    expect(names).toEqual([
      'test-linux/opt-xpcshell-1 opt',
      'test-linux/opt-xpcshell-1 asan',
      'source-test-lint lint opt',
      'source-test-lint gecko-decision opt',
    ]);
    expect(new Set(names).size).toBe(4);
    // Cut to the axis's room when the added words make it too long.
    expect(
      jobTypeAxisNames([
        { label: 'source-test-mozlint-eslint', platform: 'lint-platform-name', option: 'opt' },
        { label: 'source-test-mozlint-eslint', platform: 'gecko-decision-platform', option: 'opt' },
      ])[1],
    ).toBe('source-test-mozlint-es…decision-platform opt');
  });
});
