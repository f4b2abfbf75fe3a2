import {
  createRng,
  estimateBisectionCost,
  planNextProbes,
  planRetriggerUntilFailure,
  DEFAULT_THRESHOLD,
  type PlannerInput,
} from '../../src/culprit-finding';
import type { TriggerIntent } from '../../src/actions/intents';
import {
  countRuns,
  flakePriorFromHistory,
  jobsTriggered,
  plannerObservations,
  probeKey,
  suspectPush,
  type BisectionSession,
  type Probe,
  type RunCounts,
} from '../../src/bisection-session/session';
import type { TriggerOutcome } from '../../src/actions/trigger-outcome';
import type { BisectionPreview } from '../../src/bisection-session/preview';
import { createSerialQueue } from '../../src/serial-queue';
import type { TriggerLogEntry } from '../../src/log/entry';
import type { JobDescription } from '../../src/protocol';
import type { JobGap } from '../../src/gap/compute-gap';
import { estimatePerfCost } from '../../src/bisection-session/perf-preview';
import {
  baselineFinished,
  baselineMessage,
  draftBaseline,
  draftPerfBisection,
  nextPerfStep,
  refreshBaseline,
  refreshPerf,
  type BaselineRequest,
  type PerfBisectionRequest,
  type PerfRunnerDeps,
} from './perf-runner';

/** Prior share of failures that turn out to be flakes with no culprit (FACF saw ≈ 40 % at Google). */
const NO_CULPRIT_PRIOR = 0.3;

export interface BisectionStartRequest {
  repo: string;
  jobId: number;
  mode: 'bisect' | 'retrigger-until-fail';
  /** Extra pushes to add before the gap (the user can extend the range). */
  extendBy: number;
  budget: number;
  parallel: number;
}

export interface RunnerDeps {
  load: () => Promise<BisectionSession[]>;
  save: (sessions: BisectionSession[]) => Promise<void>;
  describeJob: (repo: string, jobId: number) => Promise<JobDescription>;
  jobGap: (repo: string, jobId: number) => Promise<JobGap>;
  /** Pushes before `pushId`, newest first. */
  pushesBefore: (repo: string, pushId: number, count: number) => Promise<{ id: number; revision: string }[]>;
  /** The label's runs on these pushes. */
  runsOf: (
    repo: string,
    label: string,
    pushIds: number[],
  ) => Promise<{ push_id: number; state: string; result: string }[]>;
  /** The job's history outside the range (similar jobs), for the flake prior. */
  history: (repo: string, jobId: number, beforePushId: number) => Promise<{ state: string; result: string }[]>;
  trigger: (
    intent: TriggerIntent,
    options: { confirmed: boolean; origin: string; dedupeScope: string },
  ) => Promise<TriggerOutcome>;
  findLogEntry: (origin: string, since: number) => Promise<TriggerLogEntry | undefined>;
  culpritDetails: (repo: string, pushId: number) => Promise<NonNullable<BisectionSession['culprit']>>;
  notify: (id: string, message: string) => Promise<void>;
  schedule: (active: boolean) => Promise<void>;
  now: () => number;
  newId: () => string;
  /** Perfherder reads for perf bisections and new baselines (modes 'perf' and 'baseline'). */
  perf?: PerfRunnerDeps;
}

export type { BisectionPreview };

/**
 * Runs bisections as durable state machines (docs/design.md, decision 6) around the pure planner (decision 7):
 * read results → plan → record probes → trigger through the one pipeline → wait. Steps are serialized.
 */
export function createBisectionRunner(deps: RunnerDeps) {
  const serialized = createSerialQueue();

  async function draft(request: BisectionStartRequest): Promise<BisectionSession> {
    const job = await deps.describeJob(request.repo, request.jobId);
    let suspects: { pushId: number; revision: string }[] = [{ pushId: job.pushId, revision: job.revision }];
    if (request.mode === 'bisect') {
      const gap = await deps.jobGap(request.repo, request.jobId);
      const span = Math.min(gap.lastRun ? gap.gap : gap.searched, 100) + request.extendBy;
      const earlier = span > 0 ? await deps.pushesBefore(request.repo, job.pushId, span) : [];
      suspects = [
        ...earlier
          .slice(0, span)
          .reverse()
          .map((p) => ({ pushId: p.id, revision: p.revision })),
        ...suspects,
      ];
    }
    const runs = await deps.runsOf(
      request.repo,
      job.label,
      suspects.map((s) => s.pushId),
    );
    const observed = suspects.map((s) => countRuns(runs.filter((r) => r.push_id === s.pushId)));
    const history = await deps.history(request.repo, request.jobId, suspects[0]!.pushId).catch(() => []);
    const now = deps.now();
    return {
      id: deps.newId(),
      mode: request.mode,
      status: 'running',
      createdAt: now,
      updatedAt: now,
      repo: request.repo,
      label: job.label,
      job: { jobId: job.jobId, taskId: job.taskId, label: job.label, symbol: job.symbol, groupSymbol: job.groupSymbol },
      suspects,
      initialRuns: observed.map((o) => o.total),
      initialCompleted: observed.map((o) => o.completed),
      initialFailures: observed.map((o) => o.failures),
      requested: suspects.map(() => 0),
      observed,
      rounds: [],
      budget: request.budget,
      parallel: request.parallel,
      threshold: DEFAULT_THRESHOLD,
      priors: { ...flakePriorFromHistory(history), noCulprit: NO_CULPRIT_PRIOR },
    };
  }

  function plannerInput(session: BisectionSession): PlannerInput {
    return {
      observations: plannerObservations(session),
      priors: session.priors,
      budget: session.budget,
      jobsTriggered: jobsTriggered(session),
      parallel: session.parallel,
      threshold: session.threshold,
    };
  }

  /** Range and expected cost, shown before anything is triggered. */
  async function preview(request: BisectionStartRequest): Promise<BisectionPreview> {
    const session = await draft(request);
    const estimate =
      request.mode === 'bisect'
        ? estimateBisectionCost(plannerInput(session), createRng(1), 150)
        : {
            draws: 0,
            medianJobs: Math.min(5, request.budget),
            p90Jobs: request.budget,
            meanJobs: Math.min(5, request.budget),
            medianRounds: 1,
            p90Rounds: Math.ceil(request.budget / 5),
            budgetExhausted: 0,
          };
    return {
      suspects: session.suspects.length,
      firstPushId: session.suspects[0]!.pushId,
      lastPushId: session.suspects.at(-1)!.pushId,
      estimate,
      budget: request.budget,
      parallel: request.parallel,
    };
  }

  function start(request: BisectionStartRequest): Promise<BisectionSession> {
    return begin(() => draft(request));
  }

  function perfDeps(): PerfRunnerDeps {
    if (!deps.perf) throw new Error('Perf bisection is not available in this build.');
    return deps.perf;
  }

  /** Range and expected cost of a perf bisection from an alert summary (or a series and a push). */
  async function previewPerf(request: PerfBisectionRequest): Promise<BisectionPreview> {
    const session = await draftPerfBisection(request, perfDeps(), deps);
    const estimate = estimatePerfCost(session.perf!, request);
    return {
      suspects: session.suspects.length,
      firstPushId: session.suspects[0]!.pushId,
      lastPushId: session.suspects.at(-1)!.pushId,
      estimate,
      budget: request.budget,
      parallel: request.parallel,
    };
  }

  function startPerf(request: PerfBisectionRequest): Promise<BisectionSession> {
    return begin(() => draftPerfBisection(request, perfDeps(), deps));
  }

  function startBaseline(request: BaselineRequest): Promise<BisectionSession> {
    return begin(() => draftBaseline(request, perfDeps(), deps));
  }

  function begin(makeSession: () => Promise<BisectionSession>): Promise<BisectionSession> {
    return serialized(async () => {
      const session = await makeSession();
      const sessions = await deps.load();
      const duplicate = sessions.find(
        (s) =>
          s.status === 'running' &&
          s.mode === session.mode &&
          s.repo === session.repo &&
          s.label === session.label &&
          s.suspects.at(-1)!.pushId === session.suspects.at(-1)!.pushId,
      );
      if (duplicate) return duplicate; // one bisection per failure: a second click shows the running one
      await deps.save([...sessions, session]);
      await deps.schedule(true);
      return stepOne(session.id);
    });
  }

  function stop(id: string): Promise<BisectionSession | undefined> {
    return serialized(async () => {
      const sessions = await deps.load();
      const session = sessions.find((s) => s.id === id);
      if (session && session.status === 'running') {
        session.status = 'stopped';
        session.message = 'Stopped by the user. Jobs already triggered keep running.';
        session.updatedAt = deps.now();
        await deps.save(sessions);
      }
      return session;
    });
  }

  /** Advances every running bisection by one step. Called by the alarm, the popup and after start. */
  function stepAll(): Promise<BisectionSession[]> {
    return serialized(async () => {
      for (const session of await deps.load()) if (session.status === 'running') await stepOne(session.id);
      const sessions = await deps.load();
      await deps.schedule(sessions.some((s) => s.status === 'running'));
      return sessions;
    });
  }

  async function stepOne(id: string): Promise<BisectionSession> {
    let session = (await deps.load()).find((s) => s.id === id)!;
    try {
      session = await settleRequestingProbes(session);
      session =
        session.mode === 'perf'
          ? await refreshPerf(session, perfDeps())
          : session.mode === 'baseline'
            ? await refreshBaseline(session, perfDeps())
            : await refreshObservations(session);
      session = await decide(session);
    } catch (error) {
      session = { ...session, message: `Waiting: ${error instanceof Error ? error.message : String(error)}` };
    }
    await persist({ ...session, updatedAt: deps.now() });
    return session;
  }

  async function persist(session: BisectionSession): Promise<void> {
    const sessions = await deps.load();
    await deps.save(sessions.map((s) => (s.id === session.id ? session : s)));
  }

  /** A probe left "requesting" by a stopped worker: the trigger log says whether it went out. */
  async function settleRequestingProbes(session: BisectionSession): Promise<BisectionSession> {
    const rounds = await Promise.all(
      session.rounds.map(async (round) => ({
        ...round,
        probes: await Promise.all(
          round.probes.map(async (probe): Promise<Probe> => {
            if (probe.status !== 'requesting') return probe;
            const entry = await deps.findLogEntry(probe.key, round.at - 60_000);
            if (!entry) return probe; // never reached the log: it may be sent now
            if (entry.state === 'failed' || entry.state === 'refused')
              return { ...probe, status: 'failed', logId: entry.id, error: entry.error };
            return { ...probe, status: 'sent', logId: entry.id };
          }),
        ),
      })),
    );
    return { ...session, rounds, requested: requestedFrom(session.suspects.length, rounds) };
  }

  async function refreshObservations(session: BisectionSession): Promise<BisectionSession> {
    const runs = await deps.runsOf(
      session.repo,
      session.label,
      session.suspects.map((s) => s.pushId),
    );
    const observed: RunCounts[] = session.suspects.map((s) => countRuns(runs.filter((r) => r.push_id === s.pushId)));
    return { ...session, observed };
  }

  async function decide(session: BisectionSession): Promise<BisectionSession> {
    const unsent = session.rounds.flatMap((r) => r.probes).filter((p) => p.status === 'requesting');
    if (unsent.length) return sendProbes(session, unsent);

    if (session.mode === 'retrigger-until-fail') {
      const i = session.suspects.length - 1;
      const seen = session.observed[i]!;
      const pending = plannerObservations(session)[i]!.pending;
      const step = planRetriggerUntilFailure({
        runs: seen.completed - session.initialCompleted[i]!,
        failures: seen.failures - session.initialFailures[i]!,
        pending,
        budget: session.budget,
      });
      if (step.kind === 'wait') return session;
      if (step.kind === 'reproduced')
        return finish(session, `Reproduced: ${step.failures} of ${step.runs} retriggers failed.`);
      if (step.kind === 'budget-exhausted')
        return finish(
          session,
          `No failure in ${step.runs} retriggers (failure rate below ${(step.failureRateUpperBound * 100).toFixed(0)} % with 95 % confidence).`,
        );
      return addRound(session, [{ pushIndex: i, times: step.times }]);
    }

    if (session.mode === 'perf' && session.perf) return decidePerf({ ...session, perf: session.perf });
    if (session.mode === 'baseline' && session.baseline) {
      if (session.rounds.length === 0) return addRound(session, [{ pushIndex: 0, times: session.baseline.times }]);
      return baselineFinished(session.baseline) ? finish(session, baselineMessage(session.baseline)) : session;
    }

    const plan = planNextProbes(plannerInput(session));
    session = { ...session, posterior: plan.posterior };
    if (plan.kind === 'wait') return session;
    if (plan.kind === 'probe') return addRound(session, plan.probes);
    session = { ...session, verdict: plan.verdict };
    const verdict = plan.verdict;
    if (verdict.kind === 'culprit') {
      const culprit = await deps.culpritDetails(session.repo, session.suspects[verdict.pushIndex]!.pushId);
      return finish(
        { ...session, culprit },
        `Culprit: push ${culprit.pushId} (${culprit.revision.slice(0, 12)}) by ${culprit.author}, posterior ${(verdict.posterior * 100).toFixed(1)} %.`,
      );
    }
    if (verdict.kind === 'no-culprit')
      return finish(
        session,
        `No culprit: the failures look like flakes (posterior ${(verdict.posterior * 100).toFixed(1)} %).`,
      );
    const best = verdict.best;
    return finish(
      session,
      `Budget of ${session.budget} jobs used up. Best guess: ${best.pushIndex === null ? 'no culprit' : `push ${session.suspects[best.pushIndex]!.pushId}`} (${(best.posterior * 100).toFixed(0)} %).`,
    );
  }

  async function decidePerf(
    current: BisectionSession & { perf: NonNullable<BisectionSession['perf']> },
  ): Promise<BisectionSession> {
    const { session, next } = nextPerfStep(current);
    if (next.kind === 'wait') return session;
    if (next.kind === 'probe') return addRound(session, next.probes);
    if (next.kind === 'finish') return finish(session, next.message);
    const culprit = await deps.culpritDetails(session.repo, session.suspects[next.pushIndex]!.pushId);
    return finish(
      { ...session, culprit },
      `Culprit: push ${culprit.pushId} (${culprit.revision.slice(0, 12)}) by ${culprit.author}, ${next.detail}.`,
    );
  }

  async function addRound(
    session: BisectionSession,
    probes: readonly { pushIndex: number; times: number }[],
  ): Promise<BisectionSession> {
    const index = session.rounds.length;
    const round = {
      index,
      at: deps.now(),
      probes: probes.map((p): Probe => ({ ...p, key: probeKey(session.id, index, p.pushIndex), status: 'requesting' })),
    };
    const recorded = { ...session, rounds: [...session.rounds, round] };
    await persist(recorded); // the "before" record of this round, durable before any trigger
    return sendProbes(recorded, round.probes);
  }

  async function sendProbes(session: BisectionSession, probes: Probe[]): Promise<BisectionSession> {
    let current = session;
    for (const probe of probes) {
      const push = suspectPush(current, probe.pushIndex);
      const alreadyRuns = (current.observed[probe.pushIndex]?.total ?? 0) > 0 || current.mode === 'baseline';
      const labels = current.baseline?.labels ?? [current.label];
      // A push that never scheduled the label gets it added; one that ran it gets it retriggered.
      const intent: TriggerIntent = alreadyRuns
        ? { kind: 'retrigger', push, labels, times: probe.times }
        : { kind: 'add-new-jobs', push, labels, times: probe.times };
      let next: Probe;
      try {
        const outcome = await deps.trigger(intent, { confirmed: true, origin: probe.key, dedupeScope: probe.key });
        next =
          outcome.status === 'triggered' || outcome.status === 'merged'
            ? { ...probe, status: 'sent', logId: outcome.logId }
            : { ...probe, status: 'refused', error: outcome.reason };
      } catch (error) {
        // Not signed in (or expired): nothing was sent or logged. Pause; the probe goes out after sign-in.
        if (error instanceof Error && error.name === 'NotSignedInError')
          return { ...current, message: `Paused: ${error.message}` };
        next = { ...probe, status: 'failed', error: error instanceof Error ? error.message : String(error) };
      }
      const rounds = current.rounds.map((r) => ({
        ...r,
        probes: r.probes.map((p) => (p.key === probe.key ? next : p)),
      }));
      current = { ...current, rounds, requested: requestedFrom(current.suspects.length, rounds) };
      await persist(current);
      if (next.status === 'refused' || next.status === 'failed') {
        return { ...current, status: 'error', message: `Stopped: ${next.error ?? 'a trigger was refused'}` };
      }
    }
    return current;
  }

  async function finish(session: BisectionSession, message: string): Promise<BisectionSession> {
    await deps.notify(`cit-bisect-${session.id}`, `${session.label}: ${message}`).catch(() => undefined);
    return { ...session, status: 'done', message };
  }

  return { preview, start, previewPerf, startPerf, startBaseline, stop, stepAll, list: deps.load };
}

function requestedFrom(pushes: number, rounds: BisectionSession['rounds']): number[] {
  const requested = Array.from({ length: pushes }, () => 0);
  for (const round of rounds) for (const p of round.probes) if (p.status === 'sent') requested[p.pushIndex]! += p.times;
  return requested;
}

export type BisectionRunner = ReturnType<typeof createBisectionRunner>;
