import { mean } from '../stats.js';
import { type DataPoint, detectChangePoint } from './detect.js';
import { runSummary } from './posterior.js';
import type { PerfStrategy, PerfView } from './simulate.js';

/** Perfherder's view of the range: one value per push that has data, history first. */
function seriesOf(view: PerfView): DataPoint[] {
  const history = view.before.map((run, h) => ({ pushIndex: h - view.before.length, value: runSummary(run) }));
  const inRange: DataPoint[] = [];
  view.observations.forEach((o, pushIndex) => {
    if (o.runs.length > 0) inRange.push({ pushIndex, value: mean(o.runs.map(runSummary)) });
  });
  return [...history, ...inRange];
}

function currentCulprit(view: PerfView): number {
  return detectChangePoint(seriesOf(view), 0)?.pushIndex ?? view.observations.length - 1;
}

/** Pushes without data between the last push with data before `culprit` and `culprit`. */
function gapBefore(view: PerfView, culprit: number): number[] {
  const gap: number[] = [];
  for (let j = culprit - 1; j >= 0 && view.observations[j]!.runs.length === 0; j--) gap.unshift(j);
  return gap;
}

export const SHERLOCK_SLICES = 3;
export const SHERLOCK_MAX_ITERATIONS = 5;
/** Gecko's sliced backfill fills a gap shorter than this entirely. */
export const SLICED_BACKFILL_FULL_BELOW = 7;

/**
 * Sherlock (Treeherder's perf backfill bot, iterative since 2026-05): backfill the gap before the detected
 * culprit with `slices: 3` (the whole gap when it is < 7 pushes), re-run change detection, and repeat until the
 * culprit's parent has data, the gap stops shrinking, or after 5 iterations. One data point per push.
 */
export function sherlockStrategy(): PerfStrategy {
  let lastGap = Infinity;
  return {
    name: 'sherlock',
    decide(view) {
      const culprit = currentCulprit(view);
      const gap = gapBefore(view, culprit);
      if (gap.length === 0 || view.round >= SHERLOCK_MAX_ITERATIONS || gap.length >= lastGap) {
        return { kind: 'verdict', pushIndex: culprit };
      }
      lastGap = gap.length;
      const pushes =
        gap.length < SLICED_BACKFILL_FULL_BELOW
          ? gap
          : [
              ...new Set(
                Array.from(
                  { length: SHERLOCK_SLICES },
                  (_, i) => gap[Math.floor(((i + 1) * gap.length) / (SHERLOCK_SLICES + 1))]!,
                ),
              ),
            ];
      return { kind: 'probe', probes: pushes.map((pushIndex) => ({ pushIndex, times: 1 })) };
    },
  };
}

/** Full backfill: every push of the gap once, then Perfherder's change detection. */
export function fullBackfillStrategy(): PerfStrategy {
  return {
    name: 'full',
    decide(view) {
      if (view.round === 0) {
        const probes = [];
        for (let j = 0; j < view.observations.length - 1; j++) probes.push({ pushIndex: j, times: 1 });
        if (probes.length > 0) return { kind: 'probe', probes };
      }
      return { kind: 'verdict', pushIndex: currentCulprit(view) };
    },
  };
}
