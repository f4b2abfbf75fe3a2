import type { TriggerIntent } from '../../src/actions/intents';
import type { TriggerOutcome } from '../../src/actions/trigger-outcome';
import type { BisectionMode, ModeReads } from '../../src/bisection-session/mode';
import type { BisectionPreview } from '../../src/bisection-session/preview';
import { BISECTION_MODES } from '../../src/bisection-session/registry';
import {
  probeKey,
  suspectPush,
  type BisectionSession,
  type CulpritDetails,
  type Probe,
  type Round,
  type SessionCore,
} from '../../src/bisection-session/session';
import { isUnsettled, type TriggerLogEntry } from '../../src/log/entry';
import { createSerialQueue } from '../../src/serial-queue';

/** Everything the runner and its modes use; the background wires it to storage, the pipeline and the clients. */
export interface BisectionDeps<S extends SessionCore = BisectionSession> extends ModeReads {
  load(): Promise<S[]>;
  save(sessions: S[]): Promise<void>;
  trigger(
    intent: TriggerIntent,
    options: { confirmed: boolean; origin: string; dedupeScope: string },
  ): Promise<TriggerOutcome>;
  findLogEntry(origin: string, since: number): Promise<TriggerLogEntry | undefined>;
  /** What a person needs to act on the push a verdict names. */
  culpritDetails(repo: string, pushId: number): Promise<CulpritDetails>;
  notify(id: string, message: string): Promise<void>;
  schedule(active: boolean): Promise<void>;
  now(): number;
  newId(): string;
}

/** The runner over the registered modes (`src/bisection-session/modes/index.ts`). */
export function createBisectionRunner(deps: BisectionDeps) {
  return createModeRunner(deps, BISECTION_MODES);
}

/**
 * Runs bisections as durable state machines (docs/design.md, decision 6) around each mode's pure planner (decision 7):
 * read results → plan → record probes → trigger through the one pipeline → wait. Steps are serialized. The
 * modes answer what is theirs (draft, refresh, next step, labels, verdict); the rest is here, once.
 */
export function createModeRunner<S extends SessionCore>(deps: BisectionDeps<S>, modes: readonly BisectionMode<S>[]) {
  const serialized = createSerialQueue();

  /** A running session from a mode's draft: the runner's own fields filled in. */
  async function draft<R>(mode: BisectionMode<S, R>, request: R): Promise<S> {
    if (!modes.includes(mode)) throw new Error(`The "${mode.kind}" mode is not registered with this runner.`);
    const drafted = await mode.draft(request, deps);
    const now = deps.now();
    const owned = {
      id: deps.newId(),
      status: 'running',
      createdAt: now,
      updatedAt: now,
      initialRuns: drafted.observed.map((o) => o.total),
      initialCompleted: drafted.observed.map((o) => o.completed),
      initialFailures: drafted.observed.map((o) => o.failures),
      requested: drafted.suspects.map(() => 0),
      rounds: [],
    } satisfies Partial<SessionCore>;
    // A mode's draft is its session without exactly these fields.
    return { ...drafted, ...owned } as unknown as S;
  }

  /** Range and expected cost, shown before anything is triggered. */
  async function preview<R>(mode: BisectionMode<S, R>, request: R): Promise<BisectionPreview> {
    const session = await draft(mode, request);
    return {
      suspects: session.suspects.length,
      firstPushId: session.suspects[0]!.pushId,
      lastPushId: session.suspects.at(-1)!.pushId,
      estimate: await mode.estimate(session),
      budget: session.budget,
      parallel: session.parallel,
    };
  }

  /** Starts a session, or shows the running one of the same mode for the same failure. */
  function start<R>(mode: BisectionMode<S, R>, request: R): Promise<S> {
    return serialized(async () => {
      const session = await draft(mode, request);
      const sessions = await deps.load();
      const duplicate = sessions.find(
        (s) =>
          s.status === 'running' &&
          s.kind === session.kind &&
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

  function stop(id: string): Promise<S | undefined> {
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

  /**
   * "Continue with +N jobs": a session that stopped at its budget gets `extraJobs` more and runs on from where it
   * stopped (its rounds, runs and posterior stay). The caller has priced the jobs and had them confirmed.
   */
  function extendBudget(id: string, extraJobs: number): Promise<S | undefined> {
    return serialized(async () => {
      const session = (await deps.load()).find((s) => s.id === id);
      if (!session || session.status !== 'done') return undefined;
      const { culprit: _culprit, message: _message, ...rest } = session;
      await persist({ ...rest, status: 'running', budget: session.budget + extraJobs, updatedAt: deps.now() } as S);
      await deps.schedule(true);
      return stepOne(id);
    });
  }

  /** Advances every running bisection by one step. Called by the alarm, the popup and after start. */
  function stepAll(): Promise<S[]> {
    return serialized(async () => {
      for (const session of await deps.load()) if (session.status === 'running') await stepOne(session.id);
      const sessions = await deps.load();
      await deps.schedule(sessions.some((s) => s.status === 'running'));
      return sessions;
    });
  }

  async function stepOne(id: string): Promise<S> {
    let session = (await deps.load()).find((s) => s.id === id)!;
    const mode = modes.find((m) => m.kind === session.kind);
    if (!mode) {
      session = { ...session, status: 'error', message: `This version cannot run "${session.kind}" bisections.` };
    } else {
      try {
        session = await settleRequestingProbes(session);
        session = await mode.refresh(session, deps);
        session = await decide(mode, session);
      } catch (error) {
        session = { ...session, message: `Waiting: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    await persist({ ...session, updatedAt: deps.now() });
    return session;
  }

  async function persist(session: S): Promise<void> {
    const sessions = await deps.load();
    await deps.save(sessions.map((s) => (s.id === session.id ? session : s)));
  }

  /** A probe left "requesting" by a stopped worker: the trigger log says whether it went out. */
  async function settleRequestingProbes(session: S): Promise<S> {
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
            // Pending or unclear: it may have gone out. It stays "requesting" (never sent again, never counted
            // as sent) until the trigger log settles it against Taskcluster (decide waits for that).
            if (isUnsettled(entry)) return { ...probe, logId: entry.id };
            return { ...probe, status: 'sent', logId: entry.id };
          }),
        ),
      })),
    );
    return { ...session, rounds, requested: requestedFrom(session.suspects.length, rounds) };
  }

  async function decide(mode: BisectionMode<S>, session: S): Promise<S> {
    const unsent = session.rounds.flatMap((r) => r.probes).filter((p) => p.status === 'requesting');
    // A probe with a log record is one whose trigger may have gone out: wait until the log settles it.
    if (unsent.some((p) => p.logId))
      return { ...session, message: 'Checking with Taskcluster whether the last probe went through…' };
    if (unsent.length) return sendProbes(mode, session, unsent);
    const { session: planned, step } = mode.next(session);
    if (step.kind === 'wait') return planned;
    if (step.kind === 'probe') return addRound(mode, planned, step.probes);
    return finish(mode, planned, step.culpritIndex);
  }

  async function addRound(
    mode: BisectionMode<S>,
    session: S,
    wanted: readonly { pushIndex: number; times: number }[],
  ): Promise<S> {
    const probes = withinBudget(session, mode.labels(session).length, wanted);
    if (probes.length === 0) return finish(mode, session, undefined, `Budget of ${session.budget} jobs used up.`);
    const index = session.rounds.length;
    const round: Round = {
      index,
      at: deps.now(),
      probes: probes.map((p): Probe => ({ ...p, key: probeKey(session.id, index, p.pushIndex), status: 'requesting' })),
    };
    const recorded = { ...session, rounds: [...session.rounds, round] };
    await persist(recorded); // the "before" record of this round, durable before any trigger
    return sendProbes(mode, recorded, round.probes);
  }

  async function sendProbes(mode: BisectionMode<S>, session: S, probes: Probe[]): Promise<S> {
    let current = session;
    const labels = [...mode.labels(session)];
    for (const probe of probes) {
      const push = suspectPush(current, probe.pushIndex);
      // A push that never scheduled the label gets it added; one that ran it gets it retriggered.
      const intent: TriggerIntent =
        (current.observed[probe.pushIndex]?.total ?? 0) > 0
          ? { kind: 'retrigger', push, labels, times: probe.times }
          : { kind: 'add-new-jobs', push, labels, times: probe.times };
      let next: Probe;
      try {
        const outcome = await deps.trigger(intent, { confirmed: true, origin: probe.key, dedupeScope: probe.key });
        if (outcome.status === 'unclear') {
          // The hook may have run: keep the probe "requesting" with its record; the log settles it.
          next = { ...probe, logId: outcome.logId };
        } else
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
      if (next.status === 'requesting')
        return { ...current, message: 'Checking with Taskcluster whether the last probe went through…' };
      if (next.status === 'refused' || next.status === 'failed') {
        return { ...current, status: 'error', message: `Stopped: ${next.error ?? 'a trigger was refused'}` };
      }
    }
    return current;
  }

  /** Done: the culprit's details when the verdict names a push, the mode's sentence, a notification. */
  async function finish(mode: BisectionMode<S>, session: S, culpritIndex: number | undefined, message?: string) {
    let done = session;
    if (culpritIndex !== undefined) {
      const culprit = await deps.culpritDetails(session.repo, session.suspects[culpritIndex]!.pushId);
      done = { ...done, culprit };
    }
    const sentence = message ?? mode.describeVerdict(done);
    await deps.notify(`cit-bisect-${session.id}`, `${session.label}: ${sentence}`).catch(() => undefined);
    return { ...done, status: 'done', message: sentence } satisfies S;
  }

  return { preview, start, stop, extendBudget, stepAll, list: deps.load };
}

/** Runs asked for per suspect push, from the probes that went out. */
function requestedFrom(pushes: number, rounds: readonly Round[]): number[] {
  const requested = Array.from({ length: pushes }, () => 0);
  for (const round of rounds) for (const p of round.probes) if (p.status === 'sent') requested[p.pushIndex]! += p.times;
  return requested;
}

/**
 * The probes cut to what the budget still allows: every probe runs each of the mode's labels `times` times, and
 * probes that failed or were refused never ran. A planner that respects the budget is never cut.
 */
function withinBudget(
  session: SessionCore,
  labelsPerProbe: number,
  wanted: readonly { pushIndex: number; times: number }[],
): { pushIndex: number; times: number }[] {
  const probes = session.rounds
    .flatMap((r) => r.probes)
    .filter((p) => p.status === 'sent' || p.status === 'requesting');
  let room = session.budget - probes.reduce((sum, p) => sum + p.times * labelsPerProbe, 0);
  const kept: { pushIndex: number; times: number }[] = [];
  for (const probe of wanted) {
    const times = Math.min(probe.times, Math.floor(room / labelsPerProbe));
    if (times <= 0) break;
    kept.push({ pushIndex: probe.pushIndex, times });
    room -= times * labelsPerProbe;
  }
  return kept;
}

export type BisectionRunner = ReturnType<typeof createBisectionRunner>;
