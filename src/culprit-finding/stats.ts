/** Small descriptive statistics shared by cost estimates, simulations and benchmarks. */

/** Quantile with linear interpolation between order statistics (type 7). */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export function variance(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return s / (values.length - 1);
}

/** Accuracy and cost of a set of simulated trials: what every benchmark row reports. */
export interface TrialCostSummary {
  readonly trials: number;
  readonly accuracy: number;
  readonly meanJobs: number;
  readonly p90Jobs: number;
  readonly meanRounds: number;
  readonly maxRounds: number;
}

export function summarizeTrialCosts(
  results: readonly { jobs: number; rounds: number; correct: boolean }[],
): TrialCostSummary {
  const jobs = results.map((r) => r.jobs);
  const rounds = results.map((r) => r.rounds);
  return {
    trials: results.length,
    accuracy: results.filter((r) => r.correct).length / results.length,
    meanJobs: mean(jobs),
    p90Jobs: quantile(jobs, 0.9),
    meanRounds: mean(rounds),
    maxRounds: Math.max(...rounds),
  };
}
