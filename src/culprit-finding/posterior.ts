import { buildRateModel, type RateModel } from './model.js';
import { repeatJobProbability, validateCorrelation } from './repeats.js';
import type { BisectionPriors, PosteriorSummary, PushObservation } from './types.js';

/**
 * Joint posterior over (culprit hypothesis, q, f). Hypothesis i < N means "push i is the culprit": runs before
 * it fail at f, runs at or after it at q. "No culprit" fails at f everywhere, including the original failure.
 */
export interface JointPosterior {
  readonly pushCount: number;
  readonly model: RateModel;
  /** P(culprit = i, q = q_a, f = f_b) at [(i * Q + a) * F + b]. */
  readonly culprit: Float64Array;
  /** P(no culprit, f = f_b) at [b]. Together with `culprit` sums to 1. */
  readonly noCulprit: Float64Array;
  /**
   * Prior share of each failure family after the original failure alone (before any triggered run): P(culprit,
   * q = q_a | that failure) at [a], and P(no culprit | that failure) at [Q]. Sums to 1. The verdict uses it to
   * bound the error within each family (see verdict.ts).
   */
  readonly familyPrior: Float64Array;
}

/** P(q_a, culprit | original failure) per q and P(no culprit | original failure), from the model alone. */
function familyPriorAfterFailure(model: RateModel, pNone: number): Float64Array {
  const Q = model.q.length;
  const F = model.f.length;
  const out = new Float64Array(Q + 1);
  let total = 0;
  for (let a = 0; a < Q; a++) {
    let w = 0;
    for (let b = 0; b < F; b++) w += model.fPrior[b]! * model.qGivenF[b * Q + a]! * model.q[a]!;
    out[a] = (1 - pNone) * w;
    total += out[a]!;
  }
  out[Q] = pNone * model.meanF;
  total += out[Q]!;
  for (let a = 0; a <= Q; a++) out[a]! /= total;
  return out;
}

/** x·log p + (n − x)·log(1 − p), with 0·log 0 = 0 so q = 1 works. */
function logBinomialKernel(x: number, n: number, logP: number, log1mP: number): number {
  const fails = x === 0 ? 0 : x * logP;
  const passes = n - x === 0 ? 0 : (n - x) * log1mP;
  return fails + passes;
}

export function validateObservations(observations: readonly PushObservation[]): void {
  if (observations.length === 0) throw new RangeError('at least one suspect push is needed');
  observations.forEach((o, i) => {
    const ok =
      Number.isInteger(o.runs) &&
      Number.isInteger(o.failures) &&
      Number.isInteger(o.pending) &&
      o.runs >= 0 &&
      o.failures >= 0 &&
      o.failures <= o.runs &&
      o.pending >= 0;
    const repeatsOk = (o.repeatJobs ?? []).every(
      (r) =>
        Number.isInteger(r.repeats) &&
        r.repeats >= 1 &&
        Number.isInteger(r.failures) &&
        r.failures >= 0 &&
        r.failures <= r.repeats,
    );
    if (!ok || !repeatsOk) throw new RangeError(`observation for push ${i} is inconsistent`);
  });
}

/**
 * Log-likelihood of the repeat jobs on each push at each rate, as prefix sums over pushes: [r][i] = Σ over pushes
 * j < i. Impossible outcomes (a pass at rate 1) are counted apart, since −∞ does not subtract.
 */
interface RepeatPrefix {
  readonly finite: Float64Array[];
  readonly impossible: Int32Array[];
}

function repeatPrefix(
  observations: readonly PushObservation[],
  rates: ArrayLike<number>,
  rho: number,
): RepeatPrefix | null {
  if (!observations.some((o) => o.repeatJobs && o.repeatJobs.length > 0)) return null;
  const N = observations.length;
  const finite: Float64Array[] = [];
  const impossible: Int32Array[] = [];
  for (let r = 0; r < rates.length; r++) {
    const f = new Float64Array(N + 1);
    const c = new Int32Array(N + 1);
    for (let j = 0; j < N; j++) {
      let sum = 0;
      let bad = 0;
      for (const job of observations[j]!.repeatJobs ?? []) {
        const p = repeatJobProbability(job.failures, job.repeats, rates[r]!, rho);
        if (p > 0) sum += Math.log(p);
        else bad++;
      }
      f[j + 1] = f[j]! + sum;
      c[j + 1] = c[j]! + bad;
    }
    finite.push(f);
    impossible.push(c);
  }
  return { finite, impossible };
}

/** Σ of the repeat jobs' log-likelihood over pushes [from, to) at rate index r; 0 without repeat jobs. */
function repeatTerm(prefix: RepeatPrefix | null, r: number, from: number, to: number): number {
  if (!prefix) return 0;
  if (prefix.impossible[r]![to]! - prefix.impossible[r]![from]! > 0) return -Infinity;
  return prefix.finite[r]![to]! - prefix.finite[r]![from]!;
}

/**
 * Converts "share of failures that were flakes" into the prior before the original failure, so that counting
 * that failure as evidence (likelihood f under no-culprit, q otherwise) lands back on the stated share.
 */
function noCulpritPriorBeforeFailure(shareAfterFailure: number, model: RateModel): number {
  if (shareAfterFailure <= 0) return 0;
  if (shareAfterFailure >= 1) return 1;
  const odds = (shareAfterFailure / (1 - shareAfterFailure)) * (model.meanQ / model.meanF);
  return odds / (1 + odds);
}

export function jointPosterior(observations: readonly PushObservation[], priors: BisectionPriors): JointPosterior {
  validateObservations(observations);
  const model = buildRateModel(priors);
  const N = observations.length;
  const Q = model.q.length;
  const F = model.f.length;
  const pushWeights = priors.pushWeights;
  if (pushWeights && pushWeights.length !== N) throw new RangeError('pushWeights must have one entry per push');
  let weightTotal = 0;
  for (let i = 0; i < N; i++) weightTotal += pushWeights ? Math.max(0, pushWeights[i]!) : 1;
  if (!(weightTotal > 0)) throw new RangeError('pushWeights must not all be zero');

  const pNone = noCulpritPriorBeforeFailure(priors.noCulprit, model);
  const logNone = Math.log(pNone);
  const logSome = Math.log1p(-pNone);

  let totalRuns = 0;
  let totalFails = 0;
  for (const o of observations) {
    totalRuns += o.runs;
    totalFails += o.failures;
  }

  const rho = priors.repeatCorrelation ?? 0;
  validateCorrelation(rho);
  const qRepeats = repeatPrefix(observations, model.q, rho);
  const fRepeats = repeatPrefix(observations, model.f, rho);

  const culprit = new Float64Array(N * Q * F);
  const noCulprit = new Float64Array(F);
  let maxLog = -Infinity;

  for (let b = 0; b < F; b++) {
    const lp =
      logNone +
      Math.log(model.fPrior[b]!) +
      logBinomialKernel(totalFails, totalRuns, model.logF[b]!, model.log1mF[b]!) +
      repeatTerm(fRepeats, b, 0, N);
    noCulprit[b] = lp;
    if (lp > maxLog) maxLog = lp;
  }

  // Runs and failures strictly before push i, accumulated as i grows: O(1) likelihood per state.
  let runsBefore = 0;
  let failsBefore = 0;
  for (let i = 0; i < N; i++) {
    const w = pushWeights ? Math.max(0, pushWeights[i]!) : 1;
    const logPush = Math.log(w / weightTotal) + logSome;
    const runsAfter = totalRuns - runsBefore;
    const failsAfter = totalFails - failsBefore;
    for (let a = 0; a < Q; a++) {
      const afterTerm =
        logBinomialKernel(failsAfter, runsAfter, model.logQ[a]!, model.log1mQ[a]!) + repeatTerm(qRepeats, a, i, N);
      for (let b = 0; b < F; b++) {
        const prior = model.qGivenF[b * Q + a]! * model.fPrior[b]!;
        const idx = (i * Q + a) * F + b;
        if (prior === 0 || afterTerm === -Infinity) {
          culprit[idx] = -Infinity;
          continue;
        }
        const lp =
          logPush +
          Math.log(prior) +
          afterTerm +
          logBinomialKernel(failsBefore, runsBefore, model.logF[b]!, model.log1mF[b]!) +
          repeatTerm(fRepeats, b, 0, i);
        culprit[idx] = lp;
        if (lp > maxLog) maxLog = lp;
      }
    }
    runsBefore += observations[i]!.runs;
    failsBefore += observations[i]!.failures;
  }

  let total = 0;
  for (let s = 0; s < culprit.length; s++) {
    const v = culprit[s]! === -Infinity ? 0 : Math.exp(culprit[s]! - maxLog);
    culprit[s] = v;
    total += v;
  }
  for (let b = 0; b < F; b++) {
    const v = noCulprit[b]! === -Infinity ? 0 : Math.exp(noCulprit[b]! - maxLog);
    noCulprit[b] = v;
    total += v;
  }
  if (!(total > 0)) throw new RangeError('observations are impossible under every hypothesis');
  for (let s = 0; s < culprit.length; s++) culprit[s]! /= total;
  for (let b = 0; b < F; b++) noCulprit[b]! /= total;
  return { pushCount: N, model, culprit, noCulprit, familyPrior: familyPriorAfterFailure(model, pNone) };
}

/** Marginal P(culprit = i) for each push; the chart's posterior vector. */
export function pushMarginals(joint: JointPosterior): Float64Array {
  const N = joint.pushCount;
  const stride = joint.model.q.length * joint.model.f.length;
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let t = i * stride; t < (i + 1) * stride; t++) s += joint.culprit[t]!;
    out[i] = s;
  }
  return out;
}

export function noCulpritProbability(joint: JointPosterior): number {
  let s = 0;
  for (const v of joint.noCulprit) s += v;
  return s;
}

export function summarizePosterior(joint: JointPosterior): PosteriorSummary {
  const { model } = joint;
  const Q = model.q.length;
  const F = model.f.length;
  const pushes = pushMarginals(joint);
  const none = noCulpritProbability(joint);
  let fMean = 0;
  let qMean = 0;
  let culpritMass = 0;
  for (let s = 0; s < joint.culprit.length; s++) {
    const w = joint.culprit[s]!;
    if (w === 0) continue;
    const b = s % F;
    const a = Math.floor(s / F) % Q;
    fMean += w * model.f[b]!;
    qMean += w * model.q[a]!;
    culpritMass += w;
  }
  for (let b = 0; b < F; b++) fMean += joint.noCulprit[b]! * model.f[b]!;
  return {
    pushes: Array.from(pushes),
    noCulprit: none,
    flakeRate: fMean,
    regressionRate: culpritMass > 0 ? qMean / culpritMass : model.meanQ,
  };
}

/** Posterior over pushes (and "no culprit") given the observations so far. */
export function posteriorOverPushes(
  observations: readonly PushObservation[],
  priors: BisectionPriors,
): PosteriorSummary {
  return summarizePosterior(jointPosterior(observations, priors));
}
