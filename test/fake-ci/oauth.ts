import { randomBytes } from 'node:crypto';
import scopeUtils from 'taskcluster-lib-scopes';
import type { App } from './app';
import { DAY, isoZ, MINUTE } from './clock';
import { json, redirect, text, type Reply } from './http';
import type { RegisteredOAuthClient, TaskclusterUser } from './oauth-clients';
import type { RequestContext, Router } from './router';

/** Codes and access tokens live 10 minutes (simulated time). */
const CODE_AND_TOKEN_MS = 10 * MINUTE;

interface ClientDetails {
  /** The Taskcluster client to create: `<identity>/<oauth client id>-<6 chars>`. */
  clientId: string;
  description: string;
  scopes: string[];
  /** Wall-clock expiry of that client (credentials live in the real world). */
  expires: number;
}

interface Grant {
  oauthClientId: string;
  redirectUri: string;
  expiresAt: number;
  details: ClientDetails;
}

interface Transaction {
  client: RegisteredOAuthClient;
  redirectUri: string;
  responseType: string;
  scope: string[];
  state: string | null;
  user: TaskclusterUser;
}

/**
 * Taskcluster's third-party login (taskcluster/taskcluster `services/web-server/src/servers/oauth2.js`,
 * `createApp.js`, `utils/ensureLoggedIn.js`): only clients registered in the deployment's configuration are
 * served; `redirect_uri` must equal a registered one and the requested scopes must equal the registered list;
 * the user must be signed in to the web UI (else: the `/third-party` sign-in page); codes and access tokens
 * last 10 minutes; a code is used once; the credentials are a new client (scopes = requested ∩ registered ∩
 * the user's, at most `maxExpires`, reported 30 s early).
 */
export function registerOAuthRoutes(router: Router, app: App): void {
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, Grant>();
  const transactions = new Map<string, Transaction>();

  router.get(/^\/login\/oauth\/authorize\/?$/, (ctx) => authorize(app, ctx, codes, tokens, transactions), 'page');
  router.post(
    /^\/login\/oauth\/authorize\/decision\/?$/,
    async (ctx) => {
      const user = app.oauth.userOf(ctx.req.headers.cookie);
      const form = new URLSearchParams(await ctx.body());
      const tx = transactions.get(form.get('transaction_id') ?? '');
      if (!user || !tx) return text('Forbidden: no such authorization request', 'text/plain; charset=utf-8', 403);
      transactions.delete(form.get('transaction_id') ?? '');
      const scope = (form.get('scope') ?? '').split(' ').filter(Boolean);
      return grant(app, tx, { scope, expires: form.get('expires') ?? undefined }, codes, tokens);
    },
    'page',
  );
  router.get(/^\/third-party\/?$/, (ctx) => thirdPartyPage(app, ctx), 'page');
  router.post(
    /^\/third-party\/sign-in\/?$/,
    async (ctx) => {
      const form = new URLSearchParams(await ctx.body());
      const cookie = app.oauth.signIn();
      const next = form.get('next') ?? '/';
      const location = next.startsWith('/') ? next : '/';
      return { status: 303, headers: { Location: location, 'Set-Cookie': `${cookie}; Path=/; HttpOnly` }, text: '' };
    },
    'page',
  );

  router.post(/^\/login\/oauth\/token\/?$/, async (ctx) => {
    const form = new URLSearchParams(await ctx.body());
    if (form.get('grant_type') !== 'authorization_code')
      return json({ error: 'unsupported_grant_type', error_description: 'Unsupported grant type' }, 501);
    const code = form.get('code') ?? '';
    const entry = codes.get(code);
    codes.delete(code); // consumed before it is checked
    if (!entry || form.get('redirect_uri') !== entry.redirectUri || entry.expiresAt < app.now())
      return json({ error: 'invalid_grant', error_description: 'Invalid authorization code' }, 403);
    const token = randomBytes(24).toString('base64');
    tokens.set(token, { ...entry, expiresAt: app.now() + CODE_AND_TOKEN_MS });
    return json({ access_token: token, token_type: 'Bearer' });
  });

  router.get(/^\/login\/oauth\/credentials\/?$/, (ctx) => credentials(app, ctx, tokens));
}

function authorize(
  app: App,
  ctx: RequestContext,
  codes: Map<string, Grant>,
  tokens: Map<string, Grant>,
  transactions: Map<string, Transaction>,
): Reply {
  const q = ctx.query;
  const user = app.oauth.userOf(ctx.req.headers.cookie);
  if (!user) return redirect(`/third-party${ctx.url.search}`, 302); // ensureLoggedIn
  const client = app.oauth.find(q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? '';
  // Unknown client or unregistered redirect: refused without redirecting (the URI cannot be trusted).
  if (!client?.redirectUri.includes(redirectUri))
    return text('Forbidden: unauthorized_client', 'text/plain; charset=utf-8', 403);
  const tx: Transaction = {
    client,
    redirectUri,
    responseType: q.get('response_type') ?? '',
    scope: (q.get('scope') ?? '').split(' ').filter(Boolean),
    state: q.get('state'),
    user,
  };
  if (client.whitelisted && sameSet(client.scope, tx.scope))
    return grant(app, tx, { scope: tx.scope, expires: q.get('expires') ?? undefined }, codes, tokens);
  // Consent page (the web UI's /third-party), then POST …/decision.
  const transactionId = randomBytes(12).toString('base64url');
  transactions.set(transactionId, tx);
  const consent = new URLSearchParams({
    transactionID: transactionId,
    client_id: client.clientId,
    expires: q.get('expires') ?? client.maxExpires,
    scope: q.get('scope') ?? '',
    clientId: `${user.identity}/${client.clientId}-${randomBytes(3).toString('hex')}`,
  });
  return redirect(`/third-party?${consent}`, 302);
}

/** The code or token grant and its checks, in web-server's order; errors go back to the redirect URI. */
function grant(
  app: App,
  tx: Transaction,
  decision: { scope: string[]; expires: string | undefined },
  codes: Map<string, Grant>,
  tokens: Map<string, Grant>,
): Reply {
  const fail = (error: string): Reply => backTo(tx, { error, ...(tx.state ? { state: tx.state } : {}) });
  const { client } = tx;
  if (!sameSet(client.scope, tx.scope)) return fail('invalid_scope');
  if (!client.redirectUri.includes(tx.redirectUri)) return fail('access_denied');
  if (tx.responseType !== client.responseType) return fail('unsupported_response_type');
  const granted = scopeUtils.scopeIntersection(decision.scope, client.scope);
  if (!sameSet(granted, decision.scope)) return fail('invalid_scope');
  const max = Date.now() + durationMs(client.maxExpires);
  const asked = decision.expires ? Date.now() + durationMs(decision.expires) : max;
  const details: ClientDetails = {
    clientId: `${tx.user.identity}/${client.clientId}-${randomBytes(3).toString('hex')}`,
    description: `Client generated by ${tx.user.identity} for OAuth2 Client ${client.clientId}`,
    scopes: scopeUtils.scopeIntersection(granted, tx.user.scopes),
    expires: Math.min(asked, max),
  };
  const entry: Grant = {
    oauthClientId: client.clientId,
    redirectUri: tx.redirectUri,
    expiresAt: app.now() + CODE_AND_TOKEN_MS,
    details,
  };
  if (client.responseType === 'token') {
    const token = randomBytes(24).toString('base64');
    tokens.set(token, entry);
    return backTo(tx, { access_token: token, token_type: 'Bearer', ...(tx.state ? { state: tx.state } : {}) }, true);
  }
  const code = randomBytes(16).toString('base64url');
  codes.set(code, entry);
  return backTo(tx, { code, ...(tx.state ? { state: tx.state } : {}) });
}

function backTo(tx: Transaction, params: Record<string, string>, inFragment = false): Reply {
  const target = new URL(tx.redirectUri);
  if (inFragment) target.hash = new URLSearchParams(params).toString();
  else for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
  return redirect(target.toString(), 302);
}

function credentials(app: App, ctx: RequestContext, tokens: Map<string, Grant>): Reply {
  const bearer = /^Bearer\s+(.+)$/i.exec(String(ctx.req.headers.authorization ?? ''))?.[1];
  const inputError = json({ code: 'InputError', message: 'Could not generate credentials for this access token' }, 400);
  if (!bearer) return json({ code: 'AuthenticationFailed', message: 'Missing Bearer access token' }, 401);
  const entry = tokens.get(bearer);
  if (!entry || entry.expiresAt < app.now() || entry.details.expires < Date.now()) return inputError;
  // The client is created once; a second call with the same token cannot create it again.
  if (app.clients.get(entry.details.clientId)) return inputError;
  const client = app.clients.add({
    clientId: entry.details.clientId,
    scopes: entry.details.scopes,
    expires: entry.details.expires,
    description: entry.details.description,
    deleteOnExpiration: true,
  });
  app.log.oauthClientsIssued.push(client.clientId);
  return json({
    expires: isoZ(client.expires - 30_000),
    credentials: { clientId: client.clientId, accessToken: client.accessToken },
  });
}

/** The web UI's third-party page: sign in when there is no session, else the consent form. */
function thirdPartyPage(app: App, ctx: RequestContext): Reply {
  const q = ctx.query;
  const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  if (!app.oauth.userOf(ctx.req.headers.cookie) || !q.get('transactionID')) {
    const next = `/login/oauth/authorize${ctx.url.search}`;
    return text(
      `<!doctype html><title>Sign in</title><form method="post" action="/third-party/sign-in"><input type="hidden" name="next" value="${esc(next)}"><button data-testid="fake-tc-sign-in">Sign in to Taskcluster (fake)</button></form>`,
      'text/html; charset=utf-8',
    );
  }
  const fields = ['scope', 'expires', 'clientId'].map(
    (k) => `<input type="hidden" name="${k}" value="${esc(q.get(k) ?? '')}">`,
  );
  return text(
    `<!doctype html><title>Grant access</title><p>${esc(q.get('client_id') ?? '')} asks for ${esc(q.get('scope') ?? '')}</p><form method="post" action="/login/oauth/authorize/decision"><input type="hidden" name="transaction_id" value="${esc(q.get('transactionID') ?? '')}">${fields.join('')}<button data-testid="fake-tc-grant">Grant</button></form>`,
    'text/html; charset=utf-8',
  );
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((s, i) => s === [...b].sort()[i]);
}

/** `3 days`, `1 hour`, `10 minutes` → ms (Taskcluster's fromNow, the units we need). */
function durationMs(raw: string): number {
  let total = 0;
  for (const m of raw.matchAll(/(\d+)\s*(minute|hour|day)s?/gi)) {
    const n = Number(m[1]);
    const unit = (m[2] ?? 'day').toLowerCase();
    total += n * (unit === 'minute' ? MINUTE : unit === 'hour' ? 60 * MINUTE : DAY);
  }
  return total || 3 * DAY;
}
