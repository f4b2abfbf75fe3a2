import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH } from './test-helpers';

describe('fault injection', () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'flaky', timeScale: 0, epochMs: EPOCH });
  });
  afterAll(() => fake.close());
  const reset = (): void =>
    fake.setFaults({
      latencyMs: 0,
      errorRate: 0,
      timeoutRate: 0,
      malformedRate: 0,
      schemaDrift: false,
      expiredCredentials: false,
      missingScopes: false,
    });

  it('answers 5xx at errorRate 1, Treeherder as HTML and Taskcluster with its error body; /__fake is spared', async () => {
    fake.setFaults({ errorRate: 1 });
    const th = await fetch(`${fake.url}/api/repository/`);
    expect(th.status).toBeGreaterThanOrEqual(500);
    expect(await th.text()).toContain('Server Error');
    const tc = await fetch(`${fake.url}/api/queue/v1/task/${fake.truth.pushes[0]!.decisionTaskId}`);
    expect(tc.status).toBeGreaterThanOrEqual(500);
    expect(await tc.json()).toMatchObject({ code: 'InternalServerError' });
    expect((await fetch(`${fake.url}/__fake/state`)).status).toBe(200);
    expect((await fetch(`${fake.url}/jobs?repo=autoland`)).status).toBe(200);
    reset();
    expect((await fetch(`${fake.url}/api/repository/`)).status).toBe(200);
  });

  it('cuts JSON bodies in half at malformedRate 1', async () => {
    fake.setFaults({ malformedRate: 1 });
    const res = await fetch(`${fake.url}/api/project/autoland/push/`);
    expect(res.status).toBe(200);
    await expect(res.clone().json()).rejects.toThrow();
    reset();
  });

  it('renames a field in push and job responses under schemaDrift', async () => {
    fake.setFaults({ schemaDrift: true });
    const pushes = (await (await fetch(`${fake.url}/api/project/autoland/push/?count=1`)).json()) as {
      results: Array<Record<string, unknown>>;
    };
    expect(pushes.results[0]).toHaveProperty('push_time');
    expect(pushes.results[0]).not.toHaveProperty('push_timestamp');
    const jobs = (await (await fetch(`${fake.url}/api/jobs/?push_id=${fake.truth.pushes[0]!.id}`)).json()) as {
      job_property_names: string[];
    };
    expect(jobs.job_property_names).toContain('job_type');
    expect(jobs.job_property_names).not.toContain('job_type_name');
    reset();
  });

  it('adds latency and hangs at timeoutRate 1 (faults set over HTTP too)', async () => {
    await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 150 }) });
    const t0 = Date.now();
    await fetch(`${fake.url}/api/user/`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(fake.state().faults.latencyMs).toBe(150);
    reset();
    fake.setFaults({ timeoutRate: 1 });
    await expect(fetch(`${fake.url}/api/user/`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    reset();
    expect((await fetch(`${fake.url}/api/user/`)).status).toBe(200);
  });

  it('draws faults per request and attempt, so concurrent order does not change a run', async () => {
    const paths = fake.truth.pushes.map((p) => `/api/jobs/?push_id=${p.id}`);
    const statuses = async (order: string[]): Promise<Record<string, number[]>> => {
      fake.setFaults({ errorRate: 0.4 });
      const out: Record<string, number[]> = {};
      for (let attempt = 0; attempt < 3; attempt++) {
        await Promise.all(
          order.map(async (p) => (out[p] = [...(out[p] ?? []), (await fetch(`${fake.url}${p}`)).status])),
        );
      }
      reset();
      return out;
    };
    const forward = await statuses(paths);
    const backward = await statuses([...paths].reverse());
    expect(backward).toEqual(forward);
    expect(
      Object.values(forward)
        .flat()
        .some((s) => s >= 500),
    ).toBe(true);
    expect(
      Object.values(forward)
        .flat()
        .some((s) => s === 200),
    ).toBe(true);
  });

  it('rejects bad fault values', async () => {
    const res = await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ errorRate: -1 }) });
    expect(res.status).toBe(400);
  });
});
