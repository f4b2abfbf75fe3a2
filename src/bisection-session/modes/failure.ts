import {
  createRng,
  DEFAULT_THRESHOLD,
  estimateBisectionCost,
  planNextProbes,
  type BisectionPriors,
  type PlannerInput,
  type PosteriorSummary,
  type Verdict,
} from '../../culprit-finding';
import type { BisectionStartRequest } from '../../protocol';
import { applyLinePrior, withKnownBug, type LinePrior } from '../../known-failures/line-prior';
import { draftFromFailingJob, labelRuns } from '../failing-job';
import type { BisectionMode } from '../mode';
import {
  culpritSentence,
  flakePriorFromHistory,
  jobsTriggered,
  percent,
  plannerObservations,
  type SessionOf,
} from '../session';

declare module '../session' {
  interface SessionKinds {
    /** Bisect a failing job over the pushes that did not run its label. */
    failure: FailureData;
  }
}

/** What a failure bisection keeps besides the common session fields: the planner's settings and findings. */
export interface FailureData {
  threshold: number;
  priors: BisectionPriors;
  posterior?: PosteriorSummary | undefined;
  verdict?: Verdict | undefined;
  /** The failing line's prior (known intermittent, new line), as the request brought it; the verdict names its bug. */
  linePrior?: LinePrior | undefined;
}

export type FailureSession = SessionOf<'failure'>;

/** Prior share of failures that turn out to be flakes with no culprit (FACF saw ≈ 40 % at Google). */
const NO_CULPRIT_PRIOR = 0.3;
/** The longest gap a bisection covers before the user extends it, in pushes. */
const MAX_GAP = 100;

function plannerInput(session: FailureSession): PlannerInput {
  return {
    observations: plannerObservations(session),
    priors: session.priors,
    budget: session.budget,
    jobsTriggered: jobsTriggered(session),
    parallel: session.parallel,
    threshold: session.threshold,
  };
}

/** The planner of docs/design.md, decision 7, over the gap before a failing job: which push made the label fail? */
export const failureMode: BisectionMode<FailureSession, BisectionStartRequest> = {
  kind: 'failure',

  async draft(request, reads) {
    const common = await draftFromFailingJob(request, reads, async () => {
      const gap = await reads.jobGap(request.repo, request.jobId);
      return Math.min(gap.lastRun ? gap.gap : gap.searched, MAX_GAP) + request.extendBy;
    });
    const history = await reads.history(request.repo, request.jobId, common.suspects[0]!.pushId).catch(() => []);
    return {
      ...common,
      kind: 'failure',
      threshold: DEFAULT_THRESHOLD,
      priors: applyLinePrior({ ...flakePriorFromHistory(history), noCulprit: NO_CULPRIT_PRIOR }, request.linePrior),
      linePrior: request.linePrior,
    };
  },

  async refresh(session, reads) {
    return { ...session, observed: await labelRuns(session, reads) };
  },

  next(session) {
    const plan = planNextProbes(plannerInput(session));
    const planned = { ...session, posterior: plan.posterior };
    if (plan.kind === 'wait') return { session: planned, step: { kind: 'wait' } };
    if (plan.kind === 'probe') return { session: planned, step: { kind: 'probe', probes: plan.probes } };
    const verdict = plan.verdict;
    const culpritIndex = verdict.kind === 'culprit' ? verdict.pushIndex : undefined;
    return { session: { ...planned, verdict }, step: { kind: 'finish', culpritIndex } };
  },

  labels: (session) => [session.label],

  estimate: (session) => estimateBisectionCost(plannerInput(session), createRng(1), 150),

  describeVerdict(session) {
    return withKnownBug(verdictSentence(session), session.linePrior);
  },
};

/** The verdict in one sentence (before the known bug is named). */
function verdictSentence(session: FailureSession): string {
  const verdict = session.verdict;
  if (!verdict) return 'Finished without a verdict.';
  if (verdict.kind === 'culprit')
    return culpritSentence(session, verdict.pushIndex, `posterior ${percent(verdict.posterior, 1)}`);
  if (verdict.kind === 'no-culprit')
    return `No culprit: the failures look like flakes (posterior ${percent(verdict.posterior, 1)}).`;
  const { pushIndex, posterior } = verdict.best;
  const guess = pushIndex === null ? 'no culprit' : `push ${session.suspects[pushIndex]!.pushId}`;
  return `Budget of ${session.budget} jobs used up. Best guess: ${guess} (${percent(posterior, 0)}).`;
}
