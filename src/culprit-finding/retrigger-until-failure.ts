/**
 * "Retrigger until it fails": the simpler mode of the bisection runner, for an intermittent failure that has
 * to be reproduced on one push. Batches of 5 until a failure shows up or the budget is spent.
 */

export interface RetriggerUntilFailureInput {
  /** Finished retriggers (the original run is not one of them). */
  readonly runs: number;
  readonly failures: number;
  readonly pending: number;
  /** Maximum retriggers in total. */
  readonly budget: number;
  readonly batchSize?: number;
}

export type RetriggerStep =
  | { readonly kind: 'retrigger'; readonly times: number }
  | { readonly kind: 'wait'; readonly pending: number }
  | { readonly kind: 'reproduced'; readonly runs: number; readonly failures: number }
  | { readonly kind: 'budget-exhausted'; readonly runs: number; readonly failureRateUpperBound: number };

export const DEFAULT_RETRIGGER_BATCH = 5;

export function planRetriggerUntilFailure(input: RetriggerUntilFailureInput): RetriggerStep {
  const batch = input.batchSize ?? DEFAULT_RETRIGGER_BATCH;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError('batchSize must be an integer ≥ 1');
  if (input.failures < 0 || input.failures > input.runs || input.pending < 0) {
    throw new RangeError('inconsistent retrigger counts');
  }
  if (input.failures > 0) return { kind: 'reproduced', runs: input.runs, failures: input.failures };
  // A batch is waited for as a whole, so a restart never tops it up twice.
  if (input.pending > 0) return { kind: 'wait', pending: input.pending };
  const remaining = Math.floor(input.budget - input.runs);
  if (remaining <= 0) {
    // n passes in a row: the failure rate is below 1 − 0.05^(1/n) with 95 % confidence.
    const bound = input.runs > 0 ? 1 - 0.05 ** (1 / input.runs) : 1;
    return { kind: 'budget-exhausted', runs: input.runs, failureRateUpperBound: bound };
  }
  return { kind: 'retrigger', times: Math.min(batch, remaining) };
}
