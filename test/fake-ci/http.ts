import type { IncomingMessage } from 'node:http';

/** What a handler returns; the server writes it (after faults had their say). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless a fault mangles it. */
  json?: unknown;
  text?: string;
  body?: Buffer;
}

export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, json: data, headers };
}

export function text(body: string, contentType = 'text/plain; charset=utf-8', status = 200): Reply {
  return { status, text: body, headers: { 'Content-Type': contentType } };
}

export function redirect(location: string, status = 303): Reply {
  return { status, headers: { Location: location }, text: '' };
}

/** Django REST framework's 404 body, as Treeherder sends it. */
export function thNotFound(detail = 'Not found.'): Reply {
  return json({ detail }, 404);
}

export function thBadRequest(detail: string): Reply {
  return json({ detail }, 400);
}

const MAX_BODY = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(json({ detail: 'request body too large' }, 413)));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Integer query parameter with a default and bounds. */
export function intParam(
  q: URLSearchParams,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new HttpError(thBadRequest(`${name} must be a number`));
  return Math.max(min, Math.min(max, Math.floor(n)));
}

/** Comma-separated integer list parameter (`id__in=1,2,3`). */
export function intListParam(q: URLSearchParams, name: string): number[] | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  return raw
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n));
}
