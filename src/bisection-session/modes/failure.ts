import {
  createRng,
  DEFAULT_THRESHOLD,
  estimateBisectionCostAsync,
  planNextProbes,
  type BisectionPriors,
  type PlannerInput,
  type PosteriorSummary,
  type Verdict,
} from '../../culprit-finding';
import { type BisectionRange, bisectionRange, extendedRange } from '../../gap/bisection-range';
import type { PushRuns } from '../../gap/compute-gap';
import type { BisectionStartRequest } from '../../protocol';
import { draftFromFailingJob, labelRuns } from '../failing-job';
import type { BisectionMode, ModeReads } from '../mode';
import { prependSuspects } from '../prepend-suspects';
import { failingTestPath, pushWeightsFromFiles } from '../push-weights';
import {
  countRunsPerPush,
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
  /**
   * The range as derived from the label's earlier runs, and the pushes the user added; absent in sessions stored
   * before ranges could grow.
   */
  range?: { derived: BisectionRange; extendBy: number } | undefined;
  /** The planner named the range's oldest push: the next refresh takes older pushes in before a verdict. */
  extending?: boolean | undefined;
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
    // Earlier runs of the label are evidence, not proof: the range reaches back over passing ones (see
    // bisection-range.ts) and their runs enter the planner with the same likelihood as its own probes.
    let derived: BisectionRange | undefined;
    let earlier: PushRuns[] = [];
    const common = await draftFromFailingJob(request, reads, async () => {
      earlier = await reads.earlierRuns(request.repo, request.jobId);
      derived = bisectionRange(earlier, { maxPushes: MAX_GAP });
      return derived.earlierPushes + request.extendBy;
    });
    const [history, pushWeights] = await Promise.all([
      reads.history(request.repo, request.jobId, common.suspects[0]!.pushId).catch(() => []),
      // The push just before the range bounds the pushlog query; without it (or any read) the prior stays uniform.
      suspectWeights(reads, request, common.suspects, earlier[common.suspects.length - 1]?.revision).catch(
        () => undefined,
      ),
    ]);
    return {
      ...common,
      kind: 'failure',
      threshold: DEFAULT_THRESHOLD,
      priors: {
        ...flakePriorFromHistory(history),
        noCulprit: NO_CULPRIT_PRIOR,
        ...(pushWeights ? { pushWeights } : {}),
      },
      ...(derived ? { range: { derived, extendBy: request.extendBy } } : {}),
    };
  },

  async refresh(session, reads) {
    const current = session.extending ? await extendRange(session, reads) : session;
    return { ...current, observed: await labelRuns(current, reads) };
  },

  next(session) {
    const plan = planNextProbes(plannerInput(session));
    const planned = { ...session, posterior: plan.posterior };
    if (plan.kind === 'wait') return { session: planned, step: { kind: 'wait' } };
    if (plan.kind === 'probe') return { session: planned, step: { kind: 'probe', probes: plan.probes } };
    const verdict = plan.verdict;
    // The oldest push of a range cut at earlier passes also stands for "older than the range": look further back.
    if (verdict.kind === 'culprit' && verdict.pushIndex === 0 && session.range && !session.range.derived.short)
      return { session: { ...planned, extending: true }, step: { kind: 'wait' } };
    const culpritIndex = verdict.kind === 'culprit' ? verdict.pushIndex : undefined;
    return { session: { ...planned, verdict }, step: { kind: 'finish', culpritIndex } };
  },

  labels: (session) => [session.label],

  // Sliced: the service worker gets a turn every 150 ms while the preview simulates.
  estimate: (session) => estimateBisectionCostAsync(plannerInput(session), createRng(1)),

  describeVerdict(session) {
    const verdict = session.verdict;
    if (!verdict) return 'Finished without a verdict.';
    if (verdict.kind === 'culprit')
      return culpritSentence(session, verdict.pushIndex, `posterior ${percent(verdict.posterior, 1)}`);
    if (verdict.kind === 'no-culprit')
      return `No culprit: the failures look like flakes (posterior ${percent(verdict.posterior, 1)}).`;
    const name = (pushIndex: number | null) =>
      pushIndex === null ? 'no culprit' : `push ${session.suspects[pushIndex]!.pushId}`;
    if (verdict.kind === 'inconclusive') {
      const known = verdict.candidates.map((c) => `${name(c.pushIndex)} (${percent(c.posterior, 0)})`).join(', ');
      const more = Number.isFinite(verdict.expectedRemainingJobs)
        ? `at least ${verdict.expectedRemainingJobs} more jobs`
        : 'more jobs than any budget';
      return `Inconclusive after ${jobsTriggered(session)} jobs: still in play ${known}. Telling them apart would take ${more}; ${verdict.budgetLeft} were left in the budget, so none were spent.`;
    }
    const { pushIndex, posterior } = verdict.best;
    return `Budget of ${session.budget} jobs used up. Best guess: ${name(pushIndex)} (${percent(posterior, 0)}).`;
  },
};

/** The range taken RANGE_EVIDENCE_PASSES passes further back (extendedRange); marked short when it cannot grow. */
async function extendRange(session: FailureSession, reads: ModeReads): Promise<FailureSession> {
  const range = session.range!;
  const earlier = await reads.earlierRuns(session.repo, session.job.jobId!);
  const next = extendedRange(earlier, range.derived, { maxPushes: MAX_GAP });
  const have = session.suspects.length - 1;
  const want = next ? Math.min(earlier.length, next.earlierPushes + range.extendBy) : have;
  const older = earlier.slice(have, want).reverse();
  const grown = next
    ? { derived: next, extendBy: range.extendBy }
    : { derived: { ...range.derived, short: true }, extendBy: range.extendBy };
  const pushIds = older.map((p) => p.pushId);
  const counts = countRunsPerPush(await reads.jobsOf(session.repo, [session.label], pushIds), pushIds);
  const weights = session.priors.pushWeights;
  const priors = weights ? { ...session.priors, pushWeights: [...older.map(() => 1), ...weights] } : session.priors;
  return { ...prependSuspects(session, older, counts), priors, range: grown, extending: false, posterior: undefined };
}

/** Prior weights from the files each suspect touched and the failing test's path (push-weights.ts), if known. */
async function suspectWeights(
  reads: ModeReads,
  request: { repo: string; jobId: number },
  suspects: readonly { pushId: number; revision: string }[],
  revisionBefore: string | undefined,
): Promise<number[] | undefined> {
  if (!reads.failureLines || !reads.pushFiles || !revisionBefore || suspects.length < 2) return undefined;
  const testPath = failingTestPath(await reads.failureLines(request.repo, request.jobId));
  if (!testPath) return undefined;
  const pushes = await reads.pushFiles(request.repo, revisionBefore, suspects.at(-1)!.revision);
  const filesOf = new Map(pushes.map((p) => [p.revision, p.files] as const));
  const weights = pushWeightsFromFiles(
    testPath,
    suspects.map((s) => filesOf.get(s.revision) ?? []),
  );
  return weights.some((w) => w !== 1) ? weights : undefined;
}
