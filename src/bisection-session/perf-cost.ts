import { childSeed, createRng, perf, type CostEstimate } from '../culprit-finding';
import { mean, quantile, variance } from '../culprit-finding/stats';
import type { PerfSessionData } from './perf-session';

/**
 * Expected cost of a perf bisection before it starts: simulate the planner on truths that look like this
 * series — the noise of its replicates and runs before the gap, the shift seen on the regressed push, the
 * culprit anywhere in the gap — and report the jobs and rounds it needed.
 */
export function estimatePerfCost(
  data: Pick<PerfSessionData, 'before' | 'runs'>,
  settings: { budget: number; parallel: number },
  trials = 40,
): CostEstimate {
  const pushes = data.runs.length;
  const beforeValues = data.before.flat();
  const level = beforeValues.length ? mean(beforeValues) : 1;
  const runMeans = data.before.map((r) => mean(r));
  const within = data.before.filter((r) => r.length > 1).map((r) => variance(r));
  const noise = within.length ? Math.sqrt(mean(within)) / level : 0.02;
  const runNoise =
    runMeans.length > 1
      ? Math.sqrt(
          Math.max(0, variance(runMeans) - (noise * level) ** 2 / Math.max(1, mean(data.before.map((r) => r.length)))),
        ) / level
      : 0;
  const regressed = data.runs.at(-1)?.flat() ?? [];
  const shift = regressed.length && level ? Math.abs(mean(regressed) / level - 1) : 0.05;
  const replicatesPerRun = Math.max(
    1,
    Math.round(mean(data.before.map((r) => r.length).concat(regressed.length ? [regressed.length] : []))),
  );
  if (pushes < 2)
    return { draws: 0, medianJobs: 0, p90Jobs: 0, meanJobs: 0, medianRounds: 0, p90Rounds: 0, budgetExhausted: 0 };

  const jobs: number[] = [];
  const rounds: number[] = [];
  let exhausted = 0;
  for (let t = 0; t < trials; t++) {
    const rng = createRng(childSeed(17, t));
    const truth: perf.PerfTruth = {
      culprit: Math.floor(rng.next() * pushes),
      shift: Math.max(shift, 0.02),
      noise,
      runNoise,
      replicatesPerRun,
    };
    const result = perf.simulatePerfBisection(perf.perfPlannerStrategy(settings), truth, pushes, rng);
    jobs.push(result.jobs);
    rounds.push(result.rounds);
    if (result.pushIndex === null && result.jobs >= settings.budget) exhausted++;
  }
  return {
    draws: trials,
    medianJobs: quantile(jobs, 0.5),
    p90Jobs: quantile(jobs, 0.9),
    meanJobs: mean(jobs),
    medianRounds: quantile(rounds, 0.5),
    p90Rounds: quantile(rounds, 0.9),
    budgetExhausted: exhausted / trials,
  };
}
