import { plannerStrategy } from './planner-strategy.js';
import { jointPosterior } from './posterior.js';
import { binomial, type Rng, sampleIndex } from './rng.js';
import { type FailureTruth, simulateBisection } from './simulate.js';
import { mean, quantile } from './stats.js';
import type { PlannerInput, PushObservation } from './types.js';

export interface CostEstimate {
  readonly draws: number;
  /** Further jobs to a verdict (or to the budget), over draws from the planner's own posterior. */
  readonly medianJobs: number;
  readonly p90Jobs: number;
  readonly meanJobs: number;
  readonly medianRounds: number;
  readonly p90Rounds: number;
  /** Share of draws that hit the budget before a confident verdict. */
  readonly budgetExhausted: number;
}

export const DEFAULT_COST_DRAWS = 200;

/** Draws a (culprit or none, q, f) triple from the joint posterior. */
export function drawTruthFromPosterior(input: Pick<PlannerInput, 'observations' | 'priors'>, rng: Rng): FailureTruth {
  const joint = jointPosterior(input.observations, input.priors);
  const Q = joint.model.q.length;
  const F = joint.model.f.length;
  const weights = new Float64Array(joint.culprit.length + F);
  weights.set(joint.culprit, 0);
  weights.set(joint.noCulprit, joint.culprit.length);
  const s = sampleIndex(rng, weights);
  if (s >= joint.culprit.length) return { culprit: null, f: joint.model.f[s - joint.culprit.length]!, q: 0 };
  const b = s % F;
  const a = Math.floor(s / F) % Q;
  const i = Math.floor(s / (F * Q));
  return { culprit: i, f: joint.model.f[b]!, q: joint.model.q[a]! };
}

/**
 * What the rest of this bisection should cost: simulate the planner against its own prior (a few hundred
 * seeded draws). Before the first batch this is the number the cost guard shows.
 */
export function estimateBisectionCost(input: PlannerInput, rng: Rng, draws: number = DEFAULT_COST_DRAWS): CostEstimate {
  const jobs: number[] = [];
  const rounds: number[] = [];
  let exhausted = 0;
  const pendingNow = input.observations.reduce((s, o) => s + o.pending, 0);
  for (let d = 0; d < draws; d++) {
    const truth = drawTruthFromPosterior(input, rng);
    // Runs already in flight will finish anyway: draw their outcomes, and they are already paid for.
    const start: PushObservation[] = input.observations.map((o, j) => {
      const rate = truth.culprit !== null && j >= truth.culprit ? truth.q : truth.f;
      const fails = binomial(rng, o.pending, rate);
      return { runs: o.runs + o.pending, failures: o.failures + fails, pending: 0 };
    });
    const { observations: _seen, jobsTriggered, ...settings } = input;
    const strategy = plannerStrategy({ ...settings, budget: input.budget - jobsTriggered });
    const result = simulateBisection(strategy, truth, start, rng);
    jobs.push(result.jobs);
    rounds.push(result.rounds + (pendingNow > 0 ? 1 : 0));
    if (result.verdict.kind === 'budget-exhausted') exhausted++;
  }
  return {
    draws,
    medianJobs: quantile(jobs, 0.5),
    p90Jobs: quantile(jobs, 0.9),
    meanJobs: mean(jobs),
    medianRounds: quantile(rounds, 0.5),
    p90Rounds: quantile(rounds, 0.9),
    budgetExhausted: exhausted / draws,
  };
}
