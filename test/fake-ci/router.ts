import type { IncomingMessage } from 'node:http';
import { HttpError, readBody, type Reply } from './http';

/** `api` routes get faults injected; `fake` (introspection) and `page` routes never do. */
export type RouteKind = 'api' | 'fake' | 'page';

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  /** Origin as the client reached us, e.g. http://127.0.0.1:4321; used in every URL we hand out. */
  origin: string;
  /** Capture groups of the route pattern, URI-decoded. */
  params: string[];
  query: URLSearchParams;
  body(): Promise<string>;
  jsonBody(): Promise<unknown>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  kind: RouteKind;
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  get(pattern: RegExp, handler: Handler, kind: RouteKind = 'api'): this {
    this.routes.push({ method: 'GET', pattern, kind, handler });
    return this;
  }

  post(pattern: RegExp, handler: Handler, kind: RouteKind = 'api'): this {
    this.routes.push({ method: 'POST', pattern, kind, handler });
    return this;
  }

  /** The route for this request, or the list of methods the path allows (for 405). */
  match(method: string, pathname: string): { route: Route; params: string[] } | { allowed: string[] } {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        return { route, params: m.slice(1).map((p) => safeDecode(p ?? '')) };
      }
      allowed.push(route.method);
    }
    return { allowed };
  }
}

export function makeContext(req: IncomingMessage, url: URL, origin: string, params: string[]): RequestContext {
  let cached: Promise<string> | undefined;
  const body = (): Promise<string> => (cached ??= readBody(req));
  return {
    req,
    url,
    origin,
    params,
    query: url.searchParams,
    body,
    async jsonBody() {
      const raw = await body();
      if (!raw.trim()) return {};
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw new HttpError({
          status: 400,
          json: { code: 'MalformedPayload', message: 'Request body is not valid JSON' },
        });
      }
    },
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
