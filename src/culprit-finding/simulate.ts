import { bernoulli, binomial, type Rng } from './rng.js';
import { mean, quantile, summarizeTrialCosts, type TrialCostSummary } from './stats.js';
import type { Probe, PushObservation, RepeatJob, Verdict } from './types.js';

/**
 * One simulator for every strategy (our planner and the comparison strategies): each round the strategy sees the
 * observations and either asks for runs or gives a verdict; the simulator draws the runs from the planted truth.
 */

export interface StrategyView {
  readonly observations: readonly PushObservation[];
  /** Jobs this strategy has triggered so far. */
  readonly jobsTriggered: number;
  /** Rounds completed so far. */
  readonly round: number;
}

export type StrategyDecision =
  | { readonly kind: 'probe'; readonly probes: readonly Probe[] }
  | { readonly kind: 'verdict'; readonly verdict: Verdict };

export interface Strategy {
  readonly name: string;
  decide(view: StrategyView): StrategyDecision;
}

/** The planted truth of a case: culprit index (or null) and the two failure rates. */
export interface FailureTruth {
  readonly culprit: number | null;
  /** Failure rate before the culprit (everywhere when there is none). */
  readonly f: number;
  /** Failure rate at and after the culprit. */
  readonly q: number;
  /** How often the runs of one repeat job share one outcome (repeats.ts); default 0. */
  readonly repeatCorrelation?: number;
}

/**
 * Machine time per job, for the benchmark's machine-minutes column: a whole test chunk, and a job that re-runs only
 * the failing test (set-up, then a few runs of one test). Assumed typical values, not measured.
 */
export const JOB_MINUTES = 20;
export const REPEAT_JOB_MINUTES = 7;

export function failureRateAt(truth: FailureTruth, pushIndex: number): number {
  return truth.culprit !== null && pushIndex >= truth.culprit ? truth.q : truth.f;
}

export interface SimulationResult {
  readonly verdict: Verdict;
  readonly jobs: number;
  readonly rounds: number;
  /** Judged against the planted truth; a budget-exhausted end is never correct. */
  readonly correct: boolean;
  /** Machine time of the jobs, JOB_MINUTES each (REPEAT_JOB_MINUTES for a repeat job). */
  readonly machineMinutes: number;
  /** What the strategy had seen when it gave its verdict. */
  readonly observations: readonly PushObservation[];
}

/** The search starts from one failing run on the last push (the failure that triggered it). */
export function initialObservations(pushes: number): PushObservation[] {
  const obs: PushObservation[] = [];
  for (let i = 0; i < pushes; i++) obs.push({ runs: 0, failures: 0, pending: 0 });
  obs[pushes - 1] = { runs: 1, failures: 1, pending: 0 };
  return obs;
}

export function isCorrect(verdict: Verdict, truth: FailureTruth): boolean {
  if (verdict.kind === 'culprit') return verdict.pushIndex === truth.culprit;
  if (verdict.kind === 'no-culprit') return truth.culprit === null;
  return false;
}

export const MAX_SIMULATED_ROUNDS = 5000;

export function simulateBisection(
  strategy: Strategy,
  truth: FailureTruth,
  start: readonly PushObservation[],
  rng: Rng,
): SimulationResult {
  const steps = simulationSteps(strategy, truth, start, rng);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same simulation one decision at a time: yields after every round, so a caller can spread a long
 * simulation over time slices (the cost preview in a service worker) and resume it where it stopped.
 */
export function* simulationSteps(
  strategy: Strategy,
  truth: FailureTruth,
  start: readonly PushObservation[],
  rng: Rng,
): Generator<void, SimulationResult, void> {
  const obs: PushObservation[] = start.map((o) => ({ ...o }));
  let jobs = 0;
  let machineMinutes = 0;
  for (let round = 0; round < MAX_SIMULATED_ROUNDS; round++) {
    const decision = strategy.decide({ observations: obs, jobsTriggered: jobs, round });
    if (decision.kind === 'verdict') {
      const correct = isCorrect(decision.verdict, truth);
      return { verdict: decision.verdict, jobs, rounds: round, correct, machineMinutes, observations: obs };
    }
    if (decision.probes.length === 0) throw new Error(`${strategy.name} asked for an empty batch`);
    for (const probe of decision.probes) {
      const o = obs[probe.pushIndex];
      if (!o || probe.times < 1) throw new Error(`${strategy.name} asked for an invalid probe`);
      const rate = failureRateAt(truth, probe.pushIndex);
      if (probe.repeats !== undefined && probe.repeats > 0) {
        const repeatJobs = [...(o.repeatJobs ?? [])];
        for (let t = 0; t < probe.times; t++) repeatJobs.push(drawRepeatJob(rng, probe.repeats, rate, truth));
        obs[probe.pushIndex] = { ...o, repeatJobs };
        machineMinutes += probe.times * REPEAT_JOB_MINUTES;
      } else {
        const fails = binomial(rng, probe.times, rate);
        obs[probe.pushIndex] = { ...o, runs: o.runs + probe.times, failures: o.failures + fails, pending: 0 };
        machineMinutes += probe.times * JOB_MINUTES;
      }
      jobs += probe.times;
    }
    yield;
  }
  throw new Error(`${strategy.name} did not finish within ${MAX_SIMULATED_ROUNDS} rounds`);
}

/** One repeat job: with probability ρ its runs share one outcome, else they are independent (repeats.ts). */
function drawRepeatJob(rng: Rng, repeats: number, rate: number, truth: FailureTruth): RepeatJob {
  if (bernoulli(rng, truth.repeatCorrelation ?? 0)) return { repeats, failures: bernoulli(rng, rate) ? repeats : 0 };
  return { repeats, failures: binomial(rng, repeats, rate) };
}

export interface TrialSummary extends TrialCostSummary {
  readonly medianJobs: number;
  readonly p90Rounds: number;
  /** Share of trials that ended with "budget exhausted". */
  readonly exhausted: number;
  /** Share of trials that stopped "inconclusive" (before the budget). */
  readonly inconclusive: number;
  readonly meanMachineMinutes: number;
}

export function summarizeTrials(results: readonly SimulationResult[]): TrialSummary {
  const jobs = results.map((r) => r.jobs);
  const rounds = results.map((r) => r.rounds);
  return {
    ...summarizeTrialCosts(results),
    medianJobs: quantile(jobs, 0.5),
    p90Rounds: quantile(rounds, 0.9),
    exhausted: results.filter((r) => r.verdict.kind === 'budget-exhausted').length / results.length,
    inconclusive: results.filter((r) => r.verdict.kind === 'inconclusive').length / results.length,
    meanMachineMinutes: mean(results.map((r) => r.machineMinutes)),
  };
}

/** Flake prior from a simulated history of similar jobs: Beta(1 + failures, 1 + passes). */
export function simulatedFlakeHistory(rng: Rng, f: number, historyRuns: number): { alpha: number; beta: number } {
  let fails = 0;
  for (let i = 0; i < historyRuns; i++) if (bernoulli(rng, f)) fails++;
  return { alpha: 1 + fails, beta: 1 + historyRuns - fails };
}
