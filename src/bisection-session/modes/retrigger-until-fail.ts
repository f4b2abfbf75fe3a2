import { DEFAULT_RETRIGGER_BATCH, planRetriggerUntilFailure, type RetriggerStep } from '../../culprit-finding';
import type { BisectionStartRequest } from '../../protocol';
import { draftFromFailingJob, labelRuns } from '../failing-job';
import { knownCost, type BisectionMode } from '../mode';
import { percent, plannerObservations, type SessionOf } from '../session';

declare module '../session' {
  interface SessionKinds {
    /** Retrigger an intermittent failure on its own push until it fails again. */
    'retrigger-until-fail': RetriggerUntilFailData;
  }
}

export interface RetriggerUntilFailData {
  /** How it ended: reproduced, or the budget spent without a failure. */
  verdict?: Extract<RetriggerStep, { kind: 'reproduced' | 'budget-exhausted' }> | undefined;
}

export type RetriggerUntilFailSession = SessionOf<'retrigger-until-fail'>;

/** Batches of retriggers on the failing push (the only suspect) until one fails or the budget is spent. */
export const retriggerUntilFailMode: BisectionMode<RetriggerUntilFailSession, BisectionStartRequest> = {
  kind: 'retrigger-until-fail',

  async draft(request, reads) {
    return { ...(await draftFromFailingJob(request, reads, async () => 0)), kind: 'retrigger-until-fail' };
  },

  async refresh(session, reads) {
    return { ...session, observed: await labelRuns(session, reads) };
  },

  next(session) {
    const i = session.suspects.length - 1;
    const seen = session.observed[i]!;
    const step = planRetriggerUntilFailure({
      runs: seen.completed - session.initialCompleted[i]!,
      failures: seen.failures - session.initialFailures[i]!,
      pending: plannerObservations(session)[i]!.pending,
      budget: session.budget,
    });
    if (step.kind === 'wait') return { session, step: { kind: 'wait' } };
    if (step.kind === 'retrigger')
      return { session, step: { kind: 'probe', probes: [{ pushIndex: i, times: step.times }] } };
    return { session: { ...session, verdict: step }, step: { kind: 'finish' } };
  },

  labels: (session) => [session.label],

  /** One batch when the first batch reproduces it; at worst the whole budget. */
  estimate: (session) => ({
    ...knownCost(Math.min(DEFAULT_RETRIGGER_BATCH, session.budget)),
    p90Jobs: session.budget,
    p90Rounds: Math.ceil(session.budget / DEFAULT_RETRIGGER_BATCH),
  }),

  describeVerdict(session) {
    const verdict = session.verdict;
    if (verdict?.kind === 'reproduced') return `Reproduced: ${verdict.failures} of ${verdict.runs} retriggers failed.`;
    if (verdict?.kind === 'budget-exhausted')
      return `No failure in ${verdict.runs} retriggers (failure rate below ${percent(verdict.failureRateUpperBound, 0)} with 95 % confidence).`;
    return 'Finished without a verdict.';
  },
};
