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
