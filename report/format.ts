/** Numbers and times as the report pages print them. */

export function formatHours(hours: number): string {
  return hours >= 100 ? hours.toFixed(0) : hours >= 10 ? hours.toFixed(1) : hours.toFixed(2);
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`;
}

/** ISO time → "2026-11-20 09:19 UTC". */
export function formatUtc(iso: string | number): string {
  const date = typeof iso === 'number' ? new Date(iso * 1000) : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function shortRevision(revision: string): string {
  return revision.slice(0, 12);
}
