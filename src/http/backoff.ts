/** When to retry and how long to wait. Pure functions so the policy is unit-testable on its own. */

export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Upper bound of any computed delay. */
  maxMs: number;
  /** Upper bound honoured for a server's Retry-After. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 8_000, maxRetryAfterMs: 30_000 };

/** 5xx and 429 are worth retrying; any other 4xx will fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Exponential backoff with "equal jitter": half the exponential step is fixed, half random, so
 * clients that failed together do not retry together, yet every wait grows with the attempt number.
 * `retryNumber` is 1 for the first retry.
 */
export function computeBackoffMs(retryNumber: number, policy: BackoffPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** Reads `Retry-After` (seconds or HTTP date) into milliseconds from `nowMs`; undefined when absent. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** The wait before retry `retryNumber`: our backoff, stretched to a (capped) Retry-After if the server asked. */
export function retryDelayMs(
  retryNumber: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs: number | undefined,
): number {
  const backoff = computeBackoffMs(retryNumber, policy, random);
  if (retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}
