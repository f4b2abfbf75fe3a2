import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_PROPERTY_NAMES } from './treeherder/job-view';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH, getJson, jobs } from './test-helpers';

interface JobsPage {
  count: number;
  next: string | null;
  previous: string | null;
  results: unknown[][];
  job_property_names: string[];
}

interface PushList {
  meta: Record<string, unknown>;
  results: Array<{ id: number; revision: string; push_timestamp: number; revisions: Array<{ revision: string }> }>;
}

describe('Treeherder REST API', () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'artifacts', timeScale: 0, epochMs: EPOCH });
  });
  afterAll(() => fake.close());

  it('pages /api/jobs/ with count (max 2000), page and an absolute next URL, in the current column order', async () => {
    const big = fake.truth.artifacts.bigPushId!;
    expect(fake.truth.artifacts.bigPushTasks).toBeGreaterThan(2000);
    const first = await getJson<JobsPage>(fake, `/api/jobs/?push_id=${big}`);
    expect(first.job_property_names).toEqual([...JOB_PROPERTY_NAMES]);
    expect(first.results).toHaveLength(2000);
    expect(first.count).toBe(fake.truth.artifacts.bigPushTasks);
    expect(first.next).toBe(`${fake.url}/api/jobs/?push_id=${big}&page=2`);
    expect(first.previous).toBeNull();
    const second = await getJson<JobsPage>(fake, new URL(first.next!).pathname + new URL(first.next!).search);
    expect(second.results.length).toBe(first.count - 2000);
    expect(second.next).toBeNull();
    const small = await getJson<JobsPage>(fake, `/api/jobs/?push_id=${big}&count=700&page=3`);
    expect(small.results).toHaveLength(first.count - 1400);
    expect(small.previous).toContain('page=2');
    const ids = [...first.results, ...second.results].map((r) => r[1] as number);
    expect(new Set(ids).size).toBe(ids.length);
    const capped = await getJson<JobsPage>(fake, `/api/jobs/?push_id=${big}&count=5000`);
    expect(capped.results).toHaveLength(2000);
  });

  it('rows carry API-shaped values (last_modified ISO without Z, duration ≥ 1, decision task D)', async () => {
    const push = fake.truth.pushes[0]!;
    const rows = await jobs(fake, `push_id=${push.id}`);
    const decision = rows.find((r) => r['job_type_symbol'] === 'D')!;
    expect(decision).toMatchObject({
      job_type_name: 'Gecko Decision Task',
      result: 'success',
      state: 'completed',
      task_id: push.decisionTaskId,
      platform: 'gecko-decision',
    });
    for (const r of rows) {
      expect(String(r['last_modified'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
      expect(Number(r['duration'])).toBeGreaterThanOrEqual(1);
      expect(r['push_revision']).toBe(push.revision);
    }
  });

  it('returns only changed jobs for push_id__in + last_modified__gt', async () => {
    const fresh = await startFakeCi({ scenario: 'default', timeScale: 0, epochMs: EPOCH });
    try {
      const ids = fresh.truth.pushes
        .slice(-3)
        .map((p) => p.id)
        .join(',');
      const all = await jobs(fresh, `push_id__in=${ids}`);
      const newest = all.map((j) => Date.parse(`${j['last_modified']}Z`)).reduce((a, b) => Math.max(a, b));
      const since = new Date(newest).toISOString().replace('Z', '');
      expect(await jobs(fresh, `push_id__in=${ids}&last_modified__gt=${since}`)).toHaveLength(0);
      fresh.advance(15 * 60_000);
      const changed = await jobs(fresh, `push_id__in=${ids}&last_modified__gt=${since}`);
      expect(changed.length).toBeGreaterThan(0);
      for (const j of changed) expect(Date.parse(`${j['last_modified']}Z`)).toBeGreaterThan(newest);
    } finally {
      await fresh.close();
    }
  });

  it('lists pushes newest first with count, revision, fromchange/tochange, push_timestamp__lte and id__lt', async () => {
    const pushes = fake.truth.pushes;
    const list = await getJson<PushList>(fake, '/api/project/autoland/push/?full=true&count=3');
    expect(list.results.map((p) => p.id)).toEqual(
      pushes
        .slice(-3)
        .map((p) => p.id)
        .reverse(),
    );
    expect(list.meta).toMatchObject({ count: 3, repository: 'autoland', filter_params: { full: 'true', count: '3' } });
    const one = await getJson<PushList>(fake, `/api/project/autoland/push/?revision=${pushes[4]!.revision}`);
    expect(one.results.map((p) => p.id)).toEqual([pushes[4]!.id]);
    const prefix = await getJson<PushList>(
      fake,
      `/api/project/autoland/push/?revision=${pushes[4]!.revision.slice(0, 12)}`,
    );
    expect(prefix.results[0]?.id).toBe(pushes[4]!.id);
    const range = await getJson<PushList>(
      fake,
      `/api/project/autoland/push/?fromchange=${pushes[2]!.revision}&tochange=${pushes[5]!.revision}`,
    );
    expect(range.results.map((p) => p.id)).toEqual(
      pushes
        .slice(2, 6)
        .map((p) => p.id)
        .reverse(),
    );
    const ts = list.results[2]!.push_timestamp;
    const older = await getJson<PushList>(fake, `/api/project/autoland/push/?push_timestamp__lte=${ts}&count=3`);
    expect(older.results[0]?.push_timestamp).toBe(ts);
    const below = await getJson<PushList>(fake, `/api/project/autoland/push/?id__lt=${pushes[3]!.id}&count=10`);
    expect(below.results.map((p) => p.id)).toEqual(
      pushes
        .slice(0, 3)
        .map((p) => p.id)
        .reverse(),
    );
    const tip = await getJson<PushList>(fake, `/api/project/autoland/push/?revision=${pushes[1]!.revision}`);
    expect(tip.results[0]?.revisions[0]?.revision).toBe(pushes[1]!.revision);
    expect((await fetch(`${fake.url}/api/project/nope/push/`)).status).toBe(404);
  });

  it('points repositories at the fake and answers the start-up endpoints', async () => {
    const repos = await getJson<Array<{ name: string; url: string; tc_root_url: string; is_try_repo: boolean }>>(
      fake,
      '/api/repository/',
    );
    expect(repos.find((r) => r.name === 'autoland')).toMatchObject({
      url: `${fake.url}/integration/autoland`,
      tc_root_url: fake.url,
      is_try_repo: false,
    });
    expect(repos.find((r) => r.name === 'try')).toMatchObject({ url: `${fake.url}/try`, is_try_repo: true });
    for (const p of ['/api/user/', '/api/failureclassification/', '/api/performance/framework/'])
      expect(Array.isArray(await getJson(fake, p))).toBe(true);
    expect((await fetch(`${fake.url}/revision.txt`)).status).toBe(200);
  });

  it('serves decision tasks, job detail, logs, bug suggestions and similar jobs', async () => {
    const push = fake.truth.pushes[1]!;
    const map = await getJson<Record<string, { id: string; run: string }>>(
      fake,
      `/api/project/autoland/push/decisiontask/?push_ids=${push.id},${fake.truth.pushes[2]!.id}`,
    );
    expect(map[String(push.id)]).toEqual({ id: push.decisionTaskId, run: '0' });
    expect((await fetch(`${fake.url}/api/project/autoland/push/decisiontask/?push_ids=1`)).status).toBe(404);

    const all = fake.truth.pushes.map((p) => p.id).join(',');
    const failed = (await jobs(fake, `push_id__in=${all}&result=testfailed`))[0]!;
    const detail = await getJson<Record<string, unknown>>(fake, `/api/project/autoland/jobs/${failed['id']}/`);
    expect(detail).toMatchObject({
      id: failed['id'],
      task_id: failed['task_id'],
      taskcluster_metadata: { task_id: failed['task_id'], retry_id: 0 },
      resource_uri: `/api/project/autoland/jobs/${failed['id']}/`,
    });
    const logs = await getJson<Array<{ name: string; url: string; parse_status: string }>>(
      fake,
      `/api/project/autoland/job-log-url/?job_id=${failed['id']}`,
    );
    expect(logs.map((l) => l.name)).toEqual(['live_backing_log', 'errorsummary_json']);
    const log = await (await fetch(logs[0]!.url)).text();
    expect(log).toContain('TEST-UNEXPECTED-FAIL');
    const suggestions = await getJson<Array<{ search: string; bugs: object }>>(
      fake,
      `/api/project/autoland/jobs/${failed['id']}/bug_suggestions/`,
    );
    expect(suggestions[0]?.search).toMatch(/^TEST-UNEXPECTED-FAIL \| /);
    const similar = await getJson<{ results: Array<{ job_type_name: string }> }>(
      fake,
      `/api/project/autoland/jobs/${failed['id']}/similar_jobs/?count=50`,
    );
    for (const s of similar.results) expect(s.job_type_name).toBe(failed['job_type_name']);
  });
});
