/** z of a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface RateInterval {
  /** Observed failure rate, failures / runs (0 when there are no runs). */
  rate: number;
  low: number;
  high: number;
}

/**
 * The Wilson score interval of a binomial rate (Wilson 1927; Agresti & Coull 1998). Unlike the normal
 * approximation it stays inside [0, 1] and is not empty at 0/n or n/n, which is exactly where a new test's
 * retriggers land most of the time. No runs: nothing is known, [0, 1].
 */
export function wilsonInterval(failures: number, runs: number, z = Z_95): RateInterval {
  if (!Number.isInteger(runs) || runs < 0 || !Number.isInteger(failures) || failures < 0 || failures > runs)
    throw new RangeError(`Not a count of failures in runs: ${failures}/${runs}.`);
  if (runs === 0) return { rate: 0, low: 0, high: 1 };
  const p = failures / runs;
  const z2 = z * z;
  const denominator = 1 + z2 / runs;
  const centre = (p + z2 / (2 * runs)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / runs + z2 / (4 * runs * runs));
  // Clamp rounding at the ends: 0/n has a lower bound of exactly 0, n/n an upper bound of exactly 1.
  return {
    rate: p,
    low: failures === 0 ? 0 : Math.max(0, centre - half),
    high: failures === runs ? 1 : Math.min(1, centre + half),
  };
}
