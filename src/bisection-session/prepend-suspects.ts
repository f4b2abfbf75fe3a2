import type { RunCounts, SessionCore } from './session';

/**
 * The session with older pushes in front of its suspects (a range extended further back): every per-suspect
 * array gets their entries first, and the probes already sent keep pointing at the same pushes (their index moves
 * by the number added; their keys, already in the trigger log, stay). What already ran on the added pushes counts
 * as there at the start, like the runs found when the session was drafted.
 */
export function prependSuspects<S extends SessionCore>(
  session: S,
  pushes: readonly { pushId: number; revision: string }[],
  counts: readonly RunCounts[],
): S {
  const added = pushes.length;
  if (added === 0) return session;
  if (counts.length !== added) throw new RangeError('one run count per added push');
  return {
    ...session,
    suspects: [...pushes.map((p) => ({ pushId: p.pushId, revision: p.revision })), ...session.suspects],
    observed: [...counts, ...session.observed],
    initialRuns: [...counts.map((c) => c.total), ...session.initialRuns],
    initialCompleted: [...counts.map((c) => c.completed), ...session.initialCompleted],
    initialFailures: [...counts.map((c) => c.failures), ...session.initialFailures],
    requested: [...pushes.map(() => 0), ...session.requested],
    rounds: session.rounds.map((round) => ({
      ...round,
      probes: round.probes.map((probe) => ({ ...probe, pushIndex: probe.pushIndex + added })),
    })),
  };
}
