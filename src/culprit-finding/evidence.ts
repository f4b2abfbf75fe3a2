import { type BisectionRange, bisectionRange, extendedRange } from '../gap/bisection-range.js';
import { GAP_SEARCH_LIMIT, type PushRuns } from '../gap/compute-gap.js';
import { bernoulli, type Rng } from './rng.js';
import { type FailureTruth, failureRateAt } from './simulate.js';
import type { PushObservation } from './types.js';

/**
 * What a simulated bisection starts from besides the failing run: runs that already exist, drawn from the planted
 * truth, and the range the runtime would derive from them. Used by the experiment and `bisect:sim`.
 */

export interface StartingEvidenceSpec {
  /** The true range: the culprit (if any) is one of these pushes; the last one is the failing push. */
  readonly pushes: number;
  /** Each push of the range before the failing one already has one run with this probability (free evidence). */
  readonly coverage?: number;
  /**
   * The job ran on every k-th push before the failing one (N − 1 − k, N − 1 − 2k, …, and on before the range),
   * and the range is derived from those runs the way the runtime derives it.
   */
  readonly sparseEvery?: number;
  /**
   * How the runtime derives the range from a sparse schedule: 'evidence' (today's rule, bisection-range.ts) or
   * 'nearest-run' (the old rule: the range ends at the nearest earlier run, taken as good). Diagnostic.
   */
  readonly rangeRule?: 'evidence' | 'nearest-run';
}

export interface StartingEvidence {
  /** One entry per suspect of the derived range, with the failing run on the last one. */
  readonly observations: PushObservation[];
  /** The truth re-indexed to the derived range; a culprit older than the range gets a negative index. */
  readonly truth: FailureTruth;
  /** For a derived range: the earlier runs it came from and the range, so it can be extended. */
  readonly derived?: { readonly earlier: readonly PushRuns[]; readonly range: BisectionRange };
}

/**
 * The range extended the way the runtime extends it (extendedRange) after a verdict on its oldest push: the older
 * pushes come in with their existing runs, in front of what the search has seen so far. Null when it cannot grow.
 */
export function extendStart(start: StartingEvidence, seen: readonly PushObservation[]): StartingEvidence | null {
  if (!start.derived) return null;
  const { earlier, range } = start.derived;
  const next = extendedRange(earlier, range);
  if (!next) return null;
  const added = next.earlierPushes - range.earlierPushes;
  const older: PushObservation[] = [];
  for (let back = next.earlierPushes; back > range.earlierPushes; back--) older.push(observed(earlier[back - 1]!));
  const culprit = start.truth.culprit === null ? null : start.truth.culprit + added;
  return { observations: [...older, ...seen], truth: { ...start.truth, culprit }, derived: { earlier, range: next } };
}

function observed(push: PushRuns): PushObservation {
  return { runs: push.results.length, failures: push.results.filter((x) => x === 'testfailed').length, pending: 0 };
}

const result = (fails: boolean) => (fails ? 'testfailed' : 'success');

/** The starting observations for a case, drawing existing runs from the truth (before any probe). */
export function startingEvidence(spec: StartingEvidenceSpec, truth: FailureTruth, rng: Rng): StartingEvidence {
  const N = spec.pushes;
  if (spec.sparseEvery !== undefined) return sparseStart(spec, spec.sparseEvery, truth, rng);
  const observations: PushObservation[] = [];
  for (let i = 0; i < N - 1; i++) {
    const ran = spec.coverage !== undefined && spec.coverage > 0 && bernoulli(rng, spec.coverage);
    const fails = ran && bernoulli(rng, failureRateAt(truth, i));
    observations.push({ runs: ran ? 1 : 0, failures: fails ? 1 : 0, pending: 0 });
  }
  observations.push({ runs: 1, failures: 1, pending: 0 });
  return { observations, truth };
}

function sparseStart(spec: StartingEvidenceSpec, every: number, truth: FailureTruth, rng: Rng): StartingEvidence {
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError('sparseEvery must be an integer ≥ 1');
  const N = spec.pushes;
  // Earlier pushes newest first: truth index N − 2, N − 3, …, also before the range (negative: before any culprit).
  const earlier: PushRuns[] = [];
  for (let back = 1; back <= GAP_SEARCH_LIMIT; back++) {
    const index = N - 1 - back;
    const ran = back % every === 0;
    const results = ran ? [result(bernoulli(rng, failureRateAt(truth, index)))] : [];
    earlier.push({ pushId: index, revision: '', results });
  }
  const range = spec.rangeRule === 'nearest-run' ? null : bisectionRange(earlier);
  const span = range
    ? range.earlierPushes
    : Math.max(
        0,
        earlier.findIndex((p) => p.results.length > 0),
      );
  const M = span + 1;
  const shift = M - N; // suspect r is truth index r − shift
  const observations: PushObservation[] = [];
  for (let r = 0; r < M - 1; r++) observations.push(observed(earlier[M - 2 - r]!));
  observations.push({ runs: 1, failures: 1, pending: 0 });
  const shifted = { ...truth, culprit: truth.culprit === null ? null : truth.culprit + shift };
  return { observations, truth: shifted, ...(range ? { derived: { earlier, range } } : {}) };
}
