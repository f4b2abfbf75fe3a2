export interface TargetRow {
  metric: string;
  /** The network model and page size it was measured under, e.g. `prod-150, 50 pushes`. */
  under: string;
  target: string;
  measured: string;
  met: boolean;
}

/** The console table: fixed-width columns, one row per target. */
export function formatTable(rows: readonly TargetRow[]): string {
  const cells = [
    ['metric', 'under', 'target', 'measured', 'met?'],
    ...rows.map((r) => [r.metric, r.under, r.target, r.measured, r.met ? 'yes' : 'NO']),
  ];
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}

/** The same rows as a markdown table. */
export function markdownTable(rows: readonly TargetRow[]): string {
  const escapeCell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| target | under | wanted | measured | met? |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${escapeCell(r.metric)} | ${escapeCell(r.under)} | ${escapeCell(r.target)} | ${escapeCell(r.measured)} | ${r.met ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : Math.round(value)} ms`;

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
