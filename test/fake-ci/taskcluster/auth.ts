import scopeUtils from 'taskcluster-lib-scopes';
import type { App } from '../app';
import { isoZ } from '../clock';
import { json } from '../http';
import type { Router } from '../router';
import { ANONYMOUS_SCOPES } from './clients';
import { resourceNotFound, tcError } from './errors';
import { authenticate } from './hawk-auth';

/** Roles the fake expands (`assume:<roleId>` → scopes); `*` at the end of a role id is a prefix match. */
const ROLES: Record<string, string[]> = {
  'repo:hg.mozilla.org/integration/autoland:branch:*': [
    'in-tree:hook-action:project-gecko/in-tree-action-3-*',
    'queue:create-task:highest:gecko-3/*',
  ],
  'repo:hg.mozilla.org/mozilla-central:branch:*': [
    'in-tree:hook-action:project-gecko/in-tree-action-3-*',
    'queue:create-task:highest:gecko-3/*',
  ],
  'repo:hg.mozilla.org/try:branch:*': [
    'in-tree:hook-action:project-gecko/in-tree-action-1-*',
    'queue:create-task:highest:gecko-1/*',
  ],
  'hook-id:project-gecko/in-tree-action-3-*': ['queue:create-task:highest:gecko-3/*'],
  'hook-id:project-gecko/in-tree-action-1-*': ['queue:create-task:highest:gecko-1/*'],
};

/** Auth: currentScopes (Hawk or anonymous), expandScopes, client info. */
export function registerAuthRoutes(router: Router, app: App): void {
  router.get(/^\/api\/auth\/v1\/scopes\/current$/, async (ctx) => {
    const auth = await authenticate(ctx, app.clients, app.faults.config.expiredCredentials);
    if (auth.kind === 'failed') return tcError(ctx, 401, 'AuthenticationFailed', auth.message, 'currentScopes');
    return json({ scopes: auth.kind === 'ok' ? expand(auth.scopes) : expand(ANONYMOUS_SCOPES) });
  });
  router.post(/^\/api\/auth\/v1\/scopes\/expand$/, async (ctx) => {
    const body = (await ctx.jsonBody()) as { scopes?: unknown };
    if (!Array.isArray(body.scopes) || !body.scopes.every((s) => typeof s === 'string')) {
      return tcError(ctx, 400, 'InputValidationError', 'scopes must be an array of strings', 'expandScopes', body);
    }
    return json({ scopes: expand(body.scopes as string[]) });
  });
  router.get(/^\/api\/auth\/v1\/clients\/(.+)$/, (ctx) => {
    const client = app.clients.get(ctx.params[0] ?? '');
    if (!client) return resourceNotFound(ctx, 'client', `Client ${ctx.params[0]} not found`);
    return json({
      clientId: client.clientId,
      description: client.description,
      expires: isoZ(client.expires),
      created: isoZ(client.created),
      lastModified: isoZ(client.created),
      lastDateUsed: isoZ(client.created),
      lastRotated: isoZ(client.created),
      deleteOnExpiration: client.deleteOnExpiration,
      disabled: false,
      scopes: client.scopes,
      expandedScopes: expand(client.scopes),
    });
  });
}

/** Adds the scopes of every role an `assume:` scope grants, until nothing new appears. */
export function expand(scopes: string[]): string[] {
  let out = scopeUtils.scopeUnion([...scopes], []);
  for (let round = 0; round < 5; round++) {
    const added: string[] = [];
    for (const [roleId, roleScopes] of Object.entries(ROLES)) {
      if (out.some((s) => grantsRole(s, roleId))) added.push(...roleScopes);
    }
    const next = scopeUtils.scopeUnion(out, added);
    if (next.length === out.length) break;
    out = next;
  }
  return out;
}

function grantsRole(scope: string, roleId: string): boolean {
  if (!scope.startsWith('assume:')) return scope === '*';
  const wanted = scope.slice('assume:'.length);
  if (roleId.endsWith('*')) return wanted.startsWith(roleId.slice(0, -1)) || scopeUtils.patternMatch(wanted, roleId);
  return scopeUtils.patternMatch(wanted, roleId);
}
