/** Treeherder sends and expects UTC ISO timestamps without the trailing `Z`. */

export function parseTreeherderTime(value: string): Date {
  return new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
}

export function formatTreeherderTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '');
}
