import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkModel, parseNetworkModel, serviceClassOf } from './network-model';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH } from './test-helpers';

/** A GET without Accept-Encoding (fetch always sends one), answering status, headers and raw body. */
function rawGet(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('network model: parsing and classes', () => {
  it('reads latencies with jitter, a default and a bandwidth, and names the model', () => {
    const spec = parseNetworkModel('prod:treeherder=150±30,taskcluster-redirect=80,default=40,bandwidth=8MB');
    expect(spec.name).toBe('prod');
    expect(spec.latency.treeherder).toEqual({ meanMs: 150, jitterMs: 30 });
    expect(spec.latency['taskcluster-redirect']).toEqual({ meanMs: 80, jitterMs: 0 });
    expect(spec.latency.artifact).toEqual({ meanMs: 40, jitterMs: 0 });
    expect(spec.latency.page).toBeUndefined();
    expect(spec.bandwidthBytesPerSec).toBe(8e6);
  });

  it('refuses unknown services and malformed values with a sentence', () => {
    expect(() => parseNetworkModel('treeherdr=150')).toThrow(/Unknown service "treeherdr"/);
    expect(() => parseNetworkModel('treeherder=fast')).toThrow(/not a latency/);
    expect(() => parseNetworkModel('bandwidth=lots')).toThrow(/not a bandwidth/);
  });

  it('tells the services apart by path', () => {
    expect(serviceClassOf('/api/jobs/')).toBe('treeherder');
    expect(serviceClassOf('/api/queue/v1/task/abc/status')).toBe('taskcluster');
    expect(serviceClassOf('/api/queue/v1/task/abc/artifacts/public/actions.json')).toBe('taskcluster-redirect');
    expect(serviceClassOf('/api/queue/v1/task/abc/runs/0/artifacts/public%2Factions.json')).toBe(
      'taskcluster-redirect',
    );
    expect(serviceClassOf('/artifact-storage/abc/0/public%2Frunnable-jobs.json')).toBe('artifact');
    expect(serviceClassOf('/integration/autoland/json-pushes')).toBe('hg');
    expect(serviceClassOf('/jobs')).toBe('page');
    expect(serviceClassOf('/__fake/state')).toBe('control');
  });

  it('draws jitter within mean ± jitter and adds the transfer time', () => {
    const model = new NetworkModel(parseNetworkModel('treeherder=150±30,bandwidth=1MB'));
    const draws = Array.from({ length: 200 }, () => model.delayMs('treeherder', 0));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(120);
    expect(Math.max(...draws)).toBeLessThanOrEqual(180);
    expect(new Set(draws.map(Math.round)).size).toBeGreaterThan(10);
    const big = model.delayMs('page', 500_000); // no page latency: only 0.5 MB at 1 MB/s
    expect(big).toBeCloseTo(500, 5);
  });
});

describe('network model on the fake CI', () => {
  let fake: FakeCi;
  let model: NetworkModel;
  beforeAll(async () => {
    model = new NetworkModel(parseNetworkModel('treeherder=200,taskcluster-redirect=80,artifact=50'));
    fake = await startFakeCi({ scenario: 'default', timeScale: 0, epochMs: EPOCH, network: model });
  });
  afterAll(() => fake.close());

  it('answers after the latency, and answers concurrent requests concurrently', async () => {
    const one = performance.now();
    await fetch(`${fake.url}/api/repository/`);
    expect(performance.now() - one).toBeGreaterThanOrEqual(195);
    const pushIds = fake.truth.pushes.slice(0, 10).map((p) => p.id);
    const started = performance.now();
    await Promise.all(pushIds.map((id) => fetch(`${fake.url}/api/jobs/?push_id=${id}`).then((r) => r.json())));
    const took = performance.now() - started;
    // One at a time would take 10 × 200 ms.
    expect(took).toBeGreaterThanOrEqual(195);
    expect(took).toBeLessThan(1000);
  });

  it('serves decision artifacts gzip-encoded even without Accept-Encoding, and logs bytes on the wire', async () => {
    const decision = fake.truth.pushes[3]!.decisionTaskId;
    const redirect = await rawGet(`${fake.url}/api/queue/v1/task/${decision}/artifacts/public/runnable-jobs.json`);
    expect(redirect.status).toBe(303);
    const location = String(redirect.headers['location']);
    const stored = await rawGet(location);
    expect(stored.status).toBe(200);
    expect(stored.headers['content-encoding']).toBe('gzip');
    const labels = Object.keys(JSON.parse(gunzipSync(stored.body).toString('utf8')) as object);
    expect(labels).toHaveLength(fake.truth.runnableLabels);
    const logged = model.log.find((e) => e.service === 'artifact' && e.path === new URL(location).pathname);
    expect(logged).toMatchObject({ status: 200, contentEncoding: 'gzip', referer: null });
    expect(logged!.bytes).toBeGreaterThan(stored.body.length);
    expect(logged!.bytes).toBeLessThan(stored.body.length + 1000);
    // Stored once: a second download gets the very same bytes.
    expect((await rawGet(location)).body.equals(stored.body)).toBe(true);
  });
});

describe('no network model (tests)', () => {
  it('answers at once, as before', async () => {
    const fake = await startFakeCi({ scenario: 'default', timeScale: 0, epochMs: EPOCH });
    try {
      await fetch(`${fake.url}/api/repository/`);
      const started = performance.now();
      await fetch(`${fake.url}/api/repository/`);
      expect(performance.now() - started).toBeLessThan(150);
    } finally {
      await fake.close();
    }
  });
});
