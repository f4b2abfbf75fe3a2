import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCi, type FakeCi } from './server';
import { missingBuildSentence, TREEHERDER_UI_BUILD, treeherderUiBuild } from './treeherder-ui';
import { EPOCH, jobs } from './test-helpers';

const build = treeherderUiBuild();

describe.skipIf(!build)(
  `the fake CI serving Treeherder's real build${build ? '' : ` (skipped: ${missingBuildSentence()})`}`,
  () => {
    let fake: FakeCi;
    beforeAll(async () => {
      fake = await startFakeCi({ scenario: 'permanent', timeScale: 0, epochMs: EPOCH, ui: 'treeherder' });
    });
    afterAll(() => fake.close());

    it("answers Treeherder's page routes with the build's index.html and its assets as files", async () => {
      const index = await fetch(`${fake.url}/jobs?repo=autoland`);
      expect(fake.ui).toBe('treeherder');
      expect(index.headers.get('content-type')).toContain('text/html');
      const html = await index.text();
      expect(html).toContain('<div id="root"></div>');
      for (const route of ['/', '/jobs', '/logviewer?job_id=1&repo=autoland', '/perfherder/alerts', '/push-health']) {
        const res = await fetch(`${fake.url}${route}`);
        // Unknown top-level paths are not page routes (the SPA's "*" redirect happens in the browser, after /).
        if (route === '/push-health') expect(res.status).toBe(404);
        else expect(await res.text(), route).toBe(html);
      }
      const script = /src="(\/assets\/index\.[\w]+\.js)"/.exec(html)![1]!;
      const asset = await fetch(`${fake.url}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toContain('javascript');
      expect((await asset.text()).length).toBeGreaterThan(1000);
      expect((await fetch(`${fake.url}/README.md`)).status).toBe(404); // beside the build, not in it
      expect((await fetch(`${fake.url}/assets/no-such-file.js`)).status).toBe(404);
    });

    it('keeps the API on the same origin: the UI reads the fake Treeherder', async () => {
      const repos = (await (await fetch(`${fake.url}/api/repository/`)).json()) as {
        name: string;
        tc_root_url: string;
      }[];
      expect(repos.find((r) => r.name === 'autoland')?.tc_root_url).toBe(fake.url);
      expect((await fetch(`${fake.url}/api/user/`)).status).toBe(200);
    });
  },
);

describe('starting with --ui treeherder where the build is missing', () => {
  it('says where the build was looked for', () => {
    expect(missingBuildSentence('/nowhere')).toBe(
      'The real Treeherder UI is not available: /nowhere has no index.html (it comes with ../shared/treeherder-ui, see its README).',
    );
    expect(treeherderUiBuild('/nowhere')).toBeUndefined();
    expect(TREEHERDER_UI_BUILD).toMatch(/shared\/treeherder-ui\/build$/);
  });

  it('finds a build folder by its index.html', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cit-th-build-'));
    try {
      expect(treeherderUiBuild(dir)).toBeUndefined();
      await writeFile(join(dir, 'index.html'), '<!doctype html>');
      expect(treeherderUiBuild(dir)).toBe(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the details panel's requests (notes, bug links, performance data)", () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'perf', timeScale: 0, epochMs: EPOCH });
  });
  afterAll(() => fake.close());

  const get = async (path: string) => {
    const res = await fetch(`${fake.url}${path}`);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('lists no notes and no bug links for an unclassified job, and wants a job_id', async () => {
    const [job] = await jobs(fake, `push_id=${fake.truth.pushes[0]!.id}`);
    expect(await get(`/api/project/autoland/note/?job_id=${job!['id']}`)).toEqual({ status: 200, body: [] });
    expect(await get(`/api/project/autoland/bug-job-map/?job_id=${job!['id']}`)).toEqual({ status: 200, body: [] });
    expect(await get('/api/project/autoland/note/')).toEqual({
      status: 400,
      body: { detail: 'The job_id parameter is mandatory for this endpoint' },
    });
    expect(await get('/api/project/autoland/bug-job-map/')).toEqual({
      status: 400,
      body: { message: 'At least one job_id is required' },
    });
    expect((await get('/api/project/nowhere/note/?job_id=1')).status).toBe(404);
  });

  it("gives a perf job's value with its signature, and 400 for a job that reported none", async () => {
    const perf = fake.truth.perf!;
    const rows = await jobs(fake, `push_id=${perf.alertPushId}`);
    const talos = rows.find((r) => r['job_type_name'] === perf.label && r['state'] === 'completed')!;
    const other = rows.find((r) => r['job_type_name'] !== perf.label)!;
    const data = await get(`/api/project/autoland/performance/job-data/?job_id=${talos['id']}`);
    expect(data).toMatchObject({
      status: 200,
      body: {
        job_id: talos['id'],
        push_id: perf.alertPushId,
        data: [{ signature_data: { id: perf.signatureId, framework_id: perf.frameworkId, suite: perf.suite } }],
      },
    });
    const value = (data.body as { data: { value: number }[] }).data[0]!.value;
    expect(value).toBeGreaterThan(0);
    expect(await get(`/api/project/autoland/performance/job-data/?job_id=${other['id']}`)).toEqual({
      status: 400,
      body: { message: `No data found for job_id=${other['id']}` },
    });
    const options = (await get('/api/optioncollectionhash/')).body as {
      option_collection_hash: string;
      options: { name: string }[];
    }[];
    expect(options).toContainEqual({
      option_collection_hash: '102210fe594ee9b33d82058545b1ed14f4c8206e',
      options: [{ name: 'opt' }],
    });
  });
});
