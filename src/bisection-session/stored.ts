import type { PerfSessionData } from './perf-session';
import type { BisectionSession, SessionCore } from './session';

/** The kind of each mode as sessions stored before the mode registry named it. */
const KIND_OF_LEGACY_MODE = {
  bisect: 'failure',
  'retrigger-until-fail': 'retrigger-until-fail',
  perf: 'perf',
  baseline: 'new-baseline',
} as const;

/**
 * A session as earlier versions stored it: `mode` instead of `kind`, and a perf bisection's runs before the
 * gap under `perf.baseline`. Users' storage may still hold some.
 */
export interface LegacySession extends Omit<SessionCore, 'kind'> {
  mode: keyof typeof KIND_OF_LEGACY_MODE;
  perf?: Omit<PerfSessionData, 'before'> & { baseline: number[][] };
}

export type StoredSession = BisectionSession | LegacySession;

function isLegacy(stored: StoredSession): stored is LegacySession {
  return 'mode' in stored && !('kind' in stored);
}

/** A session read from storage, in today's shape. */
export function upgradeStoredSession(stored: StoredSession): BisectionSession {
  if (!isLegacy(stored)) return stored;
  const { mode, perf, ...rest } = stored;
  const upgraded = { ...rest, kind: KIND_OF_LEGACY_MODE[mode] };
  if (!perf) return upgraded as BisectionSession;
  const { baseline, ...data } = perf;
  // Fields of the old shared shape that the new kind does not read (priors, threshold) do no harm.
  return { ...upgraded, perf: { ...data, before: baseline } } as BisectionSession;
}
