/**
 * One-time confirmation tokens for costly triggers asked from a content script (issue 15, finding 3). When the
 * cost guard asks for confirmation, the background issues a token bound to that exact intent; the content
 * script's confirmed re-send (after the user's trusted click on Confirm) must carry it. A token is valid once,
 * for this intent only, for a short time, and only in this worker's memory: a restarted worker asks again.
 */

/** Long enough to read the cost and click Confirm; short enough that a token is never a standing licence. */
export const CONFIRMATION_TTL_MS = 2 * 60_000;

export interface ConfirmationTokens {
  /** A new token for `subject` (the validated intent), valid for CONFIRMATION_TTL_MS. */
  issue(subject: unknown): string;
  /** True once for a live token issued for an equal `subject`; the token is spent whatever the answer. */
  consume(token: string | undefined, subject: unknown): boolean;
}

export function createConfirmationTokens(
  options: { now?: () => number; newToken?: () => string } = {},
): ConfirmationTokens {
  const now = options.now ?? Date.now;
  const newToken = options.newToken ?? (() => crypto.randomUUID());
  const issued = new Map<string, { subject: string; expiresAt: number }>();
  const dropExpired = () => {
    for (const [token, entry] of issued) if (entry.expiresAt <= now()) issued.delete(token);
  };
  return {
    issue(subject) {
      dropExpired();
      const token = newToken();
      issued.set(token, { subject: canonicalJson(subject), expiresAt: now() + CONFIRMATION_TTL_MS });
      return token;
    },
    consume(token, subject) {
      if (!token) return false;
      const entry = issued.get(token);
      issued.delete(token);
      return entry !== undefined && entry.expiresAt > now() && entry.subject === canonicalJson(subject);
    },
  };
}

/** JSON with object keys sorted, so equal intents give equal strings whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
