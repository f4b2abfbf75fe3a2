import { bernoulli, binomial, type Rng } from './rng.js';
import { quantile, summarizeTrialCosts, type TrialCostSummary } from './stats.js';
import type { Probe, PushObservation, Verdict } from './types.js';

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
}

export function failureRateAt(truth: FailureTruth, pushIndex: number): number {
  return truth.culprit !== null && pushIndex >= truth.culprit ? truth.q : truth.f;
}

export interface SimulationResult {
  readonly verdict: Verdict;
  readonly jobs: number;
  readonly rounds: number;
  /** Judged against the planted truth; a budget-exhausted end is never correct. */
  readonly correct: boolean;
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
  const obs = start.map((o) => ({ ...o }));
  let jobs = 0;
  for (let round = 0; round < MAX_SIMULATED_ROUNDS; round++) {
    const decision = strategy.decide({ observations: obs, jobsTriggered: jobs, round });
    if (decision.kind === 'verdict') {
      return { verdict: decision.verdict, jobs, rounds: round, correct: isCorrect(decision.verdict, truth) };
    }
    if (decision.probes.length === 0) throw new Error(`${strategy.name} asked for an empty batch`);
    for (const probe of decision.probes) {
      const o = obs[probe.pushIndex];
      if (!o || probe.times < 1) throw new Error(`${strategy.name} asked for an invalid probe`);
      const fails = binomial(rng, probe.times, failureRateAt(truth, probe.pushIndex));
      obs[probe.pushIndex] = { runs: o.runs + probe.times, failures: o.failures + fails, pending: 0 };
      jobs += probe.times;
    }
  }
  throw new Error(`${strategy.name} did not finish within ${MAX_SIMULATED_ROUNDS} rounds`);
}

export interface TrialSummary extends TrialCostSummary {
  readonly medianJobs: number;
  readonly p90Rounds: number;
  /** Share of trials that ended with "budget exhausted". */
  readonly exhausted: number;
  /** Share of trials that stopped "inconclusive" (before the budget). */
  readonly inconclusive: number;
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
  };
}

/** Flake prior from a simulated history of similar jobs: Beta(1 + failures, 1 + passes). */
export function simulatedFlakeHistory(rng: Rng, f: number, historyRuns: number): { alpha: number; beta: number } {
  let fails = 0;
  for (let i = 0; i < historyRuns; i++) if (bernoulli(rng, f)) fails++;
  return { alpha: 1 + fails, beta: 1 + historyRuns - fails };
}
