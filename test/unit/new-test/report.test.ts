import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../src/new-test/wilson';
import {
  describeRuns,
  platformVerdict,
  validationSummary,
  validationVerdict,
  type PlatformRuns,
} from '../../../src/new-test/report';

describe('wilsonInterval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (Wilson score).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i gives Newcombe’s published interval', (failures, runs, low, high) => {
    const interval = wilsonInterval(failures, runs);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
    expect(interval.rate).toBeCloseTo(failures / runs, 12);
  });

  it('stays inside [0, 1] and is exact at the ends, where the normal approximation collapses', () => {
    expect(wilsonInterval(0, 10)).toEqual({ rate: 0, low: 0, high: expect.closeTo(0.2775, 4) });
    const all = wilsonInterval(10, 10);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.7225, 4);
    const three = wilsonInterval(3, 10);
    expect([three.low, three.high].map((v) => Number(v.toFixed(4)))).toEqual([0.1078, 0.6032]);
  });

  it('knows nothing without runs, and refuses counts that are not counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
    expect(() => wilsonInterval(3, 2)).toThrow(/3\/2/);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });

  it('narrows as runs grow at the same rate', () => {
    const widths = [10, 40, 160].map((n) => {
      const { low, high } = wilsonInterval(0.3 * n, n);
      return high - low;
    });
    expect(widths[0]!).toBeGreaterThan(widths[1]!);
    expect(widths[1]!).toBeGreaterThan(widths[2]!);
  });
});

const row = (platform: string, failures: number, runs: number, uninformative = 0): PlatformRuns => ({
  platform,
  label: `test-${platform}-mochitest-plain-2`,
  runs,
  failures,
  uninformative,
});

describe('the verdicts', () => {
  it('names each platform: stable, intermittent, fails, or unclear when nothing finished', () => {
    expect(platformVerdict(row('a/opt', 0, 10))).toBe('stable');
    expect(platformVerdict(row('a/opt', 3, 10))).toBe('intermittent');
    expect(platformVerdict(row('a/opt', 10, 10))).toBe('fails');
    expect(platformVerdict(row('a/opt', 0, 0, 10))).toBe('unclear');
  });

  it('says "stable" only when every platform ran without a failure', () => {
    const rows = [row('linux1804-64-qr/debug', 0, 10), row('windows11-64-24h2/opt', 0, 10)];
    expect(validationVerdict(rows)).toEqual({
      kind: 'stable',
      sentence: 'stable (no failure in 20 runs on 2 platforms)',
    });
  });

  it('names the unstable platform with its count, as the issue words it', () => {
    const rows = [
      row('windows11-64-24h2/opt', 0, 10),
      row('linux1804-64-qr/debug', 3, 10),
      row('macosx1500-aarch64/opt', 0, 10),
    ];
    expect(validationVerdict(rows)).toEqual({
      kind: 'intermittent',
      sentence: 'intermittent on linux1804-64-qr/debug: 3/10',
    });
  });

  it('tells a platform that always fails from one that sometimes does', () => {
    const rows = [row('a/opt', 10, 10), row('b/debug', 2, 10), row('c/opt', 0, 10)];
    expect(validationVerdict(rows).sentence).toBe('fails on a/opt: 10/10; intermittent on b/debug: 2/10');
    expect(validationVerdict([row('a/opt', 10, 10), row('c/opt', 0, 10)])).toMatchObject({ kind: 'fails-somewhere' });
  });

  it('says "fails everywhere" when every run on every platform failed', () => {
    expect(validationVerdict([row('a/opt', 10, 10), row('b/debug', 9, 9)])).toEqual({
      kind: 'fails-everywhere',
      sentence: 'fails everywhere (19/19 runs on 2 platforms)',
    });
  });

  it('is unclear, never stable, while a platform has no finished run', () => {
    const rows = [row('a/opt', 0, 10), row('b/debug', 0, 0, 3)];
    expect(validationVerdict(rows)).toEqual({
      kind: 'unclear',
      sentence: 'unclear: no run finished on b/debug; no failure elsewhere',
    });
    expect(validationVerdict([])).toMatchObject({ kind: 'unclear' });
    // A failure already seen is reported even though another platform is still unclear.
    expect(validationVerdict([row('a/opt', 4, 10), row('b/debug', 0, 0)]).sentence).toBe(
      'intermittent on a/opt: 4/10; unclear on b/debug (no run finished)',
    );
  });
});

describe('the copyable summary', () => {
  it('has one line per platform with the rate and its 95 % interval, then the verdict', () => {
    const summary = validationSummary({
      testPath: 'dom/events/test/test_pointer_capture.html',
      repo: 'autoland',
      pushId: 5021,
      revision: 'abcdef0123456789abcdef0123456789abcdef01',
      timesPerTask: 10,
      rows: [row('linux1804-64-qr/debug', 3, 10), row('windows11-64-24h2/opt', 0, 10)],
    });
    expect(summary.split('\n')).toEqual([
      'New-test validation of dom/events/test/test_pointer_capture.html on autoland push 5021 (abcdef012345), 10 runs per task:',
      '- linux1804-64-qr/debug: 3/10 failed, 30 % (95 % CI 11–60 %) [test-linux1804-64-qr/debug-mochitest-plain-2]',
      '- windows11-64-24h2/opt: 0/10 failed, 0 % (95 % CI 0–28 %) [test-windows11-64-24h2/opt-mochitest-plain-2]',
      'Verdict: intermittent on linux1804-64-qr/debug: 3/10.',
    ]);
    expect(describeRuns(row('x/opt', 0, 0))).toBe('no run finished yet');
  });
});
