import { describe, expect, it } from 'vitest';
import { SimClock } from './clock';
import { generateScenario } from './scenario/generate';
import { applyOverrides, loadScenario, scenarioNames } from './scenario/spec';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH, getJson, jobs } from './test-helpers';

const generate = (name: string, overrides = {}) =>
  generateScenario(name, applyOverrides(loadScenario(name), overrides), new SimClock(EPOCH, 0));

async function withFake<T>(scenario: string, fn: (fake: FakeCi) => Promise<T>, options = {}): Promise<T> {
  const fake = await startFakeCi({ scenario, timeScale: 0, epochMs: EPOCH, ...options });
  try {
    return await fn(fake);
  } finally {
    await fake.close();
  }
}

describe('scenarios', () => {
  it('has the required scenario files', () => {
    expect(scenarioNames()).toEqual(
      expect.arrayContaining([
        'artifacts',
        'default',
        'flaky',
        'intermittent',
        'missing-jobs',
        'perf',
        'permanent',
        'waste',
      ]),
    );
  });

  // How fast a scenario generates is not asserted here (timed tests flake on a loaded machine).
  it.each(scenarioNames())('%s generates with a consistent truth', (name) => {
    const s = generate(name);
    const t = s.truth;
    expect(t.pushes).toHaveLength(t.pushCount);
    for (const [pushId, c] of Object.entries(t.completeness)) {
      expect(c.runnable).toBe(t.runnableLabels);
      expect(c.missing).toBe(t.missingLabels[pushId]!.length);
      expect(c.scheduled + c.missing).toBe(c.runnable);
      const scheduled = new Set(
        (s.world.tasksByPush.get(Number(pushId)) ?? [])
          .filter((x) => x.origin === 'decision' && x.spec.kind !== 'decision')
          .map((x) => x.label),
      );
      expect(scheduled.size).toBe(c.scheduled);
      for (const label of t.missingLabels[pushId]!) expect(scheduled.has(label)).toBe(false);
    }
  });

  it('missing labels = runnable-jobs.json − label-to-taskid.json, with backstops complete', async () => {
    await withFake('missing-jobs', async (fake) => {
      const t = fake.truth;
      const backstops = t.pushes.filter((p) => p.backstop);
      expect(backstops.map((p) => p.pushlogId % 20)).toEqual([0, 0]);
      for (const p of backstops) expect(t.missingLabels[String(p.id)]).toEqual([]);
      for (const p of [t.pushes[3]!, t.pushes[12]!, backstops[0]!]) {
        const base = `/api/queue/v1/task/${p.decisionTaskId}/artifacts/public`;
        const runnable = Object.keys(await getJson<Record<string, unknown>>(fake, `${base}/runnable-jobs.json`));
        const scheduled = new Set(
          Object.keys(await getJson<Record<string, string>>(fake, `${base}/label-to-taskid.json`)),
        );
        expect(runnable.filter((l) => !scheduled.has(l)).sort()).toEqual(t.missingLabels[String(p.id)]);
      }
      expect(Object.values(t.completeness).some((c) => c.missing > c.runnable / 2)).toBe(true);
    });
  });

  it('permanent: the label is absent on the gap, green on the last good push, red from the first failure', async () => {
    await withFake('permanent', async (fake) => {
      const r = fake.truth.regressions[0]!;
      expect(r).toMatchObject({ kind: 'permanent', gap: 7, q: 1, f: 0 });
      expect(fake.truth.culprit).toMatchObject({ pushId: r.culpritPushId, label: r.label, index: 20 });
      expect(r.gapPushIds).toHaveLength(7);
      expect([...r.gapPushIds, r.firstFailurePushId]).toContain(r.culpritPushId);
      const result = async (pushId: number): Promise<string[]> =>
        (await jobs(fake, `push_id=${pushId}&job_type_name=${encodeURIComponent(r.label)}`)).map((j) =>
          String(j['result']),
        );
      expect(await result(r.lastGoodPushId)).toEqual(['success']);
      for (const id of r.gapPushIds) expect(await result(id)).toEqual([]);
      expect(await result(r.firstFailurePushId)).toEqual(['testfailed']);
      const culprit = fake.truth.pushes.find((p) => p.id === r.culpritPushId)!;
      for (const p of fake.truth.pushes) {
        const results = await result(p.id);
        for (const res of results) expect(res).toBe(p.position >= culprit.position ? 'testfailed' : 'success');
      }
    });
  });

  it('intermittent: failures before the culprit are rare, after it frequent', () => {
    const s = generate('intermittent', { pushes: 200 });
    const r = s.truth.regressions[0]!;
    const culprit = s.truth.pushes.find((p) => p.id === r.culpritPushId)!;
    const pos = new Map(s.truth.pushes.map((p) => [p.id, p.position]));
    const before =
      r.failedPushIds.filter((id) => (pos.get(id) ?? 0) < culprit.position).length / (culprit.position - 1);
    const after =
      r.failedPushIds.filter((id) => (pos.get(id) ?? 0) >= culprit.position).length / (200 - culprit.position - r.gap);
    expect(before).toBeLessThan(0.15);
    expect(after).toBeGreaterThan(0.2);
    expect(r.failedPushIds).toContain(r.firstFailurePushId);
  });

  it('flaky: no culprit, failures spread over the range', () => {
    const t = generate('flaky').truth;
    expect(t.culprit).toBeNull();
    expect(t.flaky.length).toBe(2);
    expect(t.flaky[0]!.failedPushIds.length).toBeGreaterThan(0);
  });

  it('perf: the alert summary and the summary data point at the shifted push', async () => {
    await withFake('perf', async (fake) => {
      const perf = fake.truth.perf!;
      const alerts = await getJson<{
        results: Array<{
          id: number;
          push_id: number;
          prev_push_id: number;
          alerts: Array<{ amount_pct: number; series_signature: { id: number } }>;
        }>;
      }>(fake, '/api/performance/alertsummary/?repository=autoland&framework=1');
      expect(alerts.results[0]).toMatchObject({
        id: perf.alertSummaryId,
        push_id: perf.culpritPushId,
        prev_push_id: perf.prevPushId,
      });
      expect(alerts.results[0]!.alerts[0]).toMatchObject({ amount_pct: 5, series_signature: { id: perf.signatureId } });
      const series = await getJson<Array<{ data: Array<{ push_id: number; value: number; replicates?: number[] }> }>>(
        fake,
        `/api/performance/summary/?repository=autoland&signature=${perf.signatureId}&framework=1&replicates=true`,
      );
      const data = series[0]!.data;
      const pos = new Map(fake.truth.pushes.map((p) => [p.id, p.position]));
      const culpritPos = pos.get(perf.culpritPushId)!;
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const before = mean(data.filter((d) => pos.get(d.push_id)! < culpritPos).map((d) => d.value));
      const after = mean(data.filter((d) => pos.get(d.push_id)! >= culpritPos).map((d) => d.value));
      expect(after / before).toBeGreaterThan(1.03);
      expect(after / before).toBeLessThan(1.07);
      expect(data[0]!.replicates).toHaveLength(20);
      for (const id of perf.gapPushIds) expect(data.some((d) => d.push_id === id)).toBe(false);
    });
  });

  it('waste: tier-3 and always-failing jobs with their machine hours', async () => {
    await withFake('waste', async (fake) => {
      const t = fake.truth;
      expect(t.wasteful.filter((w) => w.reason === 'tier3')).toHaveLength(8);
      expect(t.wasteful.filter((w) => w.reason === 'always-failing')).toHaveLength(3);
      const ids = t.pushes.map((p) => p.id).join(',');
      for (const w of t.wasteful.slice(0, 2).concat(t.wasteful.slice(-1))) {
        const rows = await jobs(fake, `push_id__in=${ids}&job_type_name=${encodeURIComponent(w.label)}`);
        expect(rows).toHaveLength(w.tasks);
        if (w.reason === 'always-failing') for (const r of rows) expect(r['result']).toBe('testfailed');
        else for (const r of rows) expect(r['tier']).toBe(3);
        const minutes = rows.reduce((n, r) => n + Number(r['duration']), 0);
        expect(Math.abs(minutes / 60 - w.machineHours)).toBeLessThan(rows.length / 60);
      }
      expect(t.wastefulMachineHours).toBeCloseTo(
        t.wasteful.reduce((n, w) => n + w.machineHours, 0),
        2,
      );
    });
  });

  it('artifacts: planted crash files are listed among many artifacts (paged) and download through a 303', async () => {
    await withFake('artifacts', async (fake) => {
      const a = fake.truth.artifacts;
      expect(a.patterns).toEqual(['**/*.dmp', '**/*.extra']);
      expect(a.planted).toHaveLength(12);
      const planted = a.planted[0]!;
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page: { artifacts: Array<{ name: string }>; continuationToken?: string } = await getJson(
          fake,
          `/api/queue/v1/task/${planted.taskId}/artifacts?limit=150${token ? `&continuationToken=${token}` : ''}`,
        );
        names.push(...page.artifacts.map((x) => x.name));
        token = page.continuationToken;
      } while (token);
      expect(names.length).toBeGreaterThanOrEqual(400);
      for (const n of planted.names) expect(names).toContain(n);
      const res = await fetch(
        `${fake.url}/api/queue/v1/task/${planted.taskId}/artifacts/${encodeURIComponent(planted.names[0]!)}`,
        { redirect: 'manual' },
      );
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(location).toMatch(new RegExp(`^${fake.url}/artifact-storage/${planted.taskId}/`));
      const body = Buffer.from(await (await fetch(location)).arrayBuffer());
      expect(body.subarray(0, 4).toString()).toBe('MDMP');

      const group = fake.truth.pushes.find((p) => p.id === a.bigPushId)!.decisionTaskId;
      let count = 0;
      let pages = 0;
      token = undefined;
      do {
        const page: { tasks: unknown[]; continuationToken?: string } = await getJson(
          fake,
          `/api/queue/v1/task-group/${group}/list${token ? `?continuationToken=${token}` : ''}`,
        );
        count += page.tasks.length;
        pages++;
        token = page.continuationToken;
      } while (token);
      expect(count).toBe(a.bigPushTasks);
      expect(pages).toBe(3);
    });
  });

  it('is deterministic by seed and changes with the seed', async () => {
    const a = generate('default');
    const b = generate('default');
    expect(JSON.stringify(b.truth)).toBe(JSON.stringify(a.truth));
    const c = generate('default', { seed: 43 });
    expect(c.truth.pushes[0]!.revision).not.toBe(a.truth.pushes[0]!.revision);
    const body = async (fake: FakeCi): Promise<string> =>
      JSON.stringify(await getJson(fake, `/api/jobs/?push_id=${fake.truth.pushes[3]!.id}`));
    const one = await withFake('permanent', body);
    const two = await withFake('permanent', body);
    expect(two).toBe(one);
  });

  it('scales with pushes, jobs per push and platforms', () => {
    const s = generate('missing-jobs', { pushes: 12, jobsPerPush: 1000, platforms: 14 });
    expect(s.truth.pushCount).toBe(12);
    expect(s.truth.runnableLabels).toBeGreaterThanOrEqual(1000);
    const platforms = new Set(
      [...s.world.tasks.values()]
        .filter((t) => t.spec.kind === 'test')
        .map((t) => `${t.spec.platform}/${t.spec.option}`),
    );
    expect(platforms.size).toBe(14);
  });
});
