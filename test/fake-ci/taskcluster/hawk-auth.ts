import { createHmac } from 'node:crypto';
import Hawk from 'hawk';
import scopeUtils from 'taskcluster-lib-scopes';
import type { RequestContext } from '../router';
import type { ClientStore } from './clients';

export type AuthResult =
  | { kind: 'anonymous' }
  | { kind: 'ok'; clientId: string; scopes: string[] }
  | { kind: 'failed'; clientId: string | null; message: string };

interface HawkExt {
  certificate?: {
    version: number;
    scopes: string[];
    start: number;
    expiry: number;
    seed: string;
    signature: string;
    issuer?: string;
  };
  authorizedScopes?: string[];
}

/**
 * Verifies a Hawk `Authorization` header with the hawk library, the way Taskcluster's auth service does:
 * sha256, 15 minutes of clock skew, optional payload hash, `ext` with temporary-credential `certificate`
 * (key derived from the issuer's token and the seed) and `authorizedScopes`.
 */
export async function authenticate(
  ctx: RequestContext,
  clients: ClientStore,
  forceExpired: boolean,
): Promise<AuthResult> {
  const header = ctx.req.headers.authorization;
  if (!header) return { kind: 'anonymous' };
  const id = /\bid="([^"]*)"/.exec(header)?.[1] ?? null;
  if (!/^Hawk\s/i.test(header))
    return { kind: 'failed', clientId: null, message: 'Authorization header is not a Hawk header' };
  if (forceExpired) {
    return {
      kind: 'failed',
      clientId: id,
      message: `ext.certificate.expiry < now: the credentials of client ${id ?? '?'} expired`,
    };
  }
  const ext = parseExt(/\bext="([^"]*)"/.exec(header)?.[1]);
  if (ext === 'invalid') return { kind: 'failed', clientId: id, message: 'Failed to parse ext' };

  let key: string;
  let scopes: string[];
  const cert = ext?.certificate;
  if (cert) {
    const issuer = clients.get(cert.issuer ?? id ?? '');
    if (!issuer)
      return { kind: 'failed', clientId: id, message: `ext.certificate issuer ${cert.issuer ?? id} is unknown` };
    if (cert.expiry < Date.now())
      return {
        kind: 'failed',
        clientId: id,
        message: 'ext.certificate.expiry < now: the temporary credentials expired',
      };
    if (cert.start > Date.now() + 15 * 60_000)
      return { kind: 'failed', clientId: id, message: 'ext.certificate.start > now' };
    key = createHmac('sha256', issuer.accessToken).update(cert.seed).digest('base64url');
    scopes = cert.scopes;
  } else {
    const client = id ? clients.get(id) : undefined;
    if (!client) return { kind: 'failed', clientId: id, message: `Client ${id ?? '(none)'} is not known` };
    if (client.expires < Date.now()) {
      return {
        kind: 'failed',
        clientId: id,
        message: `Client ${client.clientId} expired at ${new Date(client.expires).toISOString()}`,
      };
    }
    key = client.accessToken;
    scopes = client.scopes;
  }

  try {
    const { credentials, artifacts } = await Hawk.server.authenticate(
      ctx.req,
      (hawkId) => ({ id: hawkId, key, algorithm: 'sha256' as const }),
      { timestampSkewSec: 15 * 60 },
    );
    if (artifacts.hash) {
      Hawk.server.authenticatePayload(
        await ctx.body(),
        credentials,
        artifacts,
        String(ctx.req.headers['content-type'] ?? ''),
      );
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { kind: 'failed', clientId: id, message: `Hawk authentication failed: ${message}` };
  }

  if (ext?.authorizedScopes) {
    if (!ext.authorizedScopes.every((s) => scopeUtils.satisfiesExpression(scopes, s))) {
      return { kind: 'failed', clientId: id, message: 'ext.authorizedScopes oversteps your scopes' };
    }
    scopes = ext.authorizedScopes;
  }
  return { kind: 'ok', clientId: id ?? '', scopes };
}

function parseExt(raw: string | undefined): HawkExt | undefined | 'invalid' {
  if (!raw) return undefined;
  try {
    return JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as HawkExt;
  } catch {
    return 'invalid';
  }
}
