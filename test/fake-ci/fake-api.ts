import type { App } from './app';
import { isoZ } from './clock';
import type { FaultConfig } from './faults';
import { json, type Reply } from './http';
import type { FakeState, PageEventRecord } from './introspection';
import type { RegisteredOAuthClient } from './oauth-clients';
import type { Router } from './router';

/** `/__fake/*`: introspection and control for tests and the demo. Never subject to faults. */
export function registerFakeRoutes(router: Router, app: App): void {
  router.get(/^\/__fake\/?$/, (ctx) => json(urls(app, ctx.origin)), 'fake');
  router.get(/^\/__fake\/state\/?$/, () => json(stateSnapshot(app)), 'fake');
  router.get(/^\/__fake\/truth\/?$/, () => json(app.scenario.truth), 'fake');
  router.post(
    /^\/__fake\/reset\/?$/,
    () => {
      app.reset();
      return json({ ok: true, simNow: isoZ(app.now()) });
    },
    'fake',
  );
  router.get(/^\/__fake\/faults\/?$/, () => json(app.faults.config), 'fake');
  router.post(
    /^\/__fake\/faults\/?$/,
    async (ctx) => {
      const body = (await ctx.jsonBody()) as Partial<FaultConfig>;
      try {
        return json(app.faults.set(body));
      } catch (err) {
        return json({ error: err instanceof Error ? err.message : String(err) }, 400);
      }
    },
    'fake',
  );
  router.post(
    /^\/__fake\/advance\/?$/,
    async (ctx) => {
      const fromQuery = ctx.query.get('ms');
      const body = fromQuery === null ? ((await ctx.jsonBody()) as { ms?: unknown }) : {};
      const ms = Number(fromQuery ?? body.ms);
      if (!Number.isFinite(ms) || ms < 0) return json({ error: 'ms must be a non-negative number' }, 400);
      app.world.clock.advance(ms);
      return json({ simNow: isoZ(app.now()) });
    },
    'fake',
  );
  router.post(
    /^\/__fake\/clients\/?$/,
    async (ctx) => {
      const body = (await ctx.jsonBody()) as { scopes?: unknown; clientId?: unknown; expiresInMs?: unknown };
      if (!Array.isArray(body.scopes) || !body.scopes.every((s) => typeof s === 'string'))
        return json({ error: 'scopes must be an array of strings' }, 400);
      const client = app.clients.add({
        scopes: body.scopes as string[],
        ...(typeof body.clientId === 'string' ? { clientId: body.clientId } : {}),
        ...(typeof body.expiresInMs === 'number' ? { expires: Date.now() + body.expiresInMs } : {}),
      });
      return json({ clientId: client.clientId, accessToken: client.accessToken, expires: isoZ(client.expires) });
    },
    'fake',
  );
  router.post(
    /^\/__fake\/oauth-clients\/?$/,
    async (ctx) => {
      const body = (await ctx.jsonBody()) as Partial<RegisteredOAuthClient>;
      if (typeof body.clientId !== 'string' || !Array.isArray(body.redirectUri) || !Array.isArray(body.scope))
        return json({ error: 'clientId, scope[] and redirectUri[] are required' }, 400);
      app.oauth.register({
        clientId: body.clientId,
        responseType: body.responseType === 'token' ? 'token' : 'code',
        scope: body.scope.map(String),
        redirectUri: body.redirectUri.map(String),
        whitelisted: body.whitelisted ?? true,
        maxExpires: body.maxExpires ?? '3 days',
      });
      return json({ ok: true });
    },
    'fake',
  );
  router.post(/^\/__fake\/push\/?$/, () => json(landPush(app)), 'fake');
  router.post(/^\/__fake\/page-event\/?$/, async (ctx) => pageEvent(app, await ctx.jsonBody()), 'fake');
}

export function landPush(app: App): { id: number; revision: string; pushlogId: number; decisionTaskId: string } {
  const push = app.scenario.landPush();
  app.log.landedPushes.push(push.id);
  return { id: push.id, revision: push.revision, pushlogId: push.pushlogId, decisionTaskId: push.decisionTaskId };
}

export function stateSnapshot(app: App): FakeState {
  app.settle();
  return {
    scenario: app.scenario.name,
    seed: app.scenario.spec.seed,
    simNow: isoZ(app.now()),
    timeScale: app.world.clock.scale,
    faults: app.faults.config,
    hookTriggers: app.log.hookTriggers,
    actionHookFires: app.log.actionHookFires,
    tasksCreated: app.log.tasksCreated,
    pageEvents: app.log.pageEvents,
    shortcutRetriggers: app.log.pageEvents.filter((e) => e.kind === 'keyboard-retrigger'),
    oauthClientsIssued: app.log.oauthClientsIssued,
    landedPushes: app.log.landedPushes,
    apiRequests: app.log.apiRequests,
  };
}

function pageEvent(app: App, body: unknown): Reply {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (k: string): string | null => (typeof b[k] === 'string' ? (b[k] as string) : null);
  const record: PageEventRecord = {
    at: new Date().toISOString(),
    kind: str('kind') ?? 'unknown',
    jobId: typeof b['jobId'] === 'number' ? b['jobId'] : null,
    taskId: str('taskId'),
    target: str('target'),
    key: str('key'),
    url: str('url'),
  };
  app.log.pageEvents.push(record);
  return json({ ok: true });
}

export function urls(app: App, origin: string): Record<string, string> {
  const repo = app.scenario.spec.repo;
  const path = app.world.repo(repo)?.info.path ?? repo;
  return {
    jobsPage: `${origin}/jobs?repo=${repo}`,
    treeherderApi: `${origin}/api/`,
    taskclusterRootUrl: origin,
    pushlog: `${origin}/${path}/json-pushes?version=2`,
    state: `${origin}/__fake/state`,
    truth: `${origin}/__fake/truth`,
  };
}
