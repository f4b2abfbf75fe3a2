/**
 * HTTP failures as one error type with a sentence a sheriff can act on (`userMessage`), worded in
 * one place. Taskcluster error bodies `{code, message, requestInfo}` are read for the reason.
 */
import { SchemaDriftError, type DataSource } from '../ci/drift';

export type HttpErrorKind = 'http' | 'network' | 'timeout';

export interface HttpErrorDetails {
  kind: HttpErrorKind;
  method: string;
  url: string;
  source: DataSource;
  /** Noun phrase for what was requested, e.g. "task abc…" or "the jobs of push 123". */
  what: string;
  /** How many attempts were made. */
  tries: number;
  status?: number;
  /** The server's own explanation, when it sent one (Taskcluster: the text before `----`). */
  serverMessage?: string;
  /** Taskcluster error code, e.g. `InsufficientScopes`. */
  serverCode?: string;
  /** The scope this call needs, when the caller knows it (used for 403 wording). */
  requiredScope?: string;
  /** Network errors only: the error proves the request never reached the server (refused, DNS). */
  notSent?: boolean;
  cause?: unknown;
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly kind: HttpErrorKind;
  readonly status: number | undefined;
  readonly method: string;
  readonly url: string;
  readonly source: DataSource;
  readonly what: string;
  readonly tries: number;
  readonly serverMessage: string | undefined;
  readonly serverCode: string | undefined;
  /** True only when the request provably never reached the server (see `provablyNotSent`). */
  readonly notSent: boolean;
  /** A complete sentence for the user. */
  readonly userMessage: string;
  /** The same sentence without the server's own text (which may name the client), for the Treeherder page. */
  readonly briefMessage: string;

  constructor(details: HttpErrorDetails) {
    const userMessage = describeHttpFailure(details);
    super(`${details.method} ${details.url} failed: ${userMessage}`, { cause: details.cause });
    this.kind = details.kind;
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.source = details.source;
    this.what = details.what;
    this.tries = details.tries;
    this.serverMessage = details.serverMessage;
    this.serverCode = details.serverCode;
    this.notSent = details.notSent ?? false;
    this.userMessage = userMessage;
    this.briefMessage = describeHttpFailure({ ...details, serverMessage: undefined });
  }
}

/**
 * Codes (Node's fetch puts them on `cause`) that prove a request never reached the server: the connection
 * was refused, the name did not resolve, or the connection was never set up. A browser's fetch says only
 * "Failed to fetch", which proves nothing.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'UND_ERR_CONNECT_TIMEOUT']);

export function provablyNotSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
    if (current instanceof HttpError) return current.notSent;
    current = current.cause;
  }
  return false;
}

/**
 * Whether the server may have carried out a request that failed: false only for a definite refusal (a
 * 4xx other than 408) or a request that provably never left. A timeout, a 5xx, a dropped connection or a
 * 2xx whose body cannot be read leave the outcome unknown.
 */
export function mayHaveActed(error: unknown): boolean {
  if (error instanceof HttpError) {
    if (error.kind === 'network') return !error.notSent;
    if (error.kind === 'timeout') return true;
    const status = error.status ?? 0;
    return status >= 500 || status === 408 || status === 0;
  }
  return !provablyNotSent(error);
}

export function isNotFound(error: unknown): error is HttpError {
  return error instanceof HttpError && error.status === 404;
}

const SERVICE_NAMES: Record<DataSource, string> = {
  treeherder: 'Treeherder',
  taskcluster: 'Taskcluster',
  pushlog: 'The hg pushlog',
  perfherder: 'Perfherder',
  message: 'The extension',
};

function describeHttpFailure(d: HttpErrorDetails): string {
  const service = SERVICE_NAMES[d.source];
  const host = hostOf(d.url);
  const reason = d.serverMessage ? ` The server said: "${d.serverMessage}"` : '';
  if (d.kind === 'network') {
    return `Could not reach ${host} to load ${d.what}: the network request failed${plural(d.tries)}. Check your connection or try again later.`;
  }
  if (d.kind === 'timeout') {
    return `${host} did not answer in time for ${d.what}${plural(d.tries)}. Try again later.`;
  }
  const status = d.status ?? 0;
  if (status === 401) {
    return d.source === 'taskcluster'
      ? `Taskcluster did not accept your sign-in for ${d.what} (HTTP 401): sign in to Taskcluster again.${reason}`
      : `${service} needs you to sign in for ${d.what} (HTTP 401).${reason}`;
  }
  if (status === 403) {
    if (d.source === 'taskcluster') {
      const scope = d.requiredScope ? ` is missing the scope ${d.requiredScope}` : ' lacks a scope this call needs';
      return `Taskcluster refused ${d.what} (HTTP 403): your Taskcluster sign-in${scope}. Sign in again with that scope, or ask for it.${reason}`;
    }
    return `${service} refused ${d.what} (HTTP 403): sign in to ${service}, or the request was blocked (e.g. by its User-Agent rules).${reason}`;
  }
  if (status === 404) return `Not found: ${service} could not find ${d.what} (HTTP 404).${reason}`;
  if (status === 429) {
    return `${service} is rate-limiting requests (HTTP 429) and still refused ${d.what}${plural(d.tries)}. Wait a minute and try again.`;
  }
  if (status >= 500) {
    return `${service} had a server error (HTTP ${status}) loading ${d.what}${plural(d.tries)}. Try again later.${reason}`;
  }
  return `${service} rejected the request for ${d.what} (HTTP ${status}).${reason}`;
}

function plural(tries: number): string {
  return tries > 1 ? `, even after ${tries} tries` : '';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Extracts the server's explanation from an error body. Taskcluster: `message` up to the dashed
 * separator line (`---`/`----`) (the rest is request details). Treeherder/DRF: `detail`, or a bare JSON string.
 */
export function readServerMessage(bodyText: string): { message?: string; code?: string } {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    const text = bodyText.trim();
    return text && !text.startsWith('<') ? { message: clip(text) } : {};
  }
  if (typeof body === 'string') return { message: clip(body) };
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const code = typeof record.code === 'string' ? record.code : undefined;
    for (const key of ['message', 'detail', 'error']) {
      const value = record[key];
      if (typeof value === 'string') {
        // Taskcluster appends request details after a line of dashes (`---` in lib-api, `----` in older replies).
        const beforeSeparator = value.split(/^-{3,}\s*$/m)[0] ?? value;
        return { message: clip(beforeSeparator.trim()), code };
      }
    }
    return { code };
  }
  return {};
}

function clip(text: string): string {
  const oneSpace = text.replace(/\s+/g, ' ').trim();
  return oneSpace.length > 400 ? `${oneSpace.slice(0, 397)}...` : oneSpace;
}

/** The sentence to show for any error thrown by the data layer. */
export function userMessageFor(error: unknown): string {
  if (error instanceof HttpError) return error.userMessage;
  if (error instanceof SchemaDriftError) {
    return `${error.message}. The extension needs an update for this change.`;
  }
  if (error instanceof Error && error.name === 'AbortError') return 'The request was cancelled.';
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}
