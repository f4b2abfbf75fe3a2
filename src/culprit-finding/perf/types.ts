import type { Probe } from '../types.js';
import type { MannWhitneyResult, WelchResult } from './tests.js';

/** One perf job's result: its replicate values (e.g. 25 page loads). */
export interface PerfRun {
  readonly replicates: readonly number[];
}

export interface PerfPushObservation {
  readonly runs: readonly PerfRun[];
  /** Jobs triggered and not finished; never requested again. */
  readonly pending: number;
}

export interface PerfPlannerInput {
  /** Runs on pushes before the gap (the last data points of the series); all of them are "before" the step. */
  readonly before: readonly PerfRun[];
  /** One entry per suspect push; the last one is the alerted push and must have a run. */
  readonly observations: readonly PerfPushObservation[];
  readonly budget: number;
  readonly jobsTriggered: number;
  readonly parallel: number;
  /** Posterior needed on one push; default 0.99. */
  readonly threshold?: number;
  /** Smallest relative change called a regression (Perfherder: 2 %). */
  readonly minMagnitude?: number;
  /** Significance both tests must reach before a culprit is named; default 0.01. */
  readonly significance?: number;
  /** 0 = fill all k slots each round; higher trades rounds for fewer jobs. Default 0.5. */
  readonly batchEfficiency?: number;
}

export type PerfVerdict =
  | {
      readonly kind: 'culprit';
      readonly pushIndex: number;
      readonly posterior: number;
      /** Relative change of the mean, after vs before the culprit. */
      readonly magnitude: number;
      readonly welch: WelchResult;
      readonly mannWhitney: MannWhitneyResult;
    }
  | {
      readonly kind: 'below-threshold';
      readonly pushIndex: number;
      readonly posterior: number;
      readonly magnitude: number;
    }
  | { readonly kind: 'budget-exhausted'; readonly best: { readonly pushIndex: number; readonly posterior: number } };

export type PerfPlanStep =
  | { readonly kind: 'probe'; readonly probes: readonly Probe[]; readonly posterior: readonly number[] }
  | { readonly kind: 'wait'; readonly pending: number; readonly posterior: readonly number[] }
  | { readonly kind: 'verdict'; readonly verdict: PerfVerdict; readonly posterior: readonly number[] };
