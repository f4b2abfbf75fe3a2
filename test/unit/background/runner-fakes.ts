import type { TriggerIntent } from '../../../src/actions/intents';
import type { TriggerOutcome } from '../../../src/actions/trigger-outcome';
import type { BisectionSession, SessionKind, SessionOf } from '../../../src/bisection-session/session';
import type { TriggerLogEntry } from '../../../src/log/entry';

/** The session as its mode's type; fails the test when it is of another kind. */
export function ofKind<K extends SessionKind>(session: BisectionSession, kind: K): SessionOf<K> {
  if (session.kind !== kind) throw new Error(`expected a "${kind}" session, got "${session.kind}"`);
  return session as SessionOf<K>;
}

/** The runs a bisection's intent asks for. */
export function runsAskedBy(intent: TriggerIntent): { labels: readonly string[]; times: number } {
  return intent.kind === 'retrigger' || intent.kind === 'add-new-jobs'
    ? { labels: intent.labels, times: intent.times }
    : { labels: [], times: 0 };
}

/** The trigger log as the pipeline keeps it: `record` logs a trigger and gives its outcome. */
export function fakeTriggerLog() {
  const entries: TriggerLogEntry[] = [];
  return {
    record(origin: string, tasks: number, unclear = false): TriggerOutcome {
      const id = `log-${entries.length + 1}`;
      entries.push({ id, origin, state: unclear ? 'unclear' : 'triggered', createdAt: 0 } as TriggerLogEntry);
      const cost = { tasks, machineMinutes: 0, labelsWithoutHistory: [] };
      if (unclear) return { status: 'unclear', logId: id, summary: '', cost, reason: 'the answer was cut off' };
      return {
        status: 'triggered',
        logId: id,
        actionTaskId: 'x',
        summary: '',
        cost: { tasks, machineMinutes: 0, labelsWithoutHistory: [] },
      };
    },
    findLogEntry: async (origin: string) => entries.find((e) => e.origin === origin),
    /** What reconciliation against Taskcluster would do to every unclear record. */
    settleUnclear(state: 'triggered' | 'failed') {
      for (const e of entries) if (e.state === 'unclear') e.state = state;
    },
  };
}

/** For reads a test's mode never makes. */
export function unused(what: string) {
  return async (): Promise<never> => {
    throw new Error(`${what} reads nothing of this kind`);
  };
}
