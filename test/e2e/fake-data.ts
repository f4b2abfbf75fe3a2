import type { FakeCi } from '../fake-ci/server';

/** A job of the fake CI as the API shows it, with the push it belongs to. */
export interface FakeJob {
  jobId: number;
  taskId: string;
  label: string;
  symbol: string;
  groupSymbol: string;
  result: string;
  push: { repo: string; pushId: number; revision: string };
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Jobs of one push, decoded from the compressed /api/jobs/ format (first page is enough for tests). */
export async function jobsOfPush(fake: FakeCi, repo: string, pushId: number): Promise<FakeJob[]> {
  const page = await json<{ results: unknown[][]; job_property_names: string[] }>(
    `${fake.url}/api/jobs/?push_id=${pushId}&count=2000`,
  );
  const push = await json<{ revision: string }>(`${fake.url}/api/project/${repo}/push/${pushId}/`);
  return page.results.map((row) => {
    const job = Object.fromEntries(page.job_property_names.map((name, i) => [name, row[i]])) as Record<string, unknown>;
    return {
      jobId: job.id as number,
      taskId: job.task_id as string,
      label: job.job_type_name as string,
      symbol: job.job_type_symbol as string,
      groupSymbol: job.job_group_symbol as string,
      result: job.result as string,
      push: { repo, pushId, revision: push.revision },
    };
  });
}

/** A finished test job of the newest push, to retrigger. */
export async function someTestJob(fake: FakeCi, repo = 'autoland'): Promise<FakeJob> {
  const pushes = await json<{ results: { id: number }[] }>(`${fake.url}/api/project/${repo}/push/?count=3`);
  for (const push of pushes.results) {
    const job = (await jobsOfPush(fake, repo, push.id)).find((j) => j.label.startsWith('test-') && j.taskId);
    if (job) return job;
  }
  throw new Error('no test job in the fake CI');
}
