import { describe, expect, it } from 'vitest';
import {
  computeBackoffMs,
  DEFAULT_BACKOFF,
  isRetryableStatus,
  parseRetryAfterMs,
  retryDelayMs,
} from '../../../src/http/backoff';

describe('backoff policy', () => {
  const policy = { baseMs: 500, maxMs: 8000, maxRetryAfterMs: 30_000 };

  it('doubles per retry, with jitter between half and the full step', () => {
    expect(computeBackoffMs(1, policy, () => 0)).toBe(250);
    expect(computeBackoffMs(1, policy, () => 0.999999)).toBe(500);
    expect(computeBackoffMs(2, policy, () => 0)).toBe(500);
    expect(computeBackoffMs(3, policy, () => 0)).toBe(1000);
    for (let retry = 1; retry < 6; retry += 1) {
      const low = computeBackoffMs(retry, policy, () => 0);
      const high = computeBackoffMs(retry, policy, () => 0.999999);
      expect(high).toBeGreaterThanOrEqual(low);
      expect(high).toBeLessThanOrEqual(2 * low);
    }
  });

  it('caps the step at maxMs', () => {
    expect(computeBackoffMs(20, policy, () => 0.999999)).toBe(8000);
    expect(computeBackoffMs(20, policy, () => 0)).toBe(4000);
  });

  it('spreads simultaneous clients apart (jitter)', () => {
    const values = new Set([0.1, 0.3, 0.6, 0.9].map((r) => computeBackoffMs(2, DEFAULT_BACKOFF, () => r)));
    expect(values.size).toBe(4);
  });

  it('retries 5xx and 429 only', () => {
    expect([500, 502, 503, 504, 599, 429].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 413, 422, 200, 301].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or a date, and lets it stretch (not shrink) the wait', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfterMs('3', now)).toBe(3000);
    expect(parseRetryAfterMs(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(retryDelayMs(1, policy, () => 0, 10)).toBe(250);
    expect(retryDelayMs(1, policy, () => 0, 12_000)).toBe(12_000);
    expect(retryDelayMs(1, policy, () => 0, 999_000)).toBe(30_000);
  });
});
