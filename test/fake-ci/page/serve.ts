import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../app';
import { text, type Reply } from '../http';
import type { Router } from '../router';
import { pageHtml } from './html';

const here = dirname(fileURLToPath(import.meta.url));
let bundle: Promise<string> | undefined;

/** The page script, bundled once per process with esbuild on first request (keeps server start fast). */
function pageBundle(): Promise<string> {
  bundle ??= import('esbuild').then(async (esbuild) => {
    const result = await esbuild.build({
      entryPoints: [join(here, 'app', 'main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
      legalComments: 'none',
      logLevel: 'silent',
    });
    return result.outputFiles[0]?.text ?? '';
  });
  return bundle;
}

/** `/jobs?repo=<repo>` and its assets. */
export function registerPageRoutes(router: Router, app: App): void {
  router.get(
    /^\/(?:jobs)?\/?$/,
    (ctx) => {
      if (ctx.url.pathname === '/' && !ctx.query.has('repo')) {
        return { status: 302, headers: { Location: `/jobs?repo=${app.scenario.spec.repo}` }, text: '' };
      }
      return text(
        pageHtml({
          scenario: app.scenario.name,
          pollIntervalMs: app.options.pollIntervalMs,
          defaultRepo: app.scenario.spec.repo,
        }),
        'text/html; charset=utf-8',
      );
    },
    'page',
  );
  router.get(
    /^\/fake-page\/app\.js$/,
    async (): Promise<Reply> => {
      try {
        return text(await pageBundle(), 'text/javascript; charset=utf-8');
      } catch (err) {
        bundle = undefined;
        return text(`console.error(${JSON.stringify(String(err))});`, 'text/javascript; charset=utf-8', 500);
      }
    },
    'page',
  );
  router.get(
    /^\/fake-page\/styles\.css$/,
    () => text(readFileSync(join(here, 'styles.css'), 'utf8'), 'text/css; charset=utf-8'),
    'page',
  );
  router.get(
    /^\/(?:logviewer|taskcluster-auth)\/?$/,
    (ctx) =>
      text(
        `<!doctype html><title>${ctx.url.pathname.slice(1)}</title><pre>${escapeHtml(ctx.url.search)}</pre>`,
        'text/html; charset=utf-8',
      ),
    'page',
  );
}

/** Builds the bundle now (tests call this so the first page request is not slow). */
export function warmPageBundle(): Promise<string> {
  return pageBundle();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
