/**
 * Hawk request signing (the scheme Taskcluster uses, reference/taskcluster.md §3.1) with WebCrypto,
 * so it runs in an MV3 service worker as well as in Node 20. Only the client side: we sign; the
 * server verifies.
 */
import { bytesToBase64, utf8ToBase64 } from './base64';

export interface HawkCredentials {
  /** Taskcluster clientId. */
  id: string;
  /** Taskcluster accessToken, used as the HMAC key. */
  key: string;
}

export interface HawkSignInput {
  method: string;
  /** Absolute URL exactly as it will be sent; its path and query are signed. */
  url: string;
  credentials: HawkCredentials;
  /** When given, the payload hash is computed and signed too. */
  payload?: { body: string; contentType: string };
  /** Application data (Taskcluster: base64 JSON with certificate/authorizedScopes). */
  ext?: string;
  /** Unix seconds; default now. */
  timestampSec?: number;
  /** Default: random. */
  nonce?: string;
}

const encoder = new TextEncoder();

/** The `Authorization` header value: `Hawk id="…", ts="…", nonce="…"[, hash="…"][, ext="…"], mac="…"`. */
export async function hawkAuthorizationHeader(input: HawkSignInput): Promise<string> {
  const ts = String(input.timestampSec ?? Math.floor(Date.now() / 1000));
  const nonce = input.nonce ?? randomNonce();
  const hash = input.payload ? await hawkPayloadHash(input.payload.body, input.payload.contentType) : undefined;
  const url = new URL(input.url);
  const normalized = hawkNormalizedString({
    ts,
    nonce,
    method: input.method,
    resource: url.pathname + url.search,
    host: url.hostname,
    port: url.port || (url.protocol === 'https:' ? '443' : '80'),
    hash,
    ext: input.ext,
  });
  const mac = await hmacSha256Base64(input.credentials.key, normalized);

  const attributes: Array<[string, string]> = [
    ['id', input.credentials.id],
    ['ts', ts],
    ['nonce', nonce],
  ];
  if (hash) attributes.push(['hash', hash]);
  if (input.ext) attributes.push(['ext', input.ext]);
  attributes.push(['mac', mac]);
  return `Hawk ${attributes.map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(', ')}`;
}

/** A request as it will be sent. */
export interface HawkRequest {
  method: string;
  url: string;
  /** The exact body text sent, if any. */
  body?: string | undefined;
  contentType?: string | undefined;
}

/**
 * Signs a request as sent: one with a body always carries the payload hash, so the body cannot be
 * changed on the way without the signature failing (Taskcluster verifies the hash when present).
 */
export function hawkSignRequest(
  request: HawkRequest,
  signing: Pick<HawkSignInput, 'credentials' | 'ext' | 'timestampSec' | 'nonce'>,
): Promise<string> {
  return hawkAuthorizationHeader({
    ...signing,
    method: request.method,
    url: request.url,
    ...(request.body !== undefined
      ? { payload: { body: request.body, contentType: request.contentType ?? 'application/json' } }
      : {}),
  });
}

export interface NormalizedStringParts {
  ts: string;
  nonce: string;
  method: string;
  /** Path plus query, exactly as sent. */
  resource: string;
  host: string;
  port: string;
  hash?: string;
  ext?: string;
}

/** `hawk.1.header\n<ts>\n<nonce>\n<METHOD>\n<path+query>\n<host>\n<port>\n<hash>\n<ext>\n`. */
export function hawkNormalizedString(parts: NormalizedStringParts): string {
  const ext = (parts.ext ?? '').replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return [
    'hawk.1.header',
    parts.ts,
    parts.nonce,
    parts.method.toUpperCase(),
    parts.resource,
    parts.host.toLowerCase(),
    parts.port,
    parts.hash ?? '',
    ext,
    '',
  ].join('\n');
}

/** Hash of the body: sha256 of `hawk.1.payload\n<content type without parameters>\n<body>\n`, base64. */
export async function hawkPayloadHash(body: string, contentType: string): Promise<string> {
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`hawk.1.payload\n${mediaType}\n${body}\n`));
  return bytesToBase64(new Uint8Array(digest));
}

/**
 * Taskcluster's `ext`: base64 of JSON holding a temporary-credentials certificate and/or
 * authorizedScopes. Undefined when neither is given.
 */
export function taskclusterExt(options: {
  certificate?: unknown;
  authorizedScopes?: readonly string[];
}): string | undefined {
  const ext: Record<string, unknown> = {};
  if (options.certificate !== undefined) {
    ext.certificate = typeof options.certificate === 'string' ? JSON.parse(options.certificate) : options.certificate;
  }
  if (options.authorizedScopes) ext.authorizedScopes = options.authorizedScopes;
  return Object.keys(ext).length > 0 ? utf8ToBase64(JSON.stringify(ext)) : undefined;
}

async function hmacSha256Base64(key: string, message: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    encoder.encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message));
  return bytesToBase64(new Uint8Array(signature));
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_');
}

function escapeAttribute(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
