/**
 * The one HTTP layer (docs/design.md, decision 2): ky for timeouts and retries, p-limit for per-host
 * concurrency, plus de-duplication of identical GETs in flight, a TTL cache for immutable data,
 * identification of the extension, and errors worded for people. `fetch`, the clock, sleep and
 * randomness are injectable so tests are fast and deterministic.
 */
import ky, { HTTPError, isForceRetryError, TimeoutError, type Options as KyOptions } from 'ky';
import { parseOrDrift, SchemaDriftError, type DataSource } from '../ci/drift';
import type { z } from 'zod';
import { DEFAULT_BACKOFF, isRetryableStatus, parseRetryAfterMs, retryDelayMs, type BackoffPolicy } from './backoff';
import { HttpError, provablyNotSent, readServerMessage } from './errors';
import { HostLimiter } from './host-limiter';
import { ServerClock } from './server-clock';
import { TtlCache } from './ttl-cache';
import { EXTENSION_IDENTITY, identityHeaders, type ClientIdentity, type Runtime } from './identity';

export type FetchFunction = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** Defaults to the global fetch. */
  fetch?: FetchFunction;
  /** Per attempt, until response headers arrive. Default 30 s. */
  timeoutMs?: number;
  /** Attempts per request, the first included. Default 3. */
  maxTries?: number;
  backoff?: Partial<BackoffPolicy>;
  /**
   * Requests running at once against one host. Default 6 (a browser's per-host connection count).
   * A request keeps its slot through its retries, so a failing host is not hammered. A function gives each
   * host its own limit (host-budget.ts).
   */
  perHostConcurrency?: number | ((host: string) => number);
  /** Waits between retries. Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch; drives the cache and Retry-After. Default Date.now. */
  now?: () => number;
  /** [0, 1) for backoff jitter. Default Math.random. */
  random?: () => number;
  /** Who we are, sent where the runtime allows (see identity.ts). Default EXTENSION_IDENTITY; `false` sends nothing. */
  identity?: ClientIdentity | false;
  /** Default: detected. */
  runtime?: Runtime;
  /** Bound of the TTL cache. Default 300 entries. */
  cacheMaxEntries?: number;
}

/** What a request is for: used in drift errors (source, endpoint) and user messages (what). */
export interface RequestDescription {
  source: DataSource;
  /** Endpoint template for drift errors, e.g. `/api/jobs/`. */
  endpoint: string;
  /** Noun phrase for user messages, e.g. `the jobs of push 1234`. */
  what: string;
}

export interface RequestOptions extends RequestDescription {
  /** Cache the validated result this long. Only for immutable data. */
  cacheTtlMs?: number;
  /** Defaults to the URL. */
  cacheKey?: string;
  /** Overrides the client's attempts; 1 disables retries. */
  maxTries?: number;
  /**
   * Safe to send twice. GETs are; a POST is only when the caller says so (a bulk read such as task
   * statuses). Any other POST may have acted once it reached the server, so it is repeated only after an
   * error that proves it never left (connection refused, DNS failure), and an unreadable answer is not
   * retried either.
   */
  idempotent?: boolean;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Returns an Authorization header for each attempt (fresh nonce per try). */
  authorize?: (request: SignableRequest) => Promise<string>;
  /** Scope the call needs; named in the 403 message. */
  requiredScope?: string;
  signal?: AbortSignal;
}

export interface SignableRequest {
  method: string;
  url: string;
  /** The exact body text sent, if any. */
  body?: string;
  contentType?: string;
}

export interface HttpClient {
  /** GET a JSON resource and validate it. */
  getJson<S extends z.ZodType>(url: string, schema: S, options: RequestOptions): Promise<z.output<S>>;
  /** POST a JSON body and validate the JSON answer. */
  postJson<S extends z.ZodType>(url: string, body: unknown, schema: S, options: RequestOptions): Promise<z.output<S>>;
  /** Drops cached entries (all, or one key). */
  clearCache(key?: string): void;
  /** Server time minus local time (ms) for the host of `url`, from the `Date` of its latest answer. */
  serverClockOffsetMs(url: string): number | undefined;
}

const JSON_CONTENT_TYPE = 'application/json';

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const baseFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const defaultMaxTries = options.maxTries ?? 3;
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const limiter = new HostLimiter(options.perHostConcurrency ?? 6);
  const cache = new TtlCache<unknown>(options.cacheMaxEntries ?? 300, now);
  const inFlight = new Map<string, Promise<unknown>>();
  const serverClock = new ServerClock();
  const identity = options.identity === false ? undefined : (options.identity ?? EXTENSION_IDENTITY);
  const runtime = options.runtime;

  /** One logical request (with its retries) → the response body parsed as JSON. */
  async function sendForJson(method: 'GET' | 'POST', url: string, body: string | undefined, request: RequestOptions) {
    const maxTries = Math.max(1, request.maxTries ?? defaultMaxTries);
    const idempotent = request.idempotent ?? method === 'GET';
    let tries = 0;
    /** A 2xx whose body was not JSON, on a request that must not be repeated to read it again. */
    let unreadable = false;
    const headers: Record<string, string> = {
      accept: JSON_CONTENT_TYPE,
      ...(identity ? identityHeaders(identity, url, runtime) : {}),
      ...request.headers,
    };
    if (body !== undefined) headers['content-type'] = JSON_CONTENT_TYPE;
    const { authorize } = request;
    /** The body of the last successful try, parsed while ky could still retry it. */
    let parsedBody: { value: unknown } | undefined;

    const kyOptions: KyOptions = {
      method,
      headers,
      body,
      timeout: request.timeoutMs ?? timeoutMs,
      throwHttpErrors: true,
      signal: request.signal,
      fetch: (input, init) => {
        tries += 1;
        return baseFetch(input, init);
      },
      retry: {
        limit: maxTries - 1,
        methods: ['get', 'post'],
        // ky's own wait is zeroed; beforeRetry sleeps with the injected clock instead.
        delay: () => 0,
        shouldRetry: ({ error }) => shouldRetry(error, request.signal, idempotent),
      },
      hooks: {
        beforeRequest: authorize
          ? [
              async (kyRequest) => {
                // Runs before every try, so each attempt gets a fresh Hawk timestamp and nonce.
                const authorization = await authorize({
                  method,
                  url: kyRequest.url,
                  body,
                  contentType: body === undefined ? undefined : JSON_CONTENT_TYPE,
                });
                kyRequest.headers.set('authorization', authorization);
              },
            ]
          : [],
        afterResponse: [
          // A 200 whose body is cut off or not JSON is usually transient (a dropped connection, a proxy
          // page), so it is retried within the same try budget; only a persistent one counts as drift.
          async (_kyRequest, _options, response) => {
            serverClock.observe(url, response.headers.get('date'), now());
            if (!response.ok) return undefined;
            const text = await response.text();
            try {
              parsedBody = { value: text === '' ? undefined : (JSON.parse(text) as unknown) };
              return undefined;
            } catch {
              parsedBody = undefined;
              // The server acted and answered; asking again would act again.
              if (!idempotent) {
                unreadable = true;
                return undefined;
              }
              return ky.retry();
            }
          },
        ],
        beforeRetry: [
          async ({ error, retryCount }) => {
            let retryAfterMs: number | undefined;
            if (error instanceof HTTPError) {
              retryAfterMs = parseRetryAfterMs(error.response.headers.get('retry-after'), now());
              void error.response.body?.cancel().catch(() => undefined); // free the connection
            }
            await sleep(retryDelayMs(retryCount, backoff, random, retryAfterMs));
          },
        ],
      },
    };

    return limiter.run(url, async () => {
      try {
        const response = await ky(url, kyOptions);
        void response.body?.cancel().catch(() => undefined); // already read (as a clone) in afterResponse
      } catch (error) {
        if (isForceRetryError(error)) {
          throw new SchemaDriftError(
            request.source,
            request.endpoint,
            '',
            `is not valid JSON (after ${tries} ${tries === 1 ? 'try' : 'tries'})`,
          );
        }
        // Nothing was sent (e.g. signing failed before the first try): not a network failure.
        if (tries === 0) throw error;
        throw await toHttpError(error, method, url, tries, request);
      }
      if (unreadable) {
        throw new SchemaDriftError(
          request.source,
          request.endpoint,
          '',
          `is not valid JSON (after ${tries} ${tries === 1 ? 'try' : 'tries'})`,
        );
      }
      if (!parsedBody) throw new SchemaDriftError(request.source, request.endpoint, '', 'could not be read');
      return parsedBody.value;
    });
  }

  function cached<T>(key: string | undefined): { hit: true; value: T } | { hit: false } {
    if (key === undefined) return { hit: false };
    const value = cache.get(key);
    return value === undefined ? { hit: false } : { hit: true, value: value as T };
  }

  return {
    async getJson(url, schema, request) {
      const cacheKey = request.cacheTtlMs ? (request.cacheKey ?? url) : undefined;
      const hit = cached<z.output<typeof schema>>(cacheKey);
      if (hit.hit) return hit.value;

      // Identical anonymous GETs share one network request; each caller validates its own copy.
      const shareable = !request.authorize && !request.headers && !request.signal;
      let raw: Promise<unknown>;
      const pending = shareable ? inFlight.get(url) : undefined;
      if (pending) raw = pending;
      else {
        raw = sendForJson('GET', url, undefined, request);
        if (shareable) {
          inFlight.set(url, raw);
          const forget = () => inFlight.delete(url);
          raw.then(forget, forget);
        }
      }
      const value = parseOrDrift(schema, await raw, request.source, request.endpoint);
      if (cacheKey !== undefined && request.cacheTtlMs) cache.set(cacheKey, value, request.cacheTtlMs);
      return value;
    },

    async postJson(url, body, schema, request) {
      const raw = await sendForJson('POST', url, JSON.stringify(body), request);
      return parseOrDrift(schema, raw, request.source, request.endpoint);
    },

    clearCache(key) {
      if (key === undefined) cache.clear();
      else cache.delete(key);
    },

    serverClockOffsetMs: (url) => serverClock.offsetMs(url),
  };
}

function describe(request: RequestOptions) {
  return { source: request.source, what: request.what, requiredScope: request.requiredScope };
}

/**
 * Idempotent requests: network errors, timeouts, 5xx and 429 are retried; other 4xx and cancellations are
 * not. Others: only errors proving the request never reached the server.
 */
function shouldRetry(error: Error, signal: AbortSignal | undefined, idempotent: boolean): boolean {
  if (signal?.aborted) return false;
  if (!idempotent) return provablyNotSent(error);
  if (error instanceof HTTPError) return isRetryableStatus(error.response.status);
  if (error instanceof TimeoutError) return true;
  // fetch rejects with TypeError on DNS, connection and TLS failures.
  return error instanceof TypeError;
}

async function toHttpError(
  error: unknown,
  method: string,
  url: string,
  tries: number,
  request: RequestOptions,
): Promise<unknown> {
  if (error instanceof HTTPError) {
    const bodyText = await error.response.text().catch(() => '');
    const server = readServerMessage(bodyText);
    return new HttpError({
      kind: 'http',
      status: error.response.status,
      method,
      url,
      tries,
      serverMessage: server.message,
      serverCode: server.code,
      ...describe(request),
      cause: error,
    });
  }
  if (error instanceof TimeoutError) {
    return new HttpError({ kind: 'timeout', method, url, tries, ...describe(request), cause: error });
  }
  if (request.signal?.aborted) return error; // the caller cancelled; let its AbortError through
  return new HttpError({
    kind: 'network',
    method,
    url,
    tries,
    notSent: provablyNotSent(error),
    ...describe(request),
    cause: error,
  });
}
