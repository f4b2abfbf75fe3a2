import { describe, expect, it } from 'vitest';
import { rowsWithReason, sortWasteRows, wasteRowsToCsv } from '../../../src/waste/table';
import type { WasteRow } from '../../../src/waste/types';

function row(label: string, extra: Partial<WasteRow> = {}): WasteRow {
  return {
    key: `${label}|linux64|opt`,
    label,
    platform: 'linux64',
    option: 'opt',
    tier: 3,
    reasons: ['hidden'],
    runs: 10,
    pushes: 10,
    finishedRuns: 10,
    failedRuns: 0,
    retriedRuns: 0,
    incompleteRuns: 0,
    failureRate: 0,
    machineHours: 1,
    machineHoursPerDay: 2,
    hoursSource: 'task runs',
    lastSuccess: { pushId: 1, revision: 'abcdef012345', at: '2026-01-01T00:00:00.000Z' },
    ...extra,
  };
}

describe('sortWasteRows', () => {
  const rows = [
    row('b', { machineHours: 5, failureRate: null, lastSuccess: null }),
    row('a', { machineHours: 5, failureRate: 0.5 }),
    row('c', { machineHours: 9, failureRate: 1, lastSuccess: { pushId: 2, at: '2026-02-01T00:00:00.000Z' } }),
  ];
  it('sorts numbers both ways with ties by label', () => {
    expect(sortWasteRows(rows, 'machineHours', 'descending').map((r) => r.label)).toEqual(['c', 'a', 'b']);
    expect(sortWasteRows(rows, 'machineHours', 'ascending').map((r) => r.label)).toEqual(['a', 'b', 'c']);
  });
  it('puts missing values last in both directions', () => {
    expect(sortWasteRows(rows, 'failureRate', 'ascending').map((r) => r.label)).toEqual(['a', 'c', 'b']);
    expect(sortWasteRows(rows, 'failureRate', 'descending').map((r) => r.label)).toEqual(['c', 'a', 'b']);
    expect(sortWasteRows(rows, 'lastSuccess', 'descending').map((r) => r.label)).toEqual(['c', 'a', 'b']);
  });
  it('sorts text columns and leaves the input alone', () => {
    expect(sortWasteRows(rows, 'label', 'ascending').map((r) => r.label)).toEqual(['a', 'b', 'c']);
    expect(rows.map((r) => r.label)).toEqual(['b', 'a', 'c']);
  });
  it('filters by reason', () => {
    const mixed = [row('x'), row('y', { reasons: ['always-failing'] })];
    expect(rowsWithReason(mixed, 'always-failing').map((r) => r.label)).toEqual(['y']);
    expect(rowsWithReason(mixed, 'all')).toHaveLength(2);
  });
});

describe('wasteRowsToCsv', () => {
  it('writes a header and one quoted-where-needed line per row, CRLF', () => {
    const csv = wasteRowsToCsv([
      row('test-linux/opt-a, "quoted"', {
        reasons: ['hidden', 'always-failing'],
        failureRate: 1,
        machineHours: 12.3456,
      }),
      row('=HYPERLINK("x")', { failureRate: null, lastSuccess: null }),
    ]);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^job type,platform,option,tier,why,runs,/);
    expect(lines[1]).toBe(
      '"test-linux/opt-a, ""quoted""",linux64,opt,3,Hidden tier-3 job running on most pushes; Fails on every run,10,10,10,0,0,0,1.000,12.346,2.000,task runs,abcdef012345,2026-01-01T00:00:00.000Z',
    );
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",/);
    expect(lines[2]).toMatch(/,,1\.000,2\.000,task runs,,$/);
    expect(lines[3]).toBe('');
  });
});
