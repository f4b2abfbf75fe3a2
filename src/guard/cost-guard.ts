import type { TriggerIntent } from '../actions/intents';
import type { TriggerPlan } from '../actions/plan-trigger';
import type { Settings } from '../settings';
import { describeCost, type TriggerCost } from './cost';

/** Identical requests closer together than this are one request (a double click triggers once). */
export const MERGE_WINDOW_MS = 15_000;

export interface RecentTrigger {
  dedupeKey: string;
  at: number;
  logId: string;
  /** Its outcome is not known yet (pending or unclear): an identical request is merged whatever its age. */
  unsettled?: boolean;
}

export interface GuardInput {
  intent: TriggerIntent;
  plan: TriggerPlan;
  cost: TriggerCost;
  settings: Pick<Settings, 'confirmAboveTasks' | 'dailyTaskCap'>;
  /** Tasks this user already triggered through the extension today (from the log). */
  tasksUsedToday: number;
  recentTriggers: readonly RecentTrigger[];
  /** The user has seen the cost and explicitly confirmed it. */
  confirmed: boolean;
  now: number;
}

export type GuardVerdict =
  | { decision: 'allow'; cost: TriggerCost }
  | { decision: 'confirm'; cost: TriggerCost; reason: string }
  | { decision: 'refuse'; cost: TriggerCost; reason: string }
  | { decision: 'merged'; cost: TriggerCost; logId: string; reason: string };

/**
 * The one gate every trigger passes (docs/design.md, decision 5, step 3). Order matters: refusals first (they
 * cannot be confirmed away), then merging of duplicates, then the confirmation threshold.
 */
export function evaluateGuard(input: GuardInput): GuardVerdict {
  const { intent, plan, cost, settings } = input;

  if (intent.kind === 'backfill' && isBackfilledJob(intent.job)) {
    return {
      decision: 'refuse',
      cost,
      reason: `${intent.job.label} is itself a backfill (-bk); backfilling a backfill is never done. Backfill the original job instead.`,
    };
  }
  const remaining = settings.dailyTaskCap - input.tasksUsedToday;
  if (cost.tasks > remaining) {
    return {
      decision: 'refuse',
      cost,
      reason: `This would create ${cost.tasks} tasks, but only ${Math.max(0, remaining)} of your daily cap of ${settings.dailyTaskCap} are left today. The cap can be raised in the extension's settings.`,
    };
  }
  const unsettled = input.recentTriggers.find((t) => t.dedupeKey === plan.dedupeKey && t.unsettled);
  if (unsettled) {
    return {
      decision: 'merged',
      cost,
      logId: unsettled.logId,
      reason:
        'The same request was sent a moment ago and is still being checked (it may well have gone through), so it was not sent again.',
    };
  }
  const duplicate = input.recentTriggers.find(
    (t) => t.dedupeKey === plan.dedupeKey && input.now - t.at < MERGE_WINDOW_MS,
  );
  if (duplicate) {
    return {
      decision: 'merged',
      cost,
      logId: duplicate.logId,
      reason: 'The same request was just sent; it was triggered once.',
    };
  }
  // Cancelling a whole push is never a side effect of one click.
  if (intent.kind === 'cancel-all' && !input.confirmed) {
    return { decision: 'confirm', cost, reason: `${plan.summary}: ${describeCost(cost)}. Confirm to go ahead.` };
  }
  if (cost.tasks > settings.confirmAboveTasks && !input.confirmed) {
    return { decision: 'confirm', cost, reason: `${plan.summary}: ${describeCost(cost)}. Confirm to go ahead.` };
  }
  return { decision: 'allow', cost };
}

/** Backfilled tasks carry `-bk` symbols (`<sym>-<rev>-bk`, group `<grp>-bk`). */
export function isBackfilledJob(job: {
  label: string;
  symbol?: string | undefined;
  groupSymbol?: string | undefined;
}): boolean {
  return /-bk$/.test(job.symbol ?? '') || /-bk$/.test(job.groupSymbol ?? '') || /-bk$/.test(job.label);
}

/** Start of the local day, for the daily cap. */
export function startOfLocalDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}
