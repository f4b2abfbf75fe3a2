import type { PushObservation } from '../types.js';

/**
 * The "where does the failure start" reading used by backfill-based heuristics: walking back from the failing
 * push, the culprit is the oldest push of the unbroken run of pushes that each show at least one failure.
 */
export function startOfFailingRun(observations: readonly PushObservation[]): number {
  let start = observations.length - 1;
  while (start > 0 && observations[start - 1]!.failures > 0) start--;
  return start;
}

/** Runs this strategy triggered on the failing push (its observation also holds the original failure). */
export function retriggersOnFailingPush(observations: readonly PushObservation[]): { runs: number; failures: number } {
  const last = observations[observations.length - 1]!;
  return { runs: Math.max(0, last.runs - 1), failures: Math.max(0, last.failures - 1) };
}
