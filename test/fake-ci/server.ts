import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { App } from './app';
import type { FaultConfig } from './faults';
import { afterActing, serverDateHeader, writeLate, type AfterActingConfig } from './faults-after-acting';
import { HttpError, type Reply } from './http';
import type { ApiRequestRecord, FakeState } from './introspection';
import type { NetworkModel } from './network-model';
import { makeContext, type Router } from './router';
import { buildRoutes } from './routes';
import type { RegisteredOAuthClient } from './oauth-clients';
import type { ScaleOverrides } from './scenario/spec';
import type { ScenarioTruth } from './scenario/truth';
import { tcError } from './taskcluster/errors';
import { landPush, stateSnapshot } from './fake-api';
import { type JobsPageUi, missingBuildSentence, treeherderUiBuild } from './treeherder-ui';

export type { FaultConfig } from './faults';
export type { FakeState } from './introspection';
export type { ScenarioTruth } from './scenario/truth';
export type { JobsPageUi } from './treeherder-ui';
export type { RegisteredOAuthClient } from './oauth-clients';

export interface FakeCiOptions extends ScaleOverrides {
  /** Scenario name (test/fake-ci/scenarios/<name>.json); default `default`. */
  scenario?: string;
  /** 0 = random free port. */
  port?: number;
  /** Poll interval of the jobs page (Treeherder: 60 000). */
  pollIntervalMs?: number;
  /** Simulated time runs this many times faster than the wall clock (0 = only advance() moves it). Default 1. */
  timeScale?: number;
  /** Fixes the simulated "now" at start (epoch ms); default: the wall clock rounded to the minute. */
  epochMs?: number;
  /** Without `epochMs`: the server's clock (tasks it stamps, its Date header) is this far ahead (+) or behind (−) the wall clock. */
  clockSkewMs?: number;
  faults?: Partial<FaultConfig>;
  /**
   * The jobs page: `model` (default) is the fake's own model of Treeherder (fast polling, scale knobs);
   * `treeherder` serves Treeherder's real build from ../shared/treeherder-ui/build (start fails with a
   * sentence when it is absent). Its page routes are the SPA's; the API is the same either way.
   */
  ui?: JobsPageUi;
  /** Faults in which a hook trigger acts, then fails (faults-after-acting.ts). */
  afterActing?: Partial<AfterActingConfig>;
  /** Latency, bandwidth and stored encodings of production (network-model.ts); none by default. */
  network?: NetworkModel;
}

export interface FakeCi {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Which jobs page `/jobs` serves. */
  ui: JobsPageUi;
  port: number;
  close(): Promise<void>;
  setFaults(f: Partial<FaultConfig>): void;
  /** Hook triggers that act, then answer 5xx, late or cut off (faults-after-acting.ts). */
  setAfterActingFaults(f: Partial<AfterActingConfig>): void;
  /** What was done to each hook trigger answer so far. */
  afterActingLog(): ReadonlyArray<{ path: string; fault: 'none' | 'error' | 'late' | 'malformed' }>;
  state(): FakeState;
  /** Truth of the scenario as generated (a reset regenerates the same truth). */
  readonly truth: ScenarioTruth;
  /** Moves simulated time forward. */
  advance(ms: number): void;
  /** Simulated now (epoch ms). */
  now(): number;
  /** A client holding `hooks:trigger-hook:project-gecko/in-tree-action-*`. */
  credentials: { clientId: string; accessToken: string };
  /** Registers another client (e.g. one lacking scopes, or already expired). */
  createClient(
    scopes: string[],
    opts?: { clientId?: string; expires?: Date },
  ): { clientId: string; accessToken: string };
  /** Forgets every trigger and regenerates the scenario. */
  reset(): void;
  /** Registers (or replaces) a third-party OAuth2 client, as a deployment's configuration does. */
  registerOAuthClient(client: RegisteredOAuthClient): void;
  /** Signs a user in to the Taskcluster web UI; returns the `Cookie` header value of that session. */
  taskclusterSession(): string;
  /** Lands a new push on the scenario's repository now (the jobs page shows it at the top on its next poll). */
  landPush(): { id: number; revision: string; pushlogId: number; decisionTaskId: string };
}

export async function startFakeCi(opts: FakeCiOptions = {}): Promise<FakeCi> {
  const app = new App({
    scenario: opts.scenario ?? 'default',
    overrides: pickOverrides(opts),
    pollIntervalMs: opts.pollIntervalMs ?? 60_000,
    timeScale: opts.timeScale ?? 1,
    faults: opts.faults ?? {},
    ...(opts.epochMs !== undefined
      ? { epochMs: opts.epochMs }
      : opts.clockSkewMs
        ? { epochMs: Date.now() + opts.clockSkewMs }
        : {}),
  });
  const ui = opts.ui ?? 'model';
  let uiBuild: string | undefined;
  if (ui === 'treeherder') {
    uiBuild = treeherderUiBuild();
    if (!uiBuild) throw new Error(missingBuildSentence());
  }
  if (opts.afterActing) afterActing(app).set(opts.afterActing);
  const router = buildRoutes(app, uiBuild);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    opts.network?.shape(req, res);
    void handle(app, router, req, res, opts.network);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const sheriff = app.clients.sheriff;

  return {
    url,
    ui,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
    setFaults: (f) => void app.faults.set(f),
    setAfterActingFaults: (f) => void afterActing(app).set(f),
    afterActingLog: () => [...afterActing(app).applied],
    state: () => stateSnapshot(app),
    get truth() {
      return app.scenario.truth;
    },
    advance: (ms) => app.world.clock.advance(ms),
    now: () => app.now(),
    credentials: { clientId: sheriff.clientId, accessToken: sheriff.accessToken },
    createClient: (scopes, o = {}) => {
      const c = app.clients.add({
        scopes,
        ...(o.clientId ? { clientId: o.clientId } : {}),
        ...(o.expires ? { expires: o.expires.getTime() } : {}),
      });
      return { clientId: c.clientId, accessToken: c.accessToken };
    },
    reset: () => app.reset(),
    registerOAuthClient: (client) => app.oauth.register(client),
    taskclusterSession: () => app.oauth.signIn(),
    landPush: () => landPush(app),
  };
}

function pickOverrides(o: FakeCiOptions): ScaleOverrides {
  const out: ScaleOverrides = {};
  if (o.seed !== undefined) out.seed = o.seed;
  if (o.pushes !== undefined) out.pushes = o.pushes;
  if (o.jobsPerPush !== undefined) out.jobsPerPush = o.jobsPerPush;
  if (o.platforms !== undefined) out.platforms = o.platforms;
  return out;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Cache-Control, X-Requested-With',
  'Access-Control-Expose-Headers': 'Location, Content-Length',
  'Access-Control-Max-Age': '900',
};

async function handle(
  app: App,
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  network?: NetworkModel,
): Promise<void> {
  const host = req.headers.host ?? '127.0.0.1';
  const origin = `http://${host}`;
  const url = new URL(req.url ?? '/', origin);
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204, CORS).end();
    return;
  }
  const match = router.match(method, url.pathname);
  if (!('route' in match)) {
    const reply: Reply = match.allowed.length
      ? {
          status: 405,
          json: { detail: `Method "${method}" not allowed.` },
          headers: { Allow: match.allowed.join(', ') },
        }
      : notFound(url.pathname);
    write(req, res, reply);
    return;
  }
  // The server's clock, as Taskcluster's Date header tells it (faults-after-acting.ts).
  res.setHeader('Date', serverDateHeader(app));
  const { route, params } = match;
  const ctx = makeContext(req, url, origin, params);
  const isApi = route.kind === 'api';
  const faultKey = `${method} ${url.pathname}${url.search}`;
  if (isApi) {
    const header = (name: string): string | null =>
      typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null;
    const record: ApiRequestRecord = {
      method,
      path: url.pathname,
      query: url.search.slice(1),
      referer: header('referer'),
      origin: header('origin'),
      durationMs: null,
    };
    app.log.apiRequests.push(record);
    const started = performance.now();
    res.once('finish', () => (record.durationMs = Math.round((performance.now() - started) * 10) / 10));
  }
  try {
    if (isApi) {
      const latency = app.faults.config.latencyMs;
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      const decision = app.faults.before(faultKey);
      if (decision.kind === 'hang') return; // never answered; close() destroys the socket
      if (decision.kind === 'error') {
        write(req, res, serverError(url.pathname, decision.status));
        return;
      }
    }
    app.settle(); // action callbacks due by now run before anything is read
    let reply = await route.handler(ctx);
    if (network) reply = network.encode(url.pathname, reply);
    if (isApi) reply = app.faults.after(faultKey, reply);
    if (isApi) {
      const acted = afterActing(app).apply(method, url.pathname, reply);
      if (acted.kind === 'late') return writeLate(res, acted.delayMs, () => write(req, res, acted.reply));
      reply = acted.reply;
    }
    write(req, res, reply);
  } catch (err) {
    if (err instanceof HttpError) write(req, res, err.reply);
    else {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`[fake-ci] ${method} ${url.pathname}: ${message}`);
      write(req, res, {
        status: 500,
        json: { detail: `fake CI error: ${err instanceof Error ? err.message : String(err)}` },
      });
    }
  }
}

function notFound(pathname: string): Reply {
  if (isTaskcluster(pathname)) return tcError(null, 404, 'ResourceNotFound', `No such route: ${pathname}`, 'unknown');
  return { status: 404, json: { detail: 'Not found.' } };
}

function serverError(pathname: string, status: number): Reply {
  if (isTaskcluster(pathname)) {
    return tcError(null, status, 'InternalServerError', 'Internal Server Error (injected by the fake CI)', 'unknown');
  }
  return { status, text: `<h1>Server Error (${status})</h1>`, headers: { 'Content-Type': 'text/html' } };
}

function isTaskcluster(pathname: string): boolean {
  return /^\/api\/(queue|index|auth|hooks)\/v1\//.test(pathname);
}

function write(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...CORS, ...(reply.headers ?? {}) };
  let body: Buffer;
  if (reply.body) body = reply.body;
  else if (reply.text !== undefined) body = Buffer.from(reply.text, 'utf8');
  else if (reply.json !== undefined) {
    body = Buffer.from(JSON.stringify(reply.json), 'utf8');
    headers['Content-Type'] ??= 'application/json';
  } else body = Buffer.alloc(0);
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (
    body.length > 1024 &&
    /\bgzip\b/.test(accepts) &&
    !headers['Content-Encoding'] &&
    isTextual(headers['Content-Type'])
  ) {
    body = gzipSync(body);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(reply.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function isTextual(contentType: string | undefined): boolean {
  return !!contentType && /json|text|yaml|javascript|css/.test(contentType);
}
