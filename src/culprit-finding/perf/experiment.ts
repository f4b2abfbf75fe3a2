import type { Rng } from '../rng.js';
import { fullBackfillStrategy, sherlockStrategy } from './strategies.js';
import { runPerfTrials, summarizePerfTrials, type PerfStrategy, type PerfTrialSummary } from './simulate.js';
import { perfPlannerStrategy } from './strategy.js';
import { randomInt } from '../rng.js';

export const PERF_STRATEGIES = ['planner', 'sherlock', 'full'] as const;
export type PerfStrategyName = (typeof PERF_STRATEGIES)[number];

export interface PerfCaseSpec {
  readonly pushes: number;
  /** 0-based push where the step starts, or "uniform". */
  readonly culprit: number | 'uniform';
  readonly shiftPct: number;
  /** Replicate standard deviation, % of the mean before the step. */
  readonly noisePct: number;
  /** Run-to-run standard deviation, % of the mean before the step; default 0, like the fake CI's perf scenario. */
  readonly runNoisePct?: number;
  readonly replicatesPerRun: number;
  readonly parallel: number;
  readonly budget?: number;
}

export const PERF_DEFAULT_BUDGET = 200;

export interface PerfPairedResult {
  readonly summary: PerfTrialSummary;
  /** Per trial, for paired comparisons between strategies on the same seeds. */
  readonly jobs: readonly number[];
  readonly correct: readonly boolean[];
}

function strategyFor(name: PerfStrategyName, spec: PerfCaseSpec): PerfStrategy {
  switch (name) {
    case 'planner':
      return perfPlannerStrategy({ budget: spec.budget ?? PERF_DEFAULT_BUDGET, parallel: spec.parallel });
    case 'sherlock':
      return sherlockStrategy();
    case 'full':
      return fullBackfillStrategy();
  }
}

export function runPerfExperiment(
  spec: PerfCaseSpec,
  strategy: PerfStrategyName,
  trials: number,
  seed: number,
): PerfPairedResult {
  const truthFor = (rng: Rng) => ({
    culprit: spec.culprit === 'uniform' ? randomInt(rng, spec.pushes) : spec.culprit,
    shift: spec.shiftPct / 100,
    noise: spec.noisePct / 100,
    runNoise: (spec.runNoisePct ?? 0) / 100,
    replicatesPerRun: spec.replicatesPerRun,
  });
  const results = runPerfTrials(() => strategyFor(strategy, spec), truthFor, spec.pushes, trials, seed);
  return {
    summary: summarizePerfTrials(results),
    jobs: results.map((r) => r.jobs),
    correct: results.map((r) => r.correct),
  };
}
