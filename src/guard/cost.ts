import type { TriggerPlan } from '../actions/plan-trigger';

export interface TriggerCost {
  tasks: number;
  /** Estimated machine time from these jobs' recent durations. */
  machineMinutes: number;
  /** Labels with no recent duration; they are counted at the fallback duration. */
  labelsWithoutHistory: string[];
  /** cancel-all only: the push's unfinished tasks it would cancel, counted from Taskcluster. */
  cancels?: number;
}

/** Used when a label has no recent run to learn from: a typical Firefox test chunk. */
export const FALLBACK_MINUTES_PER_TASK = 20;

/** Cost of a plan: tasks × each label's recent mean duration (minutes). */
export function estimateCost(plan: TriggerPlan, recentMinutesByLabel: Readonly<Record<string, number>>): TriggerCost {
  let machineMinutes = 0;
  const labelsWithoutHistory: string[] = [];
  for (const run of plan.runs) {
    const known = recentMinutesByLabel[run.label] ?? recentMinutesByLabel[run.label.replace(/-cf$/, '')];
    if (known === undefined) labelsWithoutHistory.push(run.label);
    machineMinutes += run.times * (known ?? FALLBACK_MINUTES_PER_TASK);
  }
  return { tasks: plan.expectedTasks, machineMinutes: Math.round(machineMinutes), labelsWithoutHistory };
}

/** "12 tasks, about 3 h 20 min of machine time". */
export function describeCost(cost: TriggerCost): string {
  if (cost.cancels !== undefined) return `cancels ${cost.cancels} unfinished task${cost.cancels === 1 ? '' : 's'}`;
  const tasks = `${cost.tasks} task${cost.tasks === 1 ? '' : 's'}`;
  if (cost.tasks === 0) return 'no new tasks';
  return `${tasks}, about ${formatMinutes(cost.machineMinutes)} of machine time${cost.labelsWithoutHistory.length ? ' (some durations guessed)' : ''}`;
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
