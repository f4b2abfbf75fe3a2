import { randomBytes } from 'node:crypto';
import type { App } from './app';
import { DAY, isoZ, MINUTE } from './clock';
import { json, redirect, type Reply } from './http';
import type { RequestContext, Router } from './router';

interface Grant {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  expires: number;
}

/**
 * Taskcluster's third-party login (web-server `oauth2.js`): authorize auto-consents and redirects with a
 * code, token trades the code for an access token, credentials issues a real client that passes Hawk.
 */
export function registerOAuthRoutes(router: Router, app: App): void {
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, Grant>();

  router.get(
    /^\/login\/oauth\/authorize\/?$/,
    (ctx) => {
      const q = ctx.query;
      const clientId = q.get('client_id');
      const redirectUri = q.get('redirect_uri');
      const responseType = q.get('response_type') ?? 'code';
      if (!clientId || !redirectUri)
        return json({ error: 'invalid_request', error_description: 'client_id and redirect_uri are required' }, 400);
      const grant: Grant = {
        clientId,
        redirectUri,
        scopes: (q.get('scope') ?? 'hooks:trigger-hook:*').split(/\s+/).filter(Boolean),
        expires: Date.now() + expiresIn(q.get('expires')),
      };
      const state = q.get('state');
      const target = new URL(redirectUri);
      if (responseType === 'token') {
        const token = randomBytes(24).toString('base64url');
        tokens.set(token, grant);
        const frag = new URLSearchParams({
          access_token: token,
          token_type: 'Bearer',
          expires_in: '600',
          ...(state ? { state } : {}),
        });
        target.hash = frag.toString();
      } else {
        const code = randomBytes(16).toString('base64url');
        codes.set(code, grant);
        target.searchParams.set('code', code);
        if (state) target.searchParams.set('state', state);
      }
      return redirect(target.toString(), 302);
    },
    'page',
  );

  router.post(/^\/login\/oauth\/token\/?$/, async (ctx) => {
    const form = new URLSearchParams(await ctx.body());
    const code = form.get('code') ?? '';
    const grant = codes.get(code);
    if (form.get('grant_type') !== 'authorization_code' || !grant)
      return json({ error: 'invalid_grant', error_description: 'unknown or used code' }, 400);
    if (form.get('redirect_uri') && form.get('redirect_uri') !== grant.redirectUri)
      return json({ error: 'invalid_grant', error_description: 'redirect_uri mismatch' }, 400);
    codes.delete(code);
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, grant);
    return json({ access_token: token, token_type: 'Bearer', expires_in: 600 });
  });

  router.get(/^\/login\/oauth\/credentials\/?$/, (ctx) => credentials(app, ctx, tokens));
}

function credentials(app: App, ctx: RequestContext, tokens: Map<string, Grant>): Reply {
  const bearer = /^Bearer\s+(.+)$/i.exec(String(ctx.req.headers.authorization ?? ''))?.[1];
  const grant = bearer ? tokens.get(bearer) : undefined;
  if (!grant) return json({ error: 'invalid_token', error_description: 'missing or unknown Bearer token' }, 401);
  const client = app.clients.add({
    clientId: `mozilla-auth0/ad|Mozilla-LDAP|sheriff/${grant.clientId}-${randomBytes(3).toString('hex')}`,
    scopes: grant.scopes,
    expires: grant.expires,
    description: `Issued to ${grant.clientId} by the fake CI's third-party login`,
    deleteOnExpiration: true,
  });
  app.log.oauthClientsIssued.push(client.clientId);
  return json({
    credentials: { clientId: client.clientId, accessToken: client.accessToken },
    expires: isoZ(client.expires - 30_000),
  });
}

/** `expires` like `3 days` / `1 hour`; default 3 days (Treeherder asks for none, so it gets maxExpires). */
function expiresIn(raw: string | null): number {
  const m = raw ? /^(\d+)\s*(minute|hour|day)s?$/i.exec(raw.trim()) : null;
  if (!m) return 3 * DAY;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'day').toLowerCase();
  return n * (unit === 'minute' ? MINUTE : unit === 'hour' ? 60 * MINUTE : DAY);
}
