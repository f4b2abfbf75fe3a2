import { plannerStrategy } from './planner-strategy.js';
import { jointPosterior, type JointPosterior } from './posterior.js';
import { binomial, type Rng, sampleIndex } from './rng.js';
import { type FailureTruth, type SimulationResult, simulationSteps } from './simulate.js';
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
  /** Share of draws that stopped "inconclusive" before the budget. */
  readonly inconclusive?: number;
  /** Share of draws that ended with a culprit or no-culprit verdict within the budget. */
  readonly verdictWithinBudget?: number;
  /** The same per failure family (q of the grid, null = "no culprit"), with the family's posterior share. */
  readonly families?: readonly FamilyEstimate[];
}

export interface FamilyEstimate {
  readonly q: number | null;
  readonly share: number;
  readonly draws: number;
  readonly medianJobs: number;
  readonly p90Jobs: number;
  readonly verdictWithinBudget: number;
}

/**
 * Draws of the preview: stratified over the failure families (each q of the grid, and "no culprit"), each family
 * weighted by its posterior mass; 48 in proportion to the mass, but at least MIN_FAMILY_DRAWS for every family
 * holding ≥ 1 % of it, so each family's own median is estimated too (bench: "preview calibration").
 */
export const DEFAULT_COST_DRAWS = 48;
export const MIN_FAMILY_DRAWS = 8;
/** Longest stretch of work between two yields of the sliced preview (a service worker must stay responsive). */
export const DEFAULT_SLICE_MS = 150;

/** Draws a (culprit or none, q, f) triple from the joint posterior. */
export function drawTruthFromPosterior(input: Pick<PlannerInput, 'observations' | 'priors'>, rng: Rng): FailureTruth {
  return drawFromJoint(jointPosterior(input.observations, input.priors), rng);
}

function drawFromJoint(joint: JointPosterior, rng: Rng, family?: number): FailureTruth {
  const Q = joint.model.q.length;
  const F = joint.model.f.length;
  const weights = new Float64Array(joint.culprit.length + F);
  weights.set(joint.culprit, 0);
  weights.set(joint.noCulprit, joint.culprit.length);
  if (family !== undefined) {
    // Keep only the family's states: culprit states with q index `family`, or the no-culprit ones (family = Q).
    for (let s = 0; s < joint.culprit.length; s++) if (Math.floor(s / F) % Q !== family) weights[s] = 0;
    if (family !== Q) weights.fill(0, joint.culprit.length);
  }
  const s = sampleIndex(rng, weights);
  if (s >= joint.culprit.length) return { culprit: null, f: joint.model.f[s - joint.culprit.length]!, q: 0 };
  const b = s % F;
  const a = Math.floor(s / F) % Q;
  const i = Math.floor(s / (F * Q));
  return { culprit: i, f: joint.model.f[b]!, q: joint.model.q[a]! };
}

/** Posterior mass of each family: q index a at [a], "no culprit" at [Q]. */
function familyMass(joint: JointPosterior): Float64Array {
  const Q = joint.model.q.length;
  const F = joint.model.f.length;
  const mass = new Float64Array(Q + 1);
  for (let s = 0; s < joint.culprit.length; s++) mass[Math.floor(s / F) % Q]! += joint.culprit[s]!;
  for (let b = 0; b < F; b++) mass[Q]! += joint.noCulprit[b]!;
  return mass;
}

/** Draws per family: proportional to its mass, at least MIN_FAMILY_DRAWS from 1 % of it; none below 0.25 %. */
function allocate(mass: Float64Array, draws: number): number[] {
  return Array.from(mass, (m) => (m < 0.0025 ? 0 : Math.max(m >= 0.01 ? MIN_FAMILY_DRAWS : 1, Math.round(m * draws))));
}

/** Quantile of weighted values: the smallest value whose cumulative weight reaches p of the total. */
export function weightedQuantile(values: readonly number[], weights: readonly number[], p: number): number {
  const order = values.map((_, i) => i).sort((x, y) => values[x]! - values[y]!);
  const total = weights.reduce((s, w) => s + w, 0);
  let running = 0;
  for (const i of order) {
    running += weights[i]!;
    if (running >= p * total - 1e-12) return values[i]!;
  }
  return values[order.at(-1)!] ?? NaN;
}

interface Draw {
  readonly family: number;
  readonly weight: number;
  readonly steps: Generator<void, SimulationResult, void>;
  readonly pendingNow: boolean;
}

/**
 * What the rest of this bisection should cost: the planner simulated against its own posterior, stratified by
 * family. A generator of time slices: each `next()` works for at most `sliceMs` (one planner decision can run a
 * little over), so a caller can yield to the event loop in between; the return value is the estimate.
 */
export function* estimateInSlices(
  input: PlannerInput,
  rng: Rng,
  draws: number = DEFAULT_COST_DRAWS,
  sliceMs: number = DEFAULT_SLICE_MS,
  now: () => number = () => performance.now(),
): Generator<void, CostEstimate, void> {
  const joint = jointPosterior(input.observations, input.priors);
  const mass = familyMass(joint);
  const counts = allocate(mass, draws);
  const pendingNow = input.observations.some((o) => o.pending > 0);
  const { observations: _seen, jobsTriggered, ...settings } = input;
  const plan: Draw[] = [];
  let massCovered = 0;
  counts.forEach((n, family) => {
    if (n > 0) massCovered += mass[family]!;
  });
  counts.forEach((n, family) => {
    for (let d = 0; d < n; d++) {
      const truth = { ...drawFromJoint(joint, rng, family), repeatCorrelation: input.priors.repeatCorrelation ?? 0 };
      // Runs already in flight will finish anyway: draw their outcomes, and they are already paid for.
      const start: PushObservation[] = input.observations.map((o, j) => {
        const rate = truth.culprit !== null && j >= truth.culprit ? truth.q : truth.f;
        return { ...o, runs: o.runs + o.pending, failures: o.failures + binomial(rng, o.pending, rate), pending: 0 };
      });
      const strategy = plannerStrategy({ ...settings, budget: input.budget - jobsTriggered });
      const steps = simulationSteps(strategy, truth, start, rng);
      plan.push({ family, weight: mass[family]! / massCovered / n, steps, pendingNow });
    }
  });

  const results: { family: number; weight: number; result: SimulationResult; rounds: number }[] = [];
  let sliceStart = now();
  for (const draw of plan) {
    for (;;) {
      const next = draw.steps.next();
      if (next.done) {
        const rounds = next.value.rounds + (draw.pendingNow ? 1 : 0);
        results.push({ family: draw.family, weight: draw.weight, result: next.value, rounds });
        break;
      }
      if (now() - sliceStart >= sliceMs) {
        yield;
        sliceStart = now();
      }
    }
  }
  const weights = results.map((r) => r.weight);
  const jobs = results.map((r) => r.result.jobs);
  const rounds = results.map((r) => r.rounds);
  const share = (kinds: readonly string[], of = results) =>
    of.reduce((s, r) => s + (kinds.includes(r.result.verdict.kind) ? r.weight : 0), 0) /
    of.reduce((s, r) => s + r.weight, 0);
  const Q = joint.model.q.length;
  const families: FamilyEstimate[] = counts.flatMap((n, family) => {
    if (n === 0) return [];
    const own = results.filter((r) => r.family === family);
    const ownJobs = own.map((r) => r.result.jobs);
    const even = own.map(() => 1);
    return [
      {
        q: family === Q ? null : joint.model.q[family]!,
        share: mass[family]!,
        draws: own.length,
        medianJobs: weightedQuantile(ownJobs, even, 0.5),
        p90Jobs: weightedQuantile(ownJobs, even, 0.9),
        verdictWithinBudget: share(['culprit', 'no-culprit'], own),
      },
    ];
  });
  return {
    draws: results.length,
    medianJobs: weightedQuantile(jobs, weights, 0.5),
    p90Jobs: weightedQuantile(jobs, weights, 0.9),
    meanJobs: results.reduce((s, r) => s + r.weight * r.result.jobs, 0),
    medianRounds: weightedQuantile(rounds, weights, 0.5),
    p90Rounds: weightedQuantile(rounds, weights, 0.9),
    budgetExhausted: share(['budget-exhausted']),
    inconclusive: share(['inconclusive']),
    verdictWithinBudget: share(['culprit', 'no-culprit']),
    families,
  };
}

/** The estimate in one go (tests, the simulator); the background runs `estimateInSlices` with yields. */
export function estimateBisectionCost(input: PlannerInput, rng: Rng, draws: number = DEFAULT_COST_DRAWS): CostEstimate {
  const slices = estimateInSlices(input, rng, draws, Infinity);
  for (;;) {
    const next = slices.next();
    if (next.done) return next.value;
  }
}

/** Runs the sliced estimate, giving the event loop a turn between slices. */
export async function estimateBisectionCostAsync(
  input: PlannerInput,
  rng: Rng,
  draws: number = DEFAULT_COST_DRAWS,
  sliceMs: number = DEFAULT_SLICE_MS,
): Promise<CostEstimate> {
  const slices = estimateInSlices(input, rng, draws, sliceMs);
  for (;;) {
    const next = slices.next();
    if (next.done) return next.value;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}
