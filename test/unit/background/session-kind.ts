import type { BisectionSession, SessionKind, SessionOf } from '../../../src/bisection-session/session';

/** The session as its mode's type; fails the test when it is of another kind. */
export function ofKind<K extends SessionKind>(session: BisectionSession, kind: K): SessionOf<K> {
  if (session.kind !== kind) throw new Error(`expected a "${kind}" session, got "${session.kind}"`);
  return session as SessionOf<K>;
}
