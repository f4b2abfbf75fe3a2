import type { Job, Push } from './types';

/** Reads JSON from the page's own origin. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

interface JobPage {
  next: string | null;
  results: unknown[][];
  job_property_names: string[];
}

/** All pages of a `/api/jobs/` query, rows zipped with the response's own `job_property_names`. */
export async function fetchJobs(query: string): Promise<Job[]> {
  const out: Job[] = [];
  let url: string | null = `/api/jobs/?${query}`;
  while (url) {
    const page: JobPage = await getJson<JobPage>(url);
    for (const row of page.results) {
      const job: Record<string, unknown> = {};
      for (const [i, name] of page.job_property_names.entries()) job[name] = row[i];
      out.push(job as unknown as Job);
    }
    url = page.next ? new URL(page.next).pathname + new URL(page.next).search : null;
  }
  return out;
}

export async function fetchPushes(repo: string, params: URLSearchParams): Promise<Push[]> {
  const res = await getJson<{ results: Push[] }>(`/api/project/${encodeURIComponent(repo)}/push/?${params.toString()}`);
  return res.results;
}

/** Tells the fake what the page did (retrigger key, buttons), so tests can see leaked shortcuts. */
export function reportEvent(event: {
  kind: string;
  jobId?: number;
  taskId?: string;
  target?: string;
  key?: string;
}): void {
  void fetch('/__fake/page-event', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...event, url: location.href }),
  }).catch(() => undefined);
}
