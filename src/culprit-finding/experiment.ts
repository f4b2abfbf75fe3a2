import { plainBisectionStrategy } from './strategies/bisection.js';
import { linearBackfillStrategy } from './strategies/linear.js';
import { mozciStrategy } from './strategies/mozci.js';
import { capacityLowerBound } from './bounds.js';
import { type CostEstimate, estimateBisectionCost } from './cost.js';
import { type PlannerSettings, plannerStrategy } from './planner-strategy.js';
import { extendStart, type StartingEvidence, startingEvidence } from './evidence.js';
import { childSeed, createRng, randomInt, type Rng, sampleIndex } from './rng.js';
import { quantile } from './stats.js';
import {
  type FailureTruth,
  type SimulationResult,
  type Strategy,
  simulateBisection,
  simulatedFlakeHistory,
  summarizeTrials,
  type TrialSummary,
} from './simulate.js';
import type { BisectionPriors, QGridPoint } from './types.js';

/** Everything the benchmark and `bisect:sim` need to run one family of failure cases. */

export const FAILURE_STRATEGIES = ['planner', 'linear', 'bisect-1', 'bisect-4', 'bisect-8', 'mozci'] as const;
export type FailureStrategyName = (typeof FAILURE_STRATEGIES)[number];

export interface FailureCaseSpec {
  readonly pushes: number;
  /** 0-based culprit, null for "no culprit", or "uniform" to draw it per trial. */
  readonly culprit: number | null | 'uniform';
  readonly f: number;
  /** Failure rate at and after the culprit (1 = permanent); for no-culprit cases, the alternative the bound uses. */
  readonly q: number;
  readonly parallel: number;
  /** Similar-job history the flake prior is read from (runs). */
  readonly historyRuns?: number;
  readonly noCulpritPrior?: number;
  readonly budget?: number;
  readonly threshold?: number;
  readonly batchEfficiency?: number;
  readonly qRobustness?: number;
  readonly familyTolerance?: number;
  readonly stopWhenHopeless?: boolean;
  readonly hopelessMargin?: number;
  /** Planner's q grid (defaults to DEFAULT_Q_GRID). */
  readonly qGrid?: readonly QGridPoint[];
  /**
   * Diagnostic: give the planner the true f and q (a one-point q grid and a sharp flake prior), i.e. the setting
   * the capacity bound assumes. Shows how much of the cost is the price of not knowing the rates.
   */
  readonly knownRates?: boolean;
  /** Runs that already exist (see evidence.ts): per-push coverage, or a sparse schedule the range is derived from. */
  readonly coverage?: number;
  readonly sparseEvery?: number;
  readonly rangeRule?: 'evidence' | 'nearest-run';
  /** Jobs that re-run the failing test this many times are available (repeats.ts), with this correlation. */
  readonly repeatsPerJob?: number;
  readonly repeatCorrelation?: number;
  readonly repeatMode?: 'confirm-first' | 'every-probe';
  /**
   * The failing test's own flake rate (its failure line), beside `f`, the job's. When set, the planner counts the
   * test's line rather than the job's result (a job that fails for another reason is no reproduction), so its
   * background rate and its history are the test's.
   */
  readonly testFlakeRate?: number;
  /** Prior weights per push (e.g. from the files each push touched); a uniform culprit is drawn from them too. */
  readonly pushWeights?: readonly number[];
  /** Diagnostic: draw a uniform culprit from these weights instead (e.g. to run the same cases without pushWeights). */
  readonly culpritWeights?: readonly number[];
  /** Also run the preview (cost estimate) on the first this many trials' starting point. */
  readonly previewTrials?: number;
}

/** Defaults of the simulated runner: about six pages of Treeherder's similar jobs, a generous job cap. */
export const DEFAULT_HISTORY_RUNS = 300;
export const DEFAULT_NO_CULPRIT_PRIOR = 0.3;
export const DEFAULT_SIM_BUDGET = 1500;

export interface ExperimentResult {
  readonly summary: TrialSummary;
  readonly lowerBound: number;
  /** The preview's own estimate for the scenario: medians over the previewed trials of its median and p90. */
  readonly preview?: {
    readonly medianJobs: number;
    readonly p90Jobs: number;
    readonly verdictWithinBudget: number;
    readonly estimates: readonly CostEstimate[];
  };
}

/** The planner's settings for a case: what the runtime would pass, from the case's fields. */
export function plannerSettings(spec: FailureCaseSpec, priors: BisectionPriors): PlannerSettings {
  return {
    priors,
    budget: spec.budget ?? DEFAULT_SIM_BUDGET,
    parallel: spec.parallel,
    ...definedOnly({
      threshold: spec.threshold,
      batchEfficiency: spec.batchEfficiency,
      qRobustness: spec.qRobustness,
      familyTolerance: spec.familyTolerance,
      stopWhenHopeless: spec.stopWhenHopeless,
      hopelessMargin: spec.hopelessMargin,
      repeatsPerJob: spec.repeatsPerJob,
      repeatMode: spec.repeatMode,
    }),
  };
}

function strategyFor(name: FailureStrategyName, spec: FailureCaseSpec, priors: BisectionPriors): Strategy {
  switch (name) {
    case 'planner':
      return plannerStrategy(plannerSettings(spec, priors));
    case 'linear':
      return linearBackfillStrategy(1);
    case 'bisect-1':
      return plainBisectionStrategy(1);
    case 'bisect-4':
      return plainBisectionStrategy(4);
    case 'bisect-8':
      return plainBisectionStrategy(8);
    case 'mozci':
      return mozciStrategy();
  }
}

/** The object without its undefined fields (for exact optional properties). */
export function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** The floor log2 N / C for the case's rates (for no-culprit cases, against the alternative rate q). */
export function caseLowerBound(spec: Pick<FailureCaseSpec, 'pushes' | 'f' | 'q'>): number {
  return capacityLowerBound(spec.pushes, spec.f, spec.q);
}

/**
 * One case, extended as the runtime extends it: when our planner names the oldest push of a range derived from
 * earlier runs, the range takes in more of them (extendStart) and the search goes on within what is left of the
 * budget. Jobs, rounds and machine time add up over the extensions.
 */
function simulateWithExtensions(
  spec: FailureCaseSpec,
  strategy: FailureStrategyName,
  priors: BisectionPriors,
  start: StartingEvidence,
  rng: Rng,
): SimulationResult {
  const budget = spec.budget ?? DEFAULT_SIM_BUDGET;
  let current = start;
  let jobs = 0;
  let rounds = 0;
  let machineMinutes = 0;
  for (;;) {
    const result = simulateBisection(
      strategyFor(strategy, { ...spec, budget: budget - jobs }, priors),
      current.truth,
      current.observations,
      rng,
    );
    jobs += result.jobs;
    rounds += result.rounds;
    machineMinutes += result.machineMinutes;
    const extended =
      strategy === 'planner' && result.verdict.kind === 'culprit' && result.verdict.pushIndex === 0
        ? extendStart(current, result.observations)
        : null;
    if (!extended) return { ...result, jobs, rounds, machineMinutes };
    current = extended;
  }
}

/** Runs `trials` seeded cases of one family with one strategy; trial t always sees the same draws. */
export function runFailureExperiment(
  spec: FailureCaseSpec,
  strategy: FailureStrategyName,
  trials: number,
  seed: number,
  onTrial?: (truth: FailureTruth, result: SimulationResult) => void,
): ExperimentResult {
  const results: SimulationResult[] = [];
  const estimates: CostEstimate[] = [];
  const background = spec.testFlakeRate ?? spec.f;
  if (spec.pushWeights && (spec.pushWeights.length !== spec.pushes || spec.sparseEvery !== undefined))
    throw new RangeError('pushWeights needs one weight per push, and no sparse schedule');
  for (let t = 0; t < trials; t++) {
    const rng = createRng(childSeed(seed, t));
    const history = simulatedFlakeHistory(rng, background, spec.historyRuns ?? DEFAULT_HISTORY_RUNS);
    const culprit =
      spec.culprit !== 'uniform'
        ? spec.culprit
        : (spec.culpritWeights ?? spec.pushWeights)
          ? sampleIndex(rng, (spec.culpritWeights ?? spec.pushWeights)!)
          : randomInt(rng, spec.pushes);
    const truth: FailureTruth = {
      culprit,
      f: background,
      q: spec.q,
      ...definedOnly({ repeatCorrelation: spec.repeatCorrelation }),
    };
    const priors: BisectionPriors = {
      ...(spec.knownRates
        ? {
            flakeAlpha: 1 + background * 1e6,
            flakeBeta: 1 + (1 - background) * 1e6,
            noCulprit: spec.noCulpritPrior ?? DEFAULT_NO_CULPRIT_PRIOR,
            qGrid: [{ q: spec.q, weight: 1 }],
          }
        : {
            flakeAlpha: history.alpha,
            flakeBeta: history.beta,
            noCulprit: spec.noCulpritPrior ?? DEFAULT_NO_CULPRIT_PRIOR,
            ...(spec.qGrid ? { qGrid: spec.qGrid } : {}),
          }),
      ...definedOnly({ repeatCorrelation: spec.repeatCorrelation, pushWeights: spec.pushWeights }),
    };
    const start = startingEvidence(spec, truth, rng);
    if (t < (spec.previewTrials ?? 0)) {
      const settings = plannerSettings(spec, priors);
      estimates.push(
        estimateBisectionCost({ ...settings, observations: start.observations, jobsTriggered: 0 }, createRng(t + 1)),
      );
    }
    const result = simulateWithExtensions(spec, strategy, priors, start, rng);
    onTrial?.(truth, result);
    results.push(result);
  }
  const preview = estimates.length
    ? {
        medianJobs: quantile(
          estimates.map((e) => e.medianJobs),
          0.5,
        ),
        p90Jobs: quantile(
          estimates.map((e) => e.p90Jobs),
          0.5,
        ),
        verdictWithinBudget: quantile(
          estimates.map((e) => e.verdictWithinBudget ?? 1 - e.budgetExhausted),
          0.5,
        ),
        estimates,
      }
    : undefined;
  return { summary: summarizeTrials(results), lowerBound: caseLowerBound(spec), ...(preview ? { preview } : {}) };
}
