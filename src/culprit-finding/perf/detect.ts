import { mean, variance } from '../stats.js';

/** Perfherder's windows: up to 12 data points back and 12 forward. */
export const PERFHERDER_BACK_WINDOW = 12;
export const PERFHERDER_FORE_WINDOW = 12;

export interface DataPoint {
  /** Push index in the range; history points before the range have negative indices. */
  readonly pushIndex: number;
  readonly value: number;
}

/**
 * Perfherder-style change detection on a series (one value per push, oldest first): the split with the largest
 * |t| between the back and fore windows. A window with a single point borrows the other window's variance, so the
 * newest point can be tested. Returns the push index where the fore window starts, or null without a split.
 */
export function detectChangePoint(
  series: readonly DataPoint[],
  firstCandidate = 0,
): { pushIndex: number; t: number } | null {
  let best: { pushIndex: number; t: number } | null = null;
  for (let s = 1; s < series.length; s++) {
    if (series[s]!.pushIndex < firstCandidate) continue;
    const back = series.slice(Math.max(0, s - PERFHERDER_BACK_WINDOW), s).map((p) => p.value);
    const fore = series.slice(s, s + PERFHERDER_FORE_WINDOW).map((p) => p.value);
    const vBack = back.length > 1 ? variance(back) : NaN;
    const vFore = fore.length > 1 ? variance(fore) : NaN;
    const v1 = Number.isNaN(vBack) ? vFore : vBack;
    const v2 = Number.isNaN(vFore) ? vBack : vFore;
    const se = Math.sqrt((v1 || 0) / back.length + (v2 || 0) / fore.length);
    const diff = mean(fore) - mean(back);
    const t = se > 0 ? Math.abs(diff) / se : diff === 0 ? 0 : Infinity;
    if (!best || t > best.t) best = { pushIndex: series[s]!.pushIndex, t };
  }
  return best;
}
