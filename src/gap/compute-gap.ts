/** Gecko's own gap search looks at most this many pushes back (backfill `slices`). */
export const GAP_SEARCH_LIMIT = 100;

/** What ran of one label on one push: the results of its runs (empty = not scheduled). */
export interface PushRuns {
  pushId: number;
  revision: string;
  /** Results of the label's runs on this push, e.g. ['success'] or ['testfailed', 'success']. */
  results: string[];
}

export interface JobGap {
  /** Pushes before the failing one that did not schedule the label, back to its last run. */
  gap: number;
  /** The nearest earlier push where the label ran, with its results; null if none within the limit. */
  lastRun: { pushId: number; revision: string; results: string[] } | null;
  /** How many earlier pushes were examined. */
  searched: number;
  /** True when no run was found among `searched` pushes and the history was cut off by the limit. */
  beyondLimit: boolean;
}

/**
 * Counts the unscheduled pushes between a failing job's push and the last earlier push where the same
 * label ran. `earlier` is ordered newest first and starts with the push just before the failing one.
 */
export function computeGap(earlier: readonly PushRuns[], limit = GAP_SEARCH_LIMIT): JobGap {
  const window = earlier.slice(0, limit);
  const index = window.findIndex((push) => push.results.length > 0);
  if (index === -1) {
    return { gap: window.length, lastRun: null, searched: window.length, beyondLimit: window.length >= limit };
  }
  const found = window[index]!;
  return {
    gap: index,
    lastRun: { pushId: found.pushId, revision: found.revision, results: found.results },
    searched: index + 1,
    beyondLimit: false,
  };
}

/** The gap badge text: "↶7"; "↶100+" when the last run is further back than the search went. */
export function gapBadgeText(gap: JobGap): string {
  return gap.lastRun ? `↶${gap.gap}` : `↶${gap.searched}${gap.beyondLimit ? '+' : ''}`;
}

/** The badge tooltip, in words. */
export function gapTooltip(gap: JobGap): string {
  if (!gap.lastRun) {
    return gap.beyondLimit
      ? `This job did not run on any of the ${gap.searched} earlier pushes searched; its last run is further back than that.`
      : `This job did not run on any of the ${gap.searched} earlier pushes available.`;
  }
  const pushes =
    gap.gap === 0
      ? 'It also ran on the previous push'
      : `${gap.gap} earlier push${gap.gap === 1 ? '' : 'es'} did not run it`;
  return `${pushes}; last run ${gap.lastRun.revision.slice(0, 12)}: ${gap.lastRun.results.join(', ')}.`;
}

/** Backfill depths that cover a gap, given the action's maximum depth (25): several backfills if needed. */
export function backfillDepthsForGap(gap: number, maxDepth = 25): number[] {
  if (gap <= 0) return [1];
  const depths: number[] = [];
  for (let left = gap; left > 0; left -= maxDepth) depths.push(Math.min(left, maxDepth));
  return depths;
}
