import { mean, variance } from '../stats.js';
import { studentTQuantile } from './tests.js';

export interface ValueSummary {
  readonly count: number;
  readonly mean: number;
  readonly sd: number;
  /** 95 % confidence interval of the mean (Student's t). */
  readonly ci95: readonly [number, number];
}

/**
 * Mean, standard deviation and the 95 % confidence interval of the mean over the replicates (or run summaries)
 * collected: a new baseline's numbers after an uplift, and each push's point in the perf chart.
 */
export function summarizeValues(replicates: readonly number[]): ValueSummary {
  const values = replicates.filter((v) => Number.isFinite(v));
  if (values.length === 0) throw new RangeError('no finite replicate values');
  const m = mean(values);
  if (values.length === 1) return { count: 1, mean: m, sd: 0, ci95: [m, m] };
  const sd = Math.sqrt(variance(values));
  const half = studentTQuantile(0.975, values.length - 1) * (sd / Math.sqrt(values.length));
  return { count: values.length, mean: m, sd, ci95: [m - half, m + half] };
}
