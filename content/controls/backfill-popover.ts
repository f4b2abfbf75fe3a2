import { backfillDepthsForGap, gapTooltip, type JobGap } from '../../src/gap/compute-gap';
import type { IntentPopoverKind } from './intent-popover';
import { backfillIntent } from './job-intents';

/** The in-tree backfill action's maximum depth (pushes). */
export const MAX_BACKFILL_DEPTH = 25;

/**
 * Backfill: the depth defaults to the job's gap (the unscheduled pushes back to its last run), capped
 * at the action's maximum; a longer gap needs several backfills, and this one covers the nearest part.
 */
export const backfillPopover: IntentPopoverKind = {
  testid: 'cit-backfill-popover',
  label: 'Backfill this job',
  field: { label: 'Depth (earlier pushes)', min: 1, max: MAX_BACKFILL_DEPTH },
  goLabel: 'Backfill',
  load: async ({ repo, jobId, data }) => {
    const [job, gap] = await Promise.all([
      data.describeJob(repo, jobId),
      data.jobGap(repo, jobId).then(
        (value): JobGap | Error => value,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
    ]);
    const { initial, notes } = depthAdvice(gap);
    return {
      heading: `Backfill ${job.label}`,
      notes,
      initial,
      intentFor: (depth) => backfillIntent(repo, job, depth),
      what: () => 'Backfill',
    };
  },
};

/** The default depth and the sentences explaining it. */
export function depthAdvice(gap: JobGap | Error): { initial: number; notes: string[] } {
  if (gap instanceof Error) return { initial: 1, notes: [`The gap is unknown (${gap.message}).`] };
  const depths = backfillDepthsForGap(gap.gap, MAX_BACKFILL_DEPTH);
  const notes = [gapTooltip(gap)];
  if (depths.length > 1) {
    notes.push(
      `That takes ${depths.length} backfills (${depths.join(', ')} pushes): one backfill reaches at most ${MAX_BACKFILL_DEPTH}. This one covers the nearest ${depths[0]}.`,
    );
  }
  return { initial: depths[0] ?? 1, notes };
}
