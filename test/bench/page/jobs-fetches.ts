import type { FakeState } from '../../fake-ci/server';

type ApiRequest = FakeState['apiRequests'][number];

/** Who sent a request: the jobs page (its Referer is the page) or the extension's background. */
export type Initiator = 'page' | 'extension';

export interface JobsFetchCount {
  /** Logical jobs-list fetches (a multi-page list counts once: its `page` 1 request). */
  fetches: number;
  /** HTTP requests, every page counted. */
  requests: number;
  /** Logical fetches that covered each push (a `push_id__in` list counts for every push in it). */
  perPush: Map<number, number>;
}

export interface JobsFetchCensus {
  page: JobsFetchCount;
  extension: JobsFetchCount;
  /** Extension requests to /api/jobs/ filtered by job_type_name (the gap search: one label, many pushes). */
  extensionLabelSearches: number;
  /** Origin/Referer of one extension request, to show how the two were told apart. */
  extensionHeadersExample: { origin: string | null; referer: string | null } | null;
}

/**
 * Counts the jobs-list fetches (`/api/jobs/` without `job_type_name`) the page and the extension made,
 * from the fake CI's request log. The page's requests carry the jobs page as Referer; the extension's
 * come from its background (an extension origin, no page Referer).
 */
export function censusOfJobsFetches(requests: readonly ApiRequest[], pageUrlPrefix: string): JobsFetchCensus {
  const empty = (): JobsFetchCount => ({ fetches: 0, requests: 0, perPush: new Map() });
  const census: JobsFetchCensus = {
    page: empty(),
    extension: empty(),
    extensionLabelSearches: 0,
    extensionHeadersExample: null,
  };
  for (const request of requests) {
    if (request.method !== 'GET' || request.path !== '/api/jobs/') continue;
    const initiator: Initiator = request.referer?.startsWith(pageUrlPrefix) ? 'page' : 'extension';
    const query = new URLSearchParams(request.query);
    if (query.has('job_type_name')) {
      if (initiator === 'extension') census.extensionLabelSearches += 1;
      continue;
    }
    const count = census[initiator];
    if (initiator === 'extension')
      census.extensionHeadersExample ??= { origin: request.origin, referer: request.referer };
    count.requests += 1;
    if ((query.get('page') ?? '1') !== '1') continue;
    count.fetches += 1;
    for (const pushId of pushIdsOf(query)) count.perPush.set(pushId, (count.perPush.get(pushId) ?? 0) + 1);
  }
  return census;
}

function pushIdsOf(query: URLSearchParams): number[] {
  const single = query.get('push_id');
  const list = query.get('push_id__in');
  const raw = [...(single ? [single] : []), ...(list ? list.split(',') : [])];
  return raw.map(Number).filter(Number.isInteger);
}

export interface RequestKindSummary {
  kind: string;
  count: number;
  /** Sum and maximum of the fake CI's time to answer. */
  totalMs: number;
  maxMs: number;
}

/**
 * The extension's API requests grouped by endpoint (ids and revisions replaced by placeholders), with
 * the fake CI's time to answer them: where the badges' wait goes. The fake answers one request at a
 * time, so its busy time is a floor for anything waiting on it.
 */
export function extensionRequestKinds(requests: readonly ApiRequest[], pageUrlPrefix: string): RequestKindSummary[] {
  const kinds = new Map<string, RequestKindSummary>();
  for (const request of requests) {
    if (request.referer?.startsWith(pageUrlPrefix)) continue;
    const query = new URLSearchParams(request.query);
    const path = request.path
      .replace(/\/\d+(?=\/|$)/g, '/<id>')
      .replace(/\/task\/[\w-]{22}/g, '/task/<taskId>')
      .replace(/\/artifacts\/.*$/, '/artifacts/…');
    const kind =
      path === '/api/jobs/' ? `/api/jobs/ (${query.has('job_type_name') ? 'job_type_name search' : 'list'})` : path;
    const summary = kinds.get(kind) ?? { kind, count: 0, totalMs: 0, maxMs: 0 };
    summary.count += 1;
    summary.totalMs += request.durationMs ?? 0;
    summary.maxMs = Math.max(summary.maxMs, request.durationMs ?? 0);
    kinds.set(kind, summary);
  }
  return [...kinds.values()].sort((a, b) => b.totalMs - a.totalMs);
}
