import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Reply } from './http';
import type { RequestContext, Router } from './router';

/** Which jobs page the fake CI serves: its own model of Treeherder, or Treeherder's real production build. */
export type JobsPageUi = 'model' | 'treeherder';

/** Where `../shared/treeherder-ui/build` lies, seen from the repository root (two levels above this file). */
export const TREEHERDER_UI_BUILD = resolve(import.meta.dirname, '../../../shared/treeherder-ui/build');

/** The build's folder when it is there (it has an index.html), else undefined. */
export function treeherderUiBuild(dir = TREEHERDER_UI_BUILD): string | undefined {
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** The sentence for a run that asked for the real UI where the build is missing. */
export function missingBuildSentence(dir = TREEHERDER_UI_BUILD): string {
  return `The real Treeherder UI is not available: ${dir} has no index.html (it comes with ../shared/treeherder-ui, see its README).`;
}

/**
 * Treeherder's client-side routes (mozilla/treeherder `ui/App.jsx`: /login, /taskcluster-auth, /jobs/*,
 * /logviewer/*, /userguide/*, /intermittent-failures/*, /perfherder/*, /docs/*, and "*" redirecting to /jobs).
 * The app is a single page: each of these gets index.html and React Router takes over.
 */
const PAGE_ROUTE =
  /^\/(?:|login|taskcluster-auth|jobs|logviewer|userguide|intermittent-failures|perfherder|docs)(?:\/.*)?$/;

/** Static files of the build at the top level or under assets/ and .well-known/ (never outside the build). */
const STATIC_FILE = /^\/(?:assets\/|\.well-known\/)?[\w.-]+$/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * Serves the real Treeherder build as a single-page app on the fake CI's own origin: index.html for the
 * page routes, the build's files for everything else it asks for. Every API call of the build is relative
 * (`/api/...`), so it then reads the fake's Treeherder API. Register after the API routes: they win.
 */
export function registerTreeherderUiRoutes(router: Router, buildDir: string): void {
  // Read and compressed once: the build's scripts are megabytes, and every page load asks for them.
  const files = new Map<string, { raw: Buffer; gzip: Buffer }>();
  const read = (path: string): { raw: Buffer; gzip: Buffer } | undefined => {
    const file = normalize(join(buildDir, path));
    if (!file.startsWith(buildDir + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
    let body = files.get(file);
    if (!body) {
      const raw = readFileSync(file);
      body = { raw, gzip: gzipSync(raw) };
      files.set(file, body);
    }
    return body;
  };
  const serve = (ctx: RequestContext, path: string, cache: string): Reply | undefined => {
    const body = read(path);
    if (!body) return undefined;
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': cache,
    };
    if (!/\bgzip\b/.test(String(ctx.req.headers['accept-encoding'] ?? '')))
      return { status: 200, body: body.raw, headers };
    return { status: 200, body: body.gzip, headers: { ...headers, 'Content-Encoding': 'gzip' } };
  };
  router.get(PAGE_ROUTE, (ctx) => serve(ctx, 'index.html', 'no-cache') ?? notBuilt(buildDir), 'page');
  router.get(
    STATIC_FILE,
    (ctx) =>
      serve(ctx, ctx.url.pathname.slice(1), ctx.url.pathname.startsWith('/assets/') ? 'max-age=3600' : 'no-cache') ?? {
        status: 404,
        text: `${ctx.url.pathname} is not part of the Treeherder build.`,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      },
    'page',
  );
}

function notBuilt(dir: string): Reply {
  return { status: 500, text: missingBuildSentence(dir), headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
}
