import type { CostEstimate } from '../culprit-finding';

/** The range of a bisection and what it is expected to cost, shown before it starts. */
export interface BisectionPreview {
  suspects: number;
  firstPushId: number;
  lastPushId: number;
  estimate: CostEstimate;
  budget: number;
  parallel: number;
}
