/**
 * Information-theoretic floors from the reference (§3): expected runs ≥ log2 N / C, where C is the capacity of
 * the channel "push is before/after the culprit" → "run passes/fails".
 */

/** Binary entropy in bits. */
export function binaryEntropy(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -p * Math.log2(p) - (1 - p) * Math.log2(1 - p);
}

/** Flaky test, permanent culprit: false-fail rate f before, always fails after (Z-channel). */
export function zChannelCapacity(f: number): number {
  if (f <= 0) return 1;
  if (f >= 1) return 0;
  return Math.log2(1 + (1 - f) * f ** (f / (1 - f)));
}

/** Intermittent regression: never fails before, fails with probability q after. */
export function intermittentCapacity(q: number): number {
  if (q >= 1) return 1;
  if (q <= 0) return 0;
  return Math.log2(1 + q * (1 - q) ** ((1 - q) / q));
}

/**
 * Binary asymmetric channel: fails with probability a before the culprit and b after it.
 * C = max over π of H(π b + (1 − π) a) − π H(b) − (1 − π) H(a); the objective is concave in π.
 */
export function asymmetricChannelCapacity(a: number, b: number): number {
  if (a === b) return 0;
  const value = (pi: number): number =>
    binaryEntropy(pi * b + (1 - pi) * a) - pi * binaryEntropy(b) - (1 - pi) * binaryEntropy(a);
  let lo = 0;
  let hi = 1;
  for (let iter = 0; iter < 100; iter++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (value(m1) < value(m2)) lo = m1;
    else hi = m2;
  }
  return Math.max(0, value((lo + hi) / 2));
}

/**
 * Floor on the expected number of runs to locate a culprit among `pushes` suspects when runs before it fail at
 * `f` and at or after it at `q` (q = 1: permanent).
 */
export function capacityLowerBound(pushes: number, f: number, q: number): number {
  if (pushes <= 1) return 0;
  const capacity = asymmetricChannelCapacity(f, q);
  return capacity > 0 ? Math.log2(pushes) / capacity : Infinity;
}
