import type { RunnableJobs } from '../ci/schemas/decision-artifacts';

export interface MissingJob {
  label: string;
  symbol: string;
  groupSymbol?: string | undefined;
  platform: string;
}

export interface PushCompleteness {
  /** Labels that could run on this push (its decision task's runnable-jobs.json). */
  runnable: number;
  /** Of those, how many were scheduled (appear as jobs on the push). */
  scheduled: number;
  /** True when every runnable job was scheduled (a backstop push, or filled in). */
  complete: boolean;
  /** The decision task marked this push as a backstop (runs everything by design). */
  backstop: boolean;
  /** Missing labels grouped by platform, each list sorted. */
  missingByPlatform: Record<string, MissingJob[]>;
}

/**
 * Compares what could run with what was scheduled. `scheduledLabels` are the push's job_type_names
 * from Treeherder (which also include jobs added later by backfills or add-new-jobs).
 */
export function computeCompleteness(
  runnable: RunnableJobs,
  scheduledLabels: Iterable<string>,
  backstop = false,
): PushCompleteness {
  const scheduledSet = new Set(scheduledLabels);
  const missingByPlatform: Record<string, MissingJob[]> = {};
  let scheduled = 0;
  let total = 0;
  for (const [label, job] of Object.entries(runnable)) {
    total++;
    if (scheduledSet.has(label)) {
      scheduled++;
      continue;
    }
    const platform = job.platform ?? 'other';
    missingByPlatform[platform] ??= [];
    missingByPlatform[platform].push({ label, symbol: job.symbol, groupSymbol: job.groupSymbol, platform });
  }
  for (const list of Object.values(missingByPlatform)) list.sort((a, b) => a.label.localeCompare(b.label));
  return { runnable: total, scheduled, complete: scheduled === total, backstop, missingByPlatform };
}

/** "1,204 / 8,950 scheduled". */
export function completenessBadgeText(c: Pick<PushCompleteness, 'runnable' | 'scheduled'>): string {
  const fmt = new Intl.NumberFormat('en-US');
  return `${fmt.format(c.scheduled)} / ${fmt.format(c.runnable)} scheduled`;
}
