/**
 * How many requests the extension runs at once against each host. Treeherder's page makes its own requests to
 * its API host (up to a browser's six per host); the extension's background reads to that host stay fewer (and wait while the page loads, content/controls/viewport-first.ts), so
 * the page's own requests go first and the server sees at most this many more. Other hosts (Taskcluster, its
 * artifact storage, hg) get the default.
 */
export const TREEHERDER_READS_AT_ONCE = 4;

/** A per-host limit for HttpClientOptions.perHostConcurrency: lower for the hosts `isPageHost` names. */
export function pageHostBudget(
  isPageHost: (host: string) => boolean,
  limits: { pageHost?: number; other?: number } = {},
): (host: string) => number {
  const pageHost = limits.pageHost ?? TREEHERDER_READS_AT_ONCE;
  const other = limits.other ?? 6;
  return (host) => (isPageHost(host) ? pageHost : other);
}
