import { WASTE_REASON_TITLES, type WasteReason, type WasteRow } from './types';

/** The report's columns: what the page sorts by and what the CSV holds, in one place. */
export type WasteColumn =
  | 'label'
  | 'platform'
  | 'tier'
  | 'reasons'
  | 'runs'
  | 'pushes'
  | 'failureRate'
  | 'machineHours'
  | 'machineHoursPerDay'
  | 'lastSuccess';

export const WASTE_COLUMNS: ReadonlyArray<{ column: WasteColumn; title: string; numeric: boolean }> = [
  { column: 'label', title: 'Job type', numeric: false },
  { column: 'platform', title: 'Platform', numeric: false },
  { column: 'tier', title: 'Tier', numeric: true },
  { column: 'reasons', title: 'Why', numeric: false },
  { column: 'runs', title: 'Runs', numeric: true },
  { column: 'pushes', title: 'Pushes', numeric: true },
  { column: 'failureRate', title: 'Failure rate', numeric: true },
  { column: 'machineHours', title: 'Machine hours', numeric: true },
  { column: 'machineHoursPerDay', title: 'Hours per day', numeric: true },
  { column: 'lastSuccess', title: 'Last success', numeric: false },
];

export type SortDirection = 'ascending' | 'descending';

/** A sorted copy. Missing values (no failure rate, no last success) always sort last; ties by label. */
export function sortWasteRows(rows: readonly WasteRow[], column: WasteColumn, direction: SortDirection): WasteRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, column);
    const y = sortValue(b, column);
    if (x === null || y === null) {
      if (x === y) return a.label.localeCompare(b.label);
      return x === null ? 1 : -1;
    }
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order !== 0 ? sign * order : a.label.localeCompare(b.label);
  });
}

function sortValue(row: WasteRow, column: WasteColumn): string | number | null {
  switch (column) {
    case 'reasons':
      return row.reasons.join(',');
    case 'failureRate':
      return row.failureRate;
    case 'lastSuccess':
      return row.lastSuccess?.at ?? null;
    case 'platform':
      return `${row.platform} ${row.option}`;
    default:
      return row[column];
  }
}

/** Rows of one kind, or all. */
export function rowsWithReason(rows: readonly WasteRow[], reason: WasteReason | 'all'): WasteRow[] {
  return reason === 'all' ? [...rows] : rows.filter((row) => row.reasons.includes(reason));
}

const CSV_HEADER = [
  'job type',
  'platform',
  'option',
  'tier',
  'why',
  'runs',
  'pushes',
  'finished runs',
  'failed runs',
  'retried runs',
  'incomplete runs',
  'failure rate',
  'machine hours',
  'machine hours per day',
  'hours from',
  'last success push',
  'last success at',
];

/** RFC 4180 CSV (CRLF, quoted where needed) of the rows as given. */
export function wasteRowsToCsv(rows: readonly WasteRow[]): string {
  const lines = [
    CSV_HEADER,
    ...rows.map((row) => [
      row.label,
      row.platform,
      row.option,
      row.tier,
      row.reasons.map((r) => WASTE_REASON_TITLES[r]).join('; '),
      row.runs,
      row.pushes,
      row.finishedRuns,
      row.failedRuns,
      row.retriedRuns,
      row.incompleteRuns,
      row.failureRate === null ? '' : row.failureRate.toFixed(3),
      row.machineHours.toFixed(3),
      row.machineHoursPerDay.toFixed(3),
      row.hoursSource,
      row.lastSuccess?.revision ?? row.lastSuccess?.pushId ?? '',
      row.lastSuccess?.at ?? '',
    ]),
  ];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet; a quote-prefixed apostrophe defuses it.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}
