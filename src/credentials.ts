import { z } from 'zod';

/** Taskcluster credentials as the background keeps them. Never sent to content scripts or logged. */
export interface StoredCredentials {
  clientId: string;
  accessToken: string;
  /** ISO expiry when known (Treeherder login, OAuth); pasted clients may not say. */
  expires?: string;
  source: 'treeherder' | 'pasted' | 'oauth';
  /** Taskcluster root URL the credentials belong to. */
  rootUrl?: string;
}

export function credentialsExpired(creds: Pick<StoredCredentials, 'expires'>, now: number): boolean {
  if (!creds.expires) return false;
  const at = Date.parse(creds.expires);
  return Number.isFinite(at) && at <= now;
}

/** A client id is safe to show; an access token never is. */
export function redactSecret(text: string, creds: Pick<StoredCredentials, 'accessToken'> | undefined): string {
  if (!creds?.accessToken) return text;
  return text.split(creds.accessToken).join('[redacted]');
}

/** Taskcluster's clientId pattern (taskcluster services/auth: `clientId: /^[A-Za-z0-9!@/:.+|_-]+$/`). */
const CLIENT_ID = /^[A-Za-z0-9!@/:.+|_-]+$/;

/**
 * A client pasted in the options page. Checked before anything is saved: a client id with control
 * characters, spaces or other characters Taskcluster never issues is refused with a sentence.
 */
export const clientIdSchema = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(300)
  .regex(CLIENT_ID, 'is not a Taskcluster client id (letters, digits and !@/:.+|_- only)');

export const pastedClientSchema = z.object({
  clientId: clientIdSchema,
  accessToken: z
    .string()
    .trim()
    .min(10)
    .max(500)
    .regex(/^[\x21-\x7e]+$/, 'has characters an access token never has'),
});
