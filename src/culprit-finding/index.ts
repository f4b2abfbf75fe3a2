/** Culprit finding: pure planners, bounds and the simulator that benchmarks them (docs/design.md, decision 7). */
export * from './types.js';
export { planNextProbes, DEFAULT_BATCH_EFFICIENCY } from './planner.js';
export {
  posteriorOverPushes,
  jointPosterior,
  summarizePosterior,
  pushMarginals,
  noCulpritProbability,
} from './posterior.js';
export type { JointPosterior } from './posterior.js';
export { DEFAULT_Q_GRID, flakeRateGrid, buildRateModel, isRegressionRate } from './model.js';
export {
  confidentVerdict,
  robustPosterior,
  familyError,
  budgetExhaustedVerdict,
  bestHypothesis,
  expectedRemainingJobs,
  DEFAULT_THRESHOLD,
  DEFAULT_Q_ROBUSTNESS,
  NO_CULPRIT_ROBUSTNESS,
} from './verdict.js';
export {
  binaryEntropy,
  zChannelCapacity,
  intermittentCapacity,
  asymmetricChannelCapacity,
  capacityLowerBound,
} from './bounds.js';
export {
  estimateBisectionCost,
  estimateBisectionCostAsync,
  estimateInSlices,
  drawTruthFromPosterior,
  weightedQuantile,
  DEFAULT_COST_DRAWS,
  DEFAULT_SLICE_MS,
} from './cost.js';
export type { CostEstimate } from './cost.js';
export { planRetriggerUntilFailure, DEFAULT_RETRIGGER_BATCH } from './retrigger-until-failure.js';
export type { RetriggerStep, RetriggerUntilFailureInput } from './retrigger-until-failure.js';
export { createRng, childSeed } from './rng.js';
export type { Rng } from './rng.js';
export {
  simulateBisection,
  summarizeTrials,
  initialObservations,
  isCorrect,
  failureRateAt,
  simulatedFlakeHistory,
} from './simulate.js';
export type {
  Strategy,
  StrategyDecision,
  StrategyView,
  FailureTruth,
  SimulationResult,
  TrialSummary,
} from './simulate.js';
export { plannerStrategy } from './planner-strategy.js';
export type { PlannerSettings } from './planner-strategy.js';
export * from './strategies/index.js';
export { runFailureExperiment, caseLowerBound, FAILURE_STRATEGIES } from './experiment.js';
export type { FailureCaseSpec, FailureStrategyName } from './experiment.js';
export * as perf from './perf/index.js';
