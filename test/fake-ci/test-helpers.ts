/** Helpers for the fake CI's own tests: plain fetch, Treeherder-style action rendering, Hawk signing. */
import Hawk from 'hawk';
import jsone from 'json-e';
import type { FakeCi } from './server';

export async function getJson<T = unknown>(fake: FakeCi, path: string): Promise<T> {
  const res = await fetch(`${fake.url}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface JobRow {
  [column: string]: string | number;
}

/** All rows of a /api/jobs/ query as objects (follows `next`). */
export async function jobs(fake: FakeCi, query: string): Promise<JobRow[]> {
  const out: JobRow[] = [];
  let url: string | null = `${fake.url}/api/jobs/?${query}`;
  while (url) {
    const page = (await (await fetch(url)).json()) as {
      next: string | null;
      results: unknown[][];
      job_property_names: string[];
    };
    for (const row of page.results)
      out.push(Object.fromEntries(page.job_property_names.map((n, i) => [n, row[i]])) as JobRow);
    url = page.next;
  }
  return out;
}

interface Action {
  name: string;
  kind: string;
  context: Array<Record<string, string>>;
  hookGroupId: string;
  hookId: string;
  hookPayload: Record<string, unknown>;
}

export interface TriggerOptions {
  decisionTaskId: string;
  action: string;
  taskId?: string | null;
  input?: unknown;
  credentials?: { clientId: string; accessToken: string } | null;
  /** Send the hookId with a raw `/` instead of `%2F`. */
  rawSlash?: boolean;
}

/**
 * Triggers an in-tree action the way Treeherder does: actions.json of the decision task, pick by name and
 * context (task tags), render the hookPayload with JSON-e, Hawk-sign the triggerHook call.
 */
export async function triggerAction(
  fake: FakeCi,
  o: TriggerOptions,
): Promise<{ status: number; body: Record<string, unknown>; action: Action }> {
  const actions = await getJson<{ variables: Record<string, unknown>; actions: Action[] }>(
    fake,
    `/api/queue/v1/task/${o.decisionTaskId}/artifacts/public/actions.json`,
  );
  const tags = o.taskId
    ? (await getJson<{ tags: Record<string, string> }>(fake, `/api/queue/v1/task/${o.taskId}`)).tags
    : null;
  const action = actions.actions.find(
    (a) =>
      a.name === o.action &&
      (tags ? a.context.some((set) => Object.entries(set).every(([k, v]) => tags[k] === v)) : a.context.length === 0),
  );
  if (!action) throw new Error(`no ${o.action} action for ${o.taskId ?? 'the push'}`);
  const payload = jsone(action.hookPayload, {
    ...actions.variables,
    taskGroupId: o.decisionTaskId,
    taskId: o.taskId ?? null,
    input: o.input ?? {},
  });
  const hookId = o.rawSlash ? action.hookId : encodeURIComponent(action.hookId);
  const url = `${fake.url}/api/hooks/v1/hooks/${action.hookGroupId}/${hookId}/trigger`;
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const creds = o.credentials === undefined ? fake.credentials : o.credentials;
  if (creds) headers['Authorization'] = hawkHeader(url, 'POST', creds);
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, action };
}

export function hawkHeader(
  url: string,
  method: string,
  creds: { clientId: string; accessToken: string },
  ext?: string,
): string {
  return Hawk.client.header(url, method, {
    credentials: { id: creds.clientId, key: creds.accessToken, algorithm: 'sha256' },
    ...(ext ? { ext } : {}),
  }).header;
}

/** Fixed simulated start so two servers produce identical data. */
export const EPOCH = Date.UTC(2026, 10, 20, 12, 0, 0);
