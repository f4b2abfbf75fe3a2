/**
 * A production-like network for the fake CI, set per run (the bench; `npm run fake-ci -- --network …`).
 *
 * - Latency per service class, drawn uniformly in mean ± jitter from a seeded generator and counted from
 *   the request's arrival: the handler's own work runs inside that time, so requests overlap as they do
 *   against the real services, which answer in parallel. The fake runs on one Node thread; a response whose
 *   handler finished after its due time is sent at once and counted as `late` (the fake was the bottleneck).
 * - A bandwidth per response (bytes on the wire ÷ bandwidth is added to its latency).
 * - Decision-task JSON artifacts are served gzip-encoded whatever the request's Accept-Encoding, as Taskcluster's
 *   artifact storage serves text artifacts ("usually carry Content-Encoding: gzip", ../shared/reference/
 *   taskcluster.md, artifact URLs), and compressed once, not per request (a stored object).
 * - A log of every response with its bytes on the wire, who asked (the jobs page sends its URL as Referer,
 *   the extension's background sends none) and its times, for byte budgets.
 *
 * Without a model (tests, `npm run fake-ci` without `--network`) the fake answers at once as before.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Reply } from './http';
import { Rng } from './rng';

/** What a request is to: the services differ in where they are and how fast they answer. */
export type ServiceClass =
  | 'treeherder'
  | 'taskcluster'
  | 'taskcluster-redirect'
  | 'artifact'
  | 'hg'
  | 'page'
  | 'control';

export const SERVICE_CLASSES: readonly ServiceClass[] = [
  'treeherder',
  'taskcluster',
  'taskcluster-redirect',
  'artifact',
  'hg',
  'page',
  'control',
];

export interface Latency {
  meanMs: number;
  jitterMs: number;
}

export interface NetworkModelSpec {
  /** Short name shown beside every figure measured under it, e.g. `th150`. */
  name: string;
  latency: Partial<Record<ServiceClass, Latency>>;
  /** Bytes per second per response; null = unlimited. */
  bandwidthBytesPerSec: number | null;
  /** Jitter draws; the same seed gives the same draws in arrival order. */
  seed?: number;
}

export interface NetworkLogEntry {
  service: ServiceClass;
  method: string;
  path: string;
  query: string;
  referer: string | null;
  origin: string | null;
  status: number;
  /** Body bytes on the wire (compressed when sent compressed) plus the header block. */
  bytes: number;
  contentEncoding: string | null;
  /** performance.now() of arrival and of the write; `dueMs` the model's answer time. */
  arrivedAt: number;
  sentAt: number;
  dueMs: number;
  /** The handler finished after the due time, so the fake (not the model) set the time. */
  late: boolean;
}

/** Treeherder's pushlog paths on hg (`/integration/autoland/json-pushes`, `/try/json-automationrelevance/…`). */
const HG_PATH = /\/(json-pushes|json-automationrelevance)\b/;
const TC_API = /^\/api\/(queue|index|auth|hooks)\/v1\//;
const TC_ARTIFACT_REDIRECT = /^\/api\/queue\/v1\/task\/[^/]+\/(runs\/\d+\/)?artifacts\/.+/;
/** Decision-task artifacts Taskcluster serves gzip-encoded (taskcluster.md §6). */
const GZIP_STORED = /^\/artifact-storage\/[^/]+\/\d+\/public(\/|%2F)[^/]+\.json$/;

export function serviceClassOf(pathname: string): ServiceClass {
  if (pathname.startsWith('/__fake')) return 'control';
  if (pathname.startsWith('/artifact-storage/')) return 'artifact';
  if (TC_ARTIFACT_REDIRECT.test(pathname)) return 'taskcluster-redirect';
  if (TC_API.test(pathname)) return 'taskcluster';
  if (pathname.startsWith('/api/') || pathname === '/revision.txt') return 'treeherder';
  if (HG_PATH.test(pathname)) return 'hg';
  return 'page';
}

/**
 * `treeherder=150±30,taskcluster=100,taskcluster-redirect=80,artifact=40±10,hg=120,bandwidth=8MB` (bandwidth in
 * B, KB, MB per second; `default=` sets every class not named). A leading `name:` names the model.
 */
export function parseNetworkModel(text: string): NetworkModelSpec {
  const trimmed = text.trim();
  const named = /^([\w.-]+):(.*)$/.exec(trimmed);
  const body = named ? (named[2] ?? '') : trimmed;
  const latency: Partial<Record<ServiceClass, Latency>> = {};
  let fallback: Latency | undefined;
  let bandwidth: number | null = null;
  for (const part of body.split(',').map((p) => p.trim())) {
    if (!part) continue;
    const [key, value] = part.split('=').map((s) => s.trim());
    if (!key || value === undefined) throw new Error(`"${part}" is not key=value in the network model "${text}".`);
    if (key === 'bandwidth') {
      bandwidth = parseBandwidth(value);
      continue;
    }
    const parsed = parseLatency(value);
    if (key === 'default') fallback = parsed;
    else if ((SERVICE_CLASSES as readonly string[]).includes(key)) latency[key as ServiceClass] = parsed;
    else throw new Error(`Unknown service "${key}" in the network model; known: ${SERVICE_CLASSES.join(', ')}.`);
  }
  if (fallback) for (const c of SERVICE_CLASSES) if (c !== 'control' && c !== 'page') latency[c] ??= fallback;
  return { name: named?.[1] ?? body, latency, bandwidthBytesPerSec: bandwidth };
}

function parseLatency(value: string): Latency {
  const m = /^(\d+(?:\.\d+)?)(?:ms)?(?:(?:±|\+-|~)(\d+(?:\.\d+)?)(?:ms)?)?$/.exec(value);
  if (!m) throw new Error(`"${value}" is not a latency like 150 or 150±30 (milliseconds).`);
  return { meanMs: Number(m[1]), jitterMs: Number(m[2] ?? 0) };
}

function parseBandwidth(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?(?:\/s)?$/i.exec(value);
  if (!m) throw new Error(`"${value}" is not a bandwidth like 8MB (bytes per second).`);
  const unit = (m[2] ?? 'B').toUpperCase();
  const factor = unit === 'GB' ? 1e9 : unit === 'MB' ? 1e6 : unit === 'KB' ? 1e3 : 1;
  return Number(m[1]) * factor;
}

export function describeNetworkModel(spec: NetworkModelSpec): string {
  const parts = SERVICE_CLASSES.flatMap((c) => {
    const l = spec.latency[c];
    if (!l || (l.meanMs === 0 && l.jitterMs === 0)) return [];
    return [`${c} ${l.meanMs}${l.jitterMs ? `±${l.jitterMs}` : ''} ms`];
  });
  if (spec.bandwidthBytesPerSec) parts.push(`${(spec.bandwidthBytesPerSec / 1e6).toFixed(1)} MB/s per response`);
  return parts.length ? parts.join(', ') : 'no latency';
}

export class NetworkModel {
  readonly log: NetworkLogEntry[] = [];
  readonly #rng: Rng;
  readonly #stored = new Map<string, Buffer>();

  constructor(readonly spec: NetworkModelSpec) {
    this.#rng = new Rng(spec.seed ?? 17);
  }

  /** The model's time for a response of `bytes` to `service`, drawn now. */
  delayMs(service: ServiceClass, bytes: number): number {
    const l = this.spec.latency[service];
    const latency = l ? Math.max(0, l.meanMs + (this.#rng.next() * 2 - 1) * l.jitterMs) : 0;
    const transfer =
      this.spec.bandwidthBytesPerSec && service !== 'control' ? (bytes * 1000) / this.spec.bandwidthBytesPerSec : 0;
    return latency + transfer;
  }

  /**
   * Holds the response's head and body until the model's time since arrival, and logs it. Call before any
   * handler runs; the server then writes as usual.
   */
  shape(req: IncomingMessage, res: ServerResponse): void {
    const arrivedAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://fake');
    const service = serviceClassOf(url.pathname);
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null);
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    let head: unknown[] | undefined;
    (res as { writeHead: unknown }).writeHead = (...args: unknown[]) => {
      head = args;
      return res;
    };
    (res as { end: unknown }).end = (...args: unknown[]) => {
      const chunk = args[0];
      const bodyBytes = Buffer.isBuffer(chunk)
        ? chunk.length
        : typeof chunk === 'string'
          ? Buffer.byteLength(chunk)
          : 0;
      const headers = (head?.[1] ?? {}) as Record<string, string>;
      const status = typeof head?.[0] === 'number' ? head[0] : res.statusCode;
      const bytes = bodyBytes + headerBytes(status, headers);
      const dueMs = this.delayMs(service, bytes);
      const readyAt = performance.now();
      const wait = arrivedAt + dueMs - readyAt;
      this.log.push({
        service,
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search.slice(1),
        referer: header('referer'),
        origin: header('origin'),
        status,
        bytes,
        contentEncoding: headerValue(headers, 'content-encoding'),
        arrivedAt,
        sentAt: readyAt + Math.max(0, wait),
        dueMs,
        late: wait < 0 && dueMs > 0,
      });
      const send = () => {
        if (res.destroyed) return;
        if (head) writeHead(...head);
        end(...args);
      };
      if (wait > 0) setTimeout(send, wait);
      else send();
      return res;
    };
  }

  /** A decision-task artifact as Taskcluster stores it: gzip-encoded, compressed once. Other replies pass. */
  encode(pathname: string, reply: Reply): Reply {
    if (!GZIP_STORED.test(pathname) || reply.status !== 200 || reply.text === undefined) return reply;
    let body = this.#stored.get(pathname);
    if (!body) {
      body = gzipSync(Buffer.from(reply.text, 'utf8'));
      this.#stored.set(pathname, body);
    }
    const { text: _plain, ...rest } = reply;
    return { ...rest, body, headers: { ...reply.headers, 'Content-Encoding': 'gzip' } };
  }
}

function headerValue(headers: Record<string, string>, name: string): string | null {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return String(v);
  return null;
}

/** The status line and header block, as HTTP/1.1 writes them (Date and Connection included). */
function headerBytes(status: number, headers: Record<string, string>): number {
  let n =
    `HTTP/1.1 ${status} XX\r\n`.length + 'Date: Thu, 01 Jan 2026 00:00:00 GMT\r\nConnection: keep-alive\r\n\r\n'.length;
  for (const [k, v] of Object.entries(headers)) n += k.length + String(v).length + 4;
  return n;
}
