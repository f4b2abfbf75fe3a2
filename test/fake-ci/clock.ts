/**
 * Simulated time. It runs at `timeScale` × wall-clock speed from `epochMs`, plus whatever `advance()` adds.
 * With timeScale 0 time only moves through `advance()`, which makes tests exact.
 */
export class SimClock {
  private readonly realStart = Date.now();
  private advancedMs = 0;

  constructor(
    readonly epochMs: number,
    private timeScale: number,
  ) {}

  now(): number {
    return Math.floor(this.epochMs + (Date.now() - this.realStart) * this.timeScale + this.advancedMs);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance() needs a non-negative number of ms, got ${ms}`);
    this.advancedMs += ms;
  }

  get scale(): number {
    return this.timeScale;
  }
}

/** ISO date-time with a `Z` (Taskcluster style). */
export function isoZ(ms: number): string {
  return new Date(ms).toISOString();
}

/** Treeherder's `last_modified` style: ISO, UTC, microseconds, no `Z`. */
export function isoNoZ(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('Z', '')
    .replace(/\.(\d{3})$/, '.$1000');
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
