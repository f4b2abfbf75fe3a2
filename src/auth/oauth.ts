/**
 * Taskcluster third-party login (OAuth2 authorization-code flow), reference/taskcluster.md §3.2.
 * Pure request building and parsing; the background runs it with identity.launchWebAuthFlow.
 */
import { z } from 'zod';

/** The scope Treeherder also asks for: trigger any hook the user may trigger. */
export const OAUTH_SCOPE = 'hooks:trigger-hook:*';

export function buildAuthorizeUrl(
  rootUrl: string,
  params: { clientId: string; redirectUri: string; state: string },
): string {
  const url = new URL(`${rootUrl.replace(/\/+$/, '')}/login/oauth/authorize`);
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', OAUTH_SCOPE);
  url.searchParams.set('state', params.state);
  return url.toString();
}

export class OAuthError extends Error {
  override readonly name = 'OAuthError';
}

/** Reads the code from the redirect, refusing a state mismatch (a forged or stale redirect). */
export function readAuthorizationCode(redirectUrl: string, expectedState: string): string {
  const url = new URL(redirectUrl);
  const error = url.searchParams.get('error');
  if (error)
    throw new OAuthError(`Taskcluster did not grant access: ${url.searchParams.get('error_description') ?? error}.`);
  if (url.searchParams.get('state') !== expectedState)
    throw new OAuthError(
      'The sign-in answer did not match the request (state mismatch); nothing was saved. Try again.',
    );
  const code = url.searchParams.get('code');
  if (!code) throw new OAuthError('The sign-in answer had no authorization code.');
  return code;
}

const tokenSchema = z.looseObject({ access_token: z.string().min(1) });
const credentialsSchema = z.looseObject({
  credentials: z.looseObject({ clientId: z.string().min(1), accessToken: z.string().min(1) }),
  expires: z.string(),
});

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Exchanges the code for an access token, then the token for Taskcluster credentials. */
export async function exchangeCodeForCredentials(
  fetchFn: FetchLike,
  rootUrl: string,
  params: { code: string; clientId: string; redirectUri: string },
): Promise<{ clientId: string; accessToken: string; expires: string }> {
  const root = rootUrl.replace(/\/+$/, '');
  const tokenResponse = await fetchFn(`${root}/login/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
      client_id: params.clientId,
    }).toString(),
  });
  if (!tokenResponse.ok)
    throw new OAuthError(`Taskcluster refused the sign-in code (HTTP ${tokenResponse.status}). Try signing in again.`);
  const token = tokenSchema.safeParse(await tokenResponse.json().catch(() => null));
  if (!token.success) throw new OAuthError('Taskcluster answered the token request in an unexpected shape.');
  const credentialsResponse = await fetchFn(`${root}/login/oauth/credentials`, {
    headers: { authorization: `Bearer ${token.data.access_token}` },
  });
  if (!credentialsResponse.ok)
    throw new OAuthError(`Taskcluster did not issue credentials (HTTP ${credentialsResponse.status}).`);
  const creds = credentialsSchema.safeParse(await credentialsResponse.json().catch(() => null));
  if (!creds.success) throw new OAuthError('Taskcluster answered the credentials request in an unexpected shape.');
  return { ...creds.data.credentials, expires: creds.data.expires };
}
