import type { TriggerCost } from '../guard/cost';

/** What a trigger would cost and what the cost guard would say, before anything is sent. */
export interface TriggerPreview {
  summary: string;
  cost: TriggerCost;
  decision: 'allow' | 'confirm' | 'refuse' | 'merged';
  reason?: string;
}

/** What happened to one trigger request. */
export type TriggerOutcome =
  | { status: 'triggered'; logId: string; actionTaskId: string; summary: string; cost: TriggerCost }
  /** Taskcluster's answer did not say whether the hook ran; the background is checking (ask `triggerStatus`). */
  | { status: 'unclear'; logId: string; summary: string; cost: TriggerCost; reason: string }
  | { status: 'needs-confirmation'; summary: string; cost: TriggerCost; reason: string }
  | { status: 'refused'; summary: string; cost: TriggerCost; reason: string }
  | { status: 'merged'; logId: string; summary: string; reason: string };
