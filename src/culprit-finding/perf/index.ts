/** Perf bisection (issue 8): the same runner model as culprit finding, on numeric replicates. */
export * from './types.js';
export {
  planPerfProbes,
  quantileProbes,
  roundSize,
  PERF_DEFAULT_THRESHOLD,
  PERFHERDER_MIN_MAGNITUDE,
  PERF_DEFAULT_SIGNIFICANCE,
  PERF_DEFAULT_BATCH_EFFICIENCY,
} from './planner.js';
export { stepPosterior, stepModel, runSummary } from './posterior.js';
export type { StepModel } from './posterior.js';
export { choosePerfProbes, perfProbeInformation } from './choose-probes.js';
export { welchTTest, mannWhitneyU, normalCdf, studentTCdf, studentTQuantile, incompleteBeta } from './tests.js';
export type { WelchResult, MannWhitneyResult } from './tests.js';
export { summarizeValues } from './value-summary.js';
export type { ValueSummary } from './value-summary.js';
export { detectChangePoint, PERFHERDER_BACK_WINDOW, PERFHERDER_FORE_WINDOW } from './detect.js';
export type { DataPoint } from './detect.js';
export { sherlockStrategy, fullBackfillStrategy, SHERLOCK_SLICES, SHERLOCK_MAX_ITERATIONS } from './strategies.js';
export { simulatePerfBisection, runPerfTrials, summarizePerfTrials, drawPerfRun } from './simulate.js';
export type {
  PerfTruth,
  PerfStrategy,
  PerfView,
  PerfDecision,
  PerfSimulationResult,
  PerfTrialSummary,
} from './simulate.js';
export { perfPlannerStrategy } from './strategy.js';
export { runPerfExperiment, PERF_STRATEGIES } from './experiment.js';
export type { PerfCaseSpec, PerfStrategyName } from './experiment.js';
