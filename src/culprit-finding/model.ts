import type { BisectionPriors, QGridPoint } from './types.js';

/**
 * The rate model: background failure rate f on a grid drawn from its Beta prior, and the failure rate q at or
 * after the culprit on a fixed grid. Hypotheses are "culprit is push i" (i < N) and "no culprit" (index N).
 */

/**
 * Default q grid: the share of *detected* regressions failing at rate q, fitted to Firefox CI: most regressions
 * sheriffs chase are permanent (P(q = 1) = 0.8; mozci's auto-actions and confirm-failures treat ≥ 5 of 5 failing
 * retriggers as the common case), the rest spread over intermittent rates down to 0.05. With the q-robustness
 * guard (verdict.ts) the looser prior costs almost no accuracy and saves ≈ 1.5 jobs on permanent failures
 * (issue 18); q = 0.7, where such a prior would leak errors first, is a benchmark family.
 */
export const PERMANENT_SHARE = 0.8;
const INTERMITTENT_QS = [0.7, 0.5, 0.3, 0.2, 0.1, 0.05];
export const DEFAULT_Q_GRID: readonly QGridPoint[] = [
  { q: 1, weight: PERMANENT_SHARE },
  ...INTERMITTENT_QS.map((q) => ({ q, weight: (1 - PERMANENT_SHARE) / INTERMITTENT_QS.length })),
];

/**
 * A regression must at least quintuple the failure rate and add 4 points to it (q = 1 is always allowed).
 * Smaller shifts are not worth chasing: they cost hundreds of runs (capacity bound), and allowing them makes
 * "no culprit" very expensive to confirm on a flaky job (f = 0.05: ≈ 90 jobs with a 3× lift, ≈ 40 with 5×).
 */
export const MIN_REGRESSION_LIFT = 5;
export const MIN_REGRESSION_GAP = 0.04;

export const FLAKE_GRID_POINTS = 8;

export function isRegressionRate(q: number, f: number): boolean {
  return q >= 1 || (q >= MIN_REGRESSION_LIFT * f && q >= f + MIN_REGRESSION_GAP);
}

export interface RateModel {
  /** Background rates f_b and their prior weights (sum 1). */
  readonly f: Float64Array;
  readonly fPrior: Float64Array;
  readonly logF: Float64Array;
  readonly log1mF: Float64Array;
  /** Regression rates q_a. */
  readonly q: Float64Array;
  readonly logQ: Float64Array;
  /** log(1 − q); −Infinity for q = 1, so one pass after the culprit rules a permanent hypothesis out. */
  readonly log1mQ: Float64Array;
  /** P(q_a | f_b), row-major [b * Q + a]; 0 where q_a is not a regression over f_b. */
  readonly qGivenF: Float64Array;
  /** Prior mean of f and of q (over the joint prior), used to read the no-culprit prior. */
  readonly meanF: number;
  readonly meanQ: number;
  /** Prior P(q = q_a) among culprit hypotheses, before the original failure. */
  readonly qPrior: Float64Array;
}

interface FlakeGrid {
  readonly values: Float64Array;
  readonly weights: Float64Array;
}

const flakeGridCache = new Map<string, FlakeGrid>();

/**
 * Discretizes Beta(alpha, beta) into `points` equal-mass bins, each represented by its conditional mean.
 * Equal mass keeps the tails of a skewed prior (f near 0) represented without a huge grid.
 */
export function flakeRateGrid(alpha: number, beta: number, points: number = FLAKE_GRID_POINTS): FlakeGrid {
  if (!(alpha > 0 && beta > 0)) throw new RangeError('flake prior needs alpha > 0 and beta > 0');
  const key = `${alpha}|${beta}|${points}`;
  const cached = flakeGridCache.get(key);
  if (cached) return cached;
  const mean = alpha / (alpha + beta);
  const sd = Math.sqrt((alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1)));
  const lo = Math.max(1e-7, mean - 8 * sd);
  const hi = Math.min(1 - 1e-7, mean + 8 * sd);
  const fine = 512;
  const xs = new Float64Array(fine);
  const logDensity = new Float64Array(fine);
  let maxLog = -Infinity;
  for (let i = 0; i < fine; i++) {
    const x = lo + ((i + 0.5) / fine) * (hi - lo);
    xs[i] = x;
    const ld = (alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x);
    logDensity[i] = ld;
    if (ld > maxLog) maxLog = ld;
  }
  const mass = new Float64Array(fine);
  let total = 0;
  for (let i = 0; i < fine; i++) {
    const m = Math.exp(logDensity[i]! - maxLog);
    mass[i] = m;
    total += m;
  }
  const values = new Float64Array(points);
  const weights = new Float64Array(points);
  let bin = 0;
  let binMass = 0;
  let binMoment = 0;
  let cumulative = 0;
  for (let i = 0; i < fine; i++) {
    const m = mass[i]! / total;
    cumulative += m;
    binMass += m;
    binMoment += m * xs[i]!;
    const boundary = (bin + 1) / points;
    if (cumulative >= boundary - 1e-12 || i === fine - 1) {
      if (binMass > 0 && bin < points) {
        values[bin] = binMoment / binMass;
        weights[bin] = binMass;
        bin++;
      }
      binMass = 0;
      binMoment = 0;
    }
  }
  // Very peaked priors can fill fewer bins than asked; keep only the filled ones.
  const grid: FlakeGrid = { values: values.slice(0, bin), weights: weights.slice(0, bin) };
  if (flakeGridCache.size > 256) flakeGridCache.clear();
  flakeGridCache.set(key, grid);
  return grid;
}

export function buildRateModel(priors: BisectionPriors): RateModel {
  const flake = flakeRateGrid(priors.flakeAlpha, priors.flakeBeta);
  const qGrid = priors.qGrid ?? DEFAULT_Q_GRID;
  if (qGrid.length === 0) throw new RangeError('q grid is empty');
  const F = flake.values.length;
  const Q = qGrid.length;
  const q = new Float64Array(Q);
  const logQ = new Float64Array(Q);
  const log1mQ = new Float64Array(Q);
  qGrid.forEach((point, a) => {
    if (!(point.q > 0 && point.q <= 1 && point.weight >= 0)) throw new RangeError('bad q grid point');
    q[a] = point.q;
    logQ[a] = Math.log(point.q);
    log1mQ[a] = point.q >= 1 ? -Infinity : Math.log1p(-point.q);
  });
  const logF = new Float64Array(F);
  const log1mF = new Float64Array(F);
  const qGivenF = new Float64Array(F * Q);
  let meanF = 0;
  let meanQ = 0;
  const qPrior = new Float64Array(Q);
  for (let b = 0; b < F; b++) {
    const fb = flake.values[b]!;
    logF[b] = Math.log(fb);
    log1mF[b] = Math.log1p(-fb);
    meanF += flake.weights[b]! * fb;
    let rowTotal = 0;
    for (let a = 0; a < Q; a++) {
      // Grid weights are shares among *detected* regressions; a regression at rate q is detected in proportion
      // to q, so the prior before the original failure is weight / q (that failure is counted as evidence).
      const w = isRegressionRate(q[a]!, fb) ? qGrid[a]!.weight / q[a]! : 0;
      qGivenF[b * Q + a] = w;
      rowTotal += w;
    }
    for (let a = 0; a < Q; a++) {
      const p = rowTotal > 0 ? qGivenF[b * Q + a]! / rowTotal : 0;
      qGivenF[b * Q + a] = p;
      meanQ += flake.weights[b]! * p * q[a]!;
      qPrior[a]! += flake.weights[b]! * p;
    }
  }
  return { f: flake.values, fPrior: flake.weights, logF, log1mF, q, logQ, log1mQ, qGivenF, meanF, meanQ, qPrior };
}
