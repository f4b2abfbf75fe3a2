import { childSeed, createRng, normal, type Rng } from '../rng.js';
import { summarizeTrialCosts, type TrialCostSummary } from '../stats.js';
import type { Probe } from '../types.js';
import type { PerfPushObservation, PerfRun } from './types.js';

/** Simulator for perf bisections: the same round loop as failures, with numeric runs instead of pass/fail. */

export interface PerfTruth {
  readonly culprit: number;
  /** Relative shift of the mean at and after the culprit (0.05 = +5 %). */
  readonly shift: number;
  /** Standard deviation of one replicate, relative to the mean before the step. */
  readonly noise: number;
  /** Standard deviation of a per-run offset (machine, warm-up), relative to the mean before the step. */
  readonly runNoise: number;
  readonly replicatesPerRun: number;
}

export const PERF_BASE_VALUE = 100;
/** Data points Perfherder has before the gap (its back window). */
export const PERF_HISTORY_RUNS = 12;

export interface PerfView {
  readonly before: readonly PerfRun[];
  readonly observations: readonly PerfPushObservation[];
  readonly jobsTriggered: number;
  readonly round: number;
}

export type PerfDecision =
  | { readonly kind: 'probe'; readonly probes: readonly Probe[] }
  | { readonly kind: 'verdict'; readonly pushIndex: number | null };

export interface PerfStrategy {
  readonly name: string;
  decide(view: PerfView): PerfDecision;
}

export function drawPerfRun(truth: PerfTruth, pushIndex: number, rng: Rng): PerfRun {
  const level = PERF_BASE_VALUE * (pushIndex >= truth.culprit ? 1 + truth.shift : 1);
  const offset = normal(rng) * truth.runNoise * PERF_BASE_VALUE;
  const replicates: number[] = [];
  for (let r = 0; r < truth.replicatesPerRun; r++)
    replicates.push(level + offset + normal(rng) * truth.noise * PERF_BASE_VALUE);
  return { replicates };
}

export interface PerfSimulationResult {
  readonly pushIndex: number | null;
  readonly jobs: number;
  readonly rounds: number;
  readonly correct: boolean;
}

export function simulatePerfBisection(
  strategy: PerfStrategy,
  truth: PerfTruth,
  pushes: number,
  rng: Rng,
): PerfSimulationResult {
  const before: PerfRun[] = [];
  for (let h = 0; h < PERF_HISTORY_RUNS; h++) before.push(drawPerfRun(truth, -1, rng));
  const runs: PerfRun[][] = Array.from({ length: pushes }, () => []);
  runs[pushes - 1]!.push(drawPerfRun(truth, pushes - 1, rng));
  let jobs = 0;
  for (let round = 0; round < 1000; round++) {
    const observations = runs.map((r) => ({ runs: r, pending: 0 }));
    const decision = strategy.decide({ before, observations, jobsTriggered: jobs, round });
    if (decision.kind === 'verdict') {
      return { pushIndex: decision.pushIndex, jobs, rounds: round, correct: decision.pushIndex === truth.culprit };
    }
    if (decision.probes.length === 0) throw new Error(`${strategy.name} asked for an empty batch`);
    for (const probe of decision.probes) {
      const list = runs[probe.pushIndex];
      if (!list || probe.times < 1) throw new Error(`${strategy.name} asked for an invalid probe`);
      for (let t = 0; t < probe.times; t++) list.push(drawPerfRun(truth, probe.pushIndex, rng));
      jobs += probe.times;
    }
  }
  throw new Error(`${strategy.name} did not finish`);
}

export type PerfTrialSummary = TrialCostSummary;

export function summarizePerfTrials(results: readonly PerfSimulationResult[]): PerfTrialSummary {
  return summarizeTrialCosts(results);
}

/** Runs seeded trials; trial t of every strategy sees the same truth and the same random stream. */
export function runPerfTrials(
  strategy: () => PerfStrategy,
  truthFor: (rng: Rng) => PerfTruth,
  pushes: number,
  trials: number,
  seed: number,
): PerfSimulationResult[] {
  const results: PerfSimulationResult[] = [];
  for (let t = 0; t < trials; t++) {
    const rng = createRng(childSeed(seed, t));
    results.push(simulatePerfBisection(strategy(), truthFor(rng), pushes, rng));
  }
  return results;
}
