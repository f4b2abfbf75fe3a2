import { GAP_SEARCH_LIMIT, type PushRuns } from './compute-gap';

/**
 * How far back a bisection's range reaches. An earlier run of the label is evidence, never proof: a pass rules out
 * a permanent culprit before it, but an intermittent one (q = 0.5) passes half the time. So the range does not stop
 * at the nearest earlier run; it reaches back over earlier pushes until it holds this many passing runs of the
 * label, which all enter the planner as observations with the same likelihood as its own probes. A culprit older
 * than the range would have had to pass all of them: (1 − q)^5 = 3 % at q = 0.5, 17 % at q = 0.3 (those are
 * also the rates the planner can afford to chase). On a dense schedule that is 5 earlier pushes; on a sparse one
 * (every 4th push) 20.
 */
export const RANGE_EVIDENCE_PASSES = 5;

export const PASS_RESULTS: ReadonlySet<string> = new Set(['success']);
export const FAIL_RESULTS: ReadonlySet<string> = new Set(['testfailed', 'busted']);

export interface BisectionRange {
  /** Earlier pushes (before the failing one) the range covers, newest first from the failing push. */
  earlierPushes: number;
  /** Passing and failing runs of the label on those pushes: evidence the planner counts. */
  passes: number;
  failures: number;
  /** Earlier pushes in the range where the label ran at all. */
  pushesWithRuns: number;
  /** True when the range ended at the search limit or the history before enough passes were seen. */
  short: boolean;
}

/**
 * The range over `earlier` (newest first, starting with the push just before the failing one): every push back to
 * and including the one where the `passes`-th passing run was seen, or all of them up to `maxPushes`. Runs that
 * failed, are still running or ended without a result extend the range; they are evidence too (or none).
 */
export function bisectionRange(
  earlier: readonly PushRuns[],
  options: { passes?: number; maxPushes?: number } = {},
): BisectionRange {
  const wanted = options.passes ?? RANGE_EVIDENCE_PASSES;
  const window = earlier.slice(0, options.maxPushes ?? GAP_SEARCH_LIMIT);
  let passes = 0;
  let failures = 0;
  let pushesWithRuns = 0;
  for (let i = 0; i < window.length; i++) {
    const results = window[i]!.results;
    if (results.length > 0) pushesWithRuns++;
    for (const result of results) {
      if (PASS_RESULTS.has(result)) passes++;
      else if (FAIL_RESULTS.has(result)) failures++;
    }
    if (passes >= wanted) return { earlierPushes: i + 1, passes, failures, pushesWithRuns, short: false };
  }
  return { earlierPushes: window.length, passes, failures, pushesWithRuns, short: true };
}

/**
 * The range one step further back, when a bisection's verdict named the range's oldest push: that answer also fits a
 * culprit older than the range (every push in it then fails alike), so the range takes in the pushes older than it
 * up to RANGE_EVIDENCE_PASSES more passing runs (counted there only: runs the bisection added inside the range do
 * not shorten the step), and the search goes on. Null when there is nothing older to take in.
 */
export function extendedRange(
  earlier: readonly PushRuns[],
  range: BisectionRange,
  options: { maxPushes?: number } = {},
): BisectionRange | null {
  if (range.short) return null;
  const limit = (options.maxPushes ?? GAP_SEARCH_LIMIT) - range.earlierPushes;
  if (limit <= 0) return null;
  const older = bisectionRange(earlier.slice(range.earlierPushes), { maxPushes: limit });
  if (older.earlierPushes === 0) return null;
  return {
    earlierPushes: range.earlierPushes + older.earlierPushes,
    passes: range.passes + older.passes,
    failures: range.failures + older.failures,
    pushesWithRuns: range.pushesWithRuns + older.pushesWithRuns,
    short: older.short,
  };
}
