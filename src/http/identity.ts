/**
 * Telling servers who is calling, only where that is allowed. Browsers forbid or ignore a custom
 * User-Agent (and Treeherder blocks some non-browser ones, reference/treeherder.md §6), so in a browser
 * we keep the browser's UA and add an `X-Client` header only for hosts the caller lists: a custom
 * header forces a CORS preflight, which only those hosts are known to accept. In Node (scripts, tests)
 * a descriptive User-Agent is allowed and replaces Node's default.
 */
export interface ClientIdentity {
  product: string;
  version: string;
  /** Hosts (e.g. `firefox-ci-tc.services.mozilla.com`) that accept our `X-Client` header from a browser. */
  browserHeaderHosts?: readonly string[];
}

export type Runtime = 'browser' | 'node';

/** Keep `version` in step with package.json (not imported, so the bundle does not carry the whole file). */
export const EXTENSION_IDENTITY: ClientIdentity = { product: 'treeherder-ci-tools', version: '0.1.0' };

export function detectRuntime(): Runtime {
  const nav = (globalThis as { navigator?: { userAgent?: unknown } }).navigator;
  const userAgent = typeof nav?.userAgent === 'string' ? nav.userAgent : '';
  // Node ≥ 21 defines navigator.userAgent as "Node.js/<version>".
  return userAgent && !userAgent.startsWith('Node.js') ? 'browser' : 'node';
}

export function identityHeaders(
  identity: ClientIdentity,
  url: string,
  runtime: Runtime = detectRuntime(),
): Record<string, string> {
  const label = `${identity.product}/${identity.version}`;
  if (runtime === 'node') return { 'user-agent': label };
  const host = new URL(url).host;
  return identity.browserHeaderHosts?.includes(host) ? { 'x-client': label } : {};
}
