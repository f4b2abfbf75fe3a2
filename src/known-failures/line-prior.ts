import type { FailureKnowledge } from './match';

/** A bug's recent occurrences: Treeherder's failure count (classified failures) over its count of pushes. */
export interface RecentRate {
  failures: number;
  pushes: number;
  days: number;
}

/**
 * The prior a failure bisection starts from for the failing line (docs: README, "Known intermittents"):
 * a known intermittent that failed on many recent pushes sets the flake rate of that line; a line new in this
 * revision makes "no culprit" less likely; otherwise the job's own history decides, as before.
 */
export interface LinePrior {
  source: 'known-intermittent' | 'new-line' | 'job-history';
  /** The open intermittent bug the line matched, whatever set the prior: the verdict names it. */
  bug?: { id: number; summary: string } | undefined;
  recent?: RecentRate | undefined;
  /** Replaces the flake prior learned from the job's similar jobs. */
  flake?: { alpha: number; beta: number } | undefined;
  /** Replaces the default share of failures that have no culprit. */
  noCulprit?: number | undefined;
  /** What the Bisect popover says about it. */
  sentence: string;
}

/** A known intermittent failing on at least this share of recent pushes sets the line's flake prior. */
export const HIGH_RECENT_RATE = 0.05;
/** Weight of that rate, in runs: as much as the 50 similar jobs the job-history prior reads at most. */
export const RECENT_RATE_WEIGHT = 50;
/** "No culprit" prior for a line never seen before this revision (the failure mode's default is 0.3). */
export const NEW_LINE_NO_CULPRIT = 0.1;

export function linePriorOf(knowledge: FailureKnowledge, recent: RecentRate | undefined): LinePrior {
  if (knowledge.kind === 'new-failure') {
    return {
      source: 'new-line',
      noCulprit: NEW_LINE_NO_CULPRIT,
      sentence: `Prior: this failure line is new in this revision, so a real regression is more likely (no-culprit prior ${pct(NEW_LINE_NO_CULPRIT)}).`,
    };
  }
  if (knowledge.kind === 'nothing-known')
    return { source: 'job-history', sentence: 'Prior: the job’s own history (no known intermittent bug matches).' };

  const bug = { id: knowledge.bug.id, summary: knowledge.bug.summary };
  const rate = recent && recent.pushes > 0 ? Math.min(recent.failures / recent.pushes, 0.9) : undefined;
  const seen = recent
    ? `failed on ${recent.failures} of ${recent.pushes} pushes in the last ${recent.days} days`
    : 'has no recent failure count';
  if (rate === undefined || rate < HIGH_RECENT_RATE) {
    return {
      source: 'job-history',
      bug,
      recent,
      sentence: `Prior: the job’s own history; known intermittent bug ${bug.id} ${seen}, too rarely to set it.`,
    };
  }
  const alpha = 1 + rate * RECENT_RATE_WEIGHT;
  const beta = 1 + (1 - rate) * RECENT_RATE_WEIGHT;
  return {
    source: 'known-intermittent',
    bug,
    recent,
    flake: { alpha, beta },
    sentence: `Prior: known intermittent bug ${bug.id} ${seen}, so this line’s flake rate starts near ${pct(alpha / (alpha + beta))} (not the job’s history).`,
  };
}

/** The bisection priors with the line's overrides applied. */
export function applyLinePrior<P extends { flakeAlpha: number; flakeBeta: number; noCulprit: number }>(
  priors: P,
  prior: LinePrior | undefined,
): P {
  if (!prior) return priors;
  return {
    ...priors,
    ...(prior.flake ? { flakeAlpha: prior.flake.alpha, flakeBeta: prior.flake.beta } : {}),
    ...(prior.noCulprit !== undefined ? { noCulprit: prior.noCulprit } : {}),
  };
}

/** The verdict sentence naming the known bug, when one matched. */
export function withKnownBug(sentence: string, prior: LinePrior | undefined): string {
  return prior?.bug ? `${sentence} Known intermittent: bug ${prior.bug.id} (${prior.bug.summary}).` : sentence;
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}
