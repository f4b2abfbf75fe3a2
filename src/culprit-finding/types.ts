/**
 * Shared types of the culprit-finding planner. Index 0 is the first push after the last known good push,
 * index N−1 is the push whose failure started the search.
 */

/** What we know about one suspect push for the job being bisected. */
export interface PushObservation {
  /** Completed runs (passed or failed). */
  readonly runs: number;
  /** Completed runs that failed. */
  readonly failures: number;
  /** Runs triggered but not finished yet; they are never requested again. */
  readonly pending: number;
  /** Finished jobs that re-ran the failing test several times (repeats.ts); not counted in `runs`. */
  readonly repeatJobs?: readonly RepeatJob[];
}

/** One job that ran the failing test `repeats` times, `failures` of which failed. */
export interface RepeatJob {
  readonly repeats: number;
  readonly failures: number;
}

/** Prior knowledge the runner has before the first batch. */
export interface BisectionPriors {
  /**
   * Background failure rate f as Beta(alpha, beta), from the job's history (similar jobs outside the range):
   * alpha = 1 + failures, beta = 1 + passes.
   */
  readonly flakeAlpha: number;
  readonly flakeBeta: number;
  /**
   * Share of this job's failures that turned out to be flakes (no culprit), i.e. P(no culprit | the failure we
   * saw). The planner converts it so that counting the original failure as evidence gives back this value.
   */
  readonly noCulprit: number;
  /** Relative prior weight per suspect push (e.g. from files touched); uniform when absent. */
  readonly pushWeights?: readonly number[];
  /** Grid of failure rates q at or after the culprit, with prior weights. Defaults in model.ts. */
  readonly qGrid?: readonly QGridPoint[];
  /** How often the runs of one repeat job share one outcome (repeats.ts); default 0. */
  readonly repeatCorrelation?: number;
}

export interface QGridPoint {
  readonly q: number;
  readonly weight: number;
}

export interface PlannerInput {
  /** One entry per suspect push, oldest first. Include the original failing run at index N−1. */
  readonly observations: readonly PushObservation[];
  readonly priors: BisectionPriors;
  /** Hard cap on jobs this bisection may trigger in total. */
  readonly budget: number;
  /** Jobs this bisection already triggered (finished + pending); the original failure is not one of them. */
  readonly jobsTriggered: number;
  /** Maximum runs in flight at once (k). */
  readonly parallel: number;
  /** Posterior a verdict needs; default 0.99. */
  readonly threshold?: number;
  /**
   * Add a probe to a round only if it brings at least this share of the information of the round's best
   * probe. 0 = always fill k slots (fewest rounds), 1 = one probe per round (fewest jobs). Default 0.
   */
  readonly batchEfficiency?: number;
  /**
   * ε in [0, 1): a verdict must also hold when ε of the prior is moved onto any single q (see verdict.ts).
   * 0 = plain posterior. Default 0.2 (and at least 0.7 for a no-culprit verdict).
   */
  readonly qRobustness?: number;
  /**
   * Optional: a verdict also needs, in every failure family φ (each grid q with a culprit, and "no culprit"),
   * P(verdict wrong, φ | data) ≤ familyTolerance × P(φ | original failure); this bounds the error rate within
   * each family by familyTolerance (see familyError in verdict.ts). Off by default: it was not cheaper overall.
   */
  readonly familyTolerance?: number;
  /**
   * Stop with an "inconclusive" verdict when even at the best run's current information rate a verdict would
   * take more jobs than the budget has left (see jobsAtCurrentRate). Default true.
   */
  readonly stopWhenHopeless?: boolean;
  /** How many times over the jobs left that estimate must be (DEFAULT_HOPELESS_MARGIN in planner.ts). */
  readonly hopelessMargin?: number;
  /**
   * Jobs that re-run only the failing test this many times are available (repeats.ts). With 'confirm-first' (the
   * default) the first probe is one such job on the failing push, as confirm-failures does; with 'every-probe'
   * every probe is one.
   */
  readonly repeatsPerJob?: number;
  readonly repeatMode?: 'confirm-first' | 'every-probe';
}

/**
 * One entry of a batch: trigger the job `times` more times on push `pushIndex`; with `repeats`, `times` jobs that
 * each re-run the failing test `repeats` times.
 */
export interface Probe {
  readonly pushIndex: number;
  readonly times: number;
  readonly repeats?: number;
}

export interface CulpritVerdict {
  readonly kind: 'culprit';
  readonly pushIndex: number;
  readonly posterior: number;
}

export interface NoCulpritVerdict {
  readonly kind: 'no-culprit';
  readonly posterior: number;
}

export interface BudgetExhaustedVerdict {
  readonly kind: 'budget-exhausted';
  /** Most likely answer so far; pushIndex null means "no culprit". */
  readonly best: { readonly pushIndex: number | null; readonly posterior: number };
  /** Rough jobs still needed to reach the threshold, from the channel capacity at the current estimates. */
  readonly expectedRemainingJobs?: number;
}

/**
 * Stopped before the budget because more runs would hardly help: the best run available tells too little about
 * where the culprit is (e.g. "culprit at the first push with q ≈ f" against "no culprit" on a flaky job: every
 * push fails at the same rate under both). Says what is known and what knowing more would cost.
 */
export interface InconclusiveVerdict {
  readonly kind: 'inconclusive';
  /** The hypotheses still in play, most likely first (pushIndex null = "no culprit"), until they hold the verdict threshold (≤ 5). */
  readonly candidates: readonly { readonly pushIndex: number | null; readonly posterior: number }[];
  /** Jobs a verdict would still take at the best run's current information rate (a lower estimate). */
  readonly expectedRemainingJobs: number;
  /** Jobs the budget had left. */
  readonly budgetLeft: number;
}

export type Verdict = CulpritVerdict | NoCulpritVerdict | BudgetExhaustedVerdict | InconclusiveVerdict;

/** What the runner should do next. */
export type PlanStep =
  | { readonly kind: 'probe'; readonly probes: readonly Probe[]; readonly posterior: PosteriorSummary }
  | { readonly kind: 'wait'; readonly pending: number; readonly posterior: PosteriorSummary }
  | { readonly kind: 'verdict'; readonly verdict: Verdict; readonly posterior: PosteriorSummary };

/** The posterior the popup charts: one number per push plus "no culprit". */
export interface PosteriorSummary {
  /** P(culprit = push i), length N. */
  readonly pushes: readonly number[];
  readonly noCulprit: number;
  /** Posterior mean of the background failure rate f. */
  readonly flakeRate: number;
  /** Posterior mean of q given there is a culprit. */
  readonly regressionRate: number;
}
