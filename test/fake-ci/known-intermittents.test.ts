/**
 * Issue 19's scenario: the fake serves bug suggestions, failure counts and the decision task's test-manifest
 * maps in the real shapes (checked with the project's schemas), consistent with its truth.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BugSuggestionListSchema,
  FailureCountListSchema,
  ManifestsByTaskSchema,
  parseOrDrift,
  TestsByManifestSchema,
} from '../../src/ci';
import { findTestTasks } from '../../src/new-test/test-tasks';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH, getJson, jobs, triggerAction } from './test-helpers';

describe('the known-intermittents scenario', () => {
  let fake: FakeCi;
  const suggestionsOf = async (jobId: number | string) =>
    parseOrDrift(
      BugSuggestionListSchema,
      await getJson(fake, `/api/project/autoland/jobs/${jobId}/bug_suggestions/`),
      'treeherder',
      'bug_suggestions',
    );
  const failedJobs = async (label: string) =>
    (await jobs(fake, `push_id__in=${fake.truth.pushes.map((p) => p.id).join(',')}&result=testfailed`)).filter(
      (j) => j['job_type_name'] === label,
    );
  const gzipArtifact = async (taskId: string, name: string) => {
    const res = await fetch(`${fake.url}/api/queue/v1/task/${taskId}/artifacts/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    return JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as unknown;
  };

  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'known-intermittents', timeScale: 0, epochMs: EPOCH });
  });
  afterAll(() => fake.close());

  it('a flaky label’s failure lines match its open intermittent bug and are never new', async () => {
    const known = fake.truth.knownIntermittents;
    expect(known.length).toBeGreaterThan(0);
    const failed = await failedJobs(known[0]!.label);
    expect(failed.map((j) => j['push_id'])).toEqual(known[0]!.failedPushIds);
    for (const job of failed) {
      for (const line of await suggestionsOf(job['id']!)) {
        const bug = known.find((k) => line.path_end === k.testPath)!;
        expect(line.bugs.open_recent.map((b) => b.id)).toEqual([bug.bugId]);
        expect(line.bugs.open_recent[0]).toMatchObject({ summary: bug.summary, resolution: '', status: 'NEW' });
        expect(line.bugs.all_others.map((b) => b.resolution)).toEqual(['FIXED']);
        expect(line.failure_new_in_rev).toBe(false);
        expect(line.search).toBe(`TEST-UNEXPECTED-FAIL | ${bug.testPath} | Test timed out`);
        expect(line.search_terms).toEqual([bug.testPath.split('/').pop()]);
      }
    }
  });

  it('a regression’s line is new on its first failing push only, and has no bug', async () => {
    const [first] = fake.truth.newFailures;
    const failed = await failedJobs(first!.label);
    const [onFirst, later] = [failed.find((j) => j['push_id'] === first!.pushId)!, failed.at(-1)!];
    const fresh = await suggestionsOf(onFirst['id']!);
    expect(fresh.length).toBeGreaterThan(0);
    for (const line of fresh)
      expect(line).toMatchObject({ failure_new_in_rev: true, counter: 0, bugs: { open_recent: [] } });
    const seenBefore = await suggestionsOf(later['id']!);
    for (const line of seenBefore) {
      expect(line.failure_new_in_rev).toBe(false);
      expect(line.counter).toBeGreaterThan(0);
    }
  });

  it('counts a bug’s failures and the tree’s pushes per day (/api/failurecount/)', async () => {
    const bug = fake.truth.knownIntermittents[0]!;
    const days = parseOrDrift(
      FailureCountListSchema,
      await getJson(fake, `/api/failurecount/?startday=2026-11-01&endday=2026-11-30&tree=autoland&bug=${bug.bugId}`),
      'treeherder',
      '/api/failurecount/',
    );
    expect(days.reduce((n, d) => n + d.test_runs, 0)).toBe(fake.truth.pushCount);
    expect(days.reduce((n, d) => n + d.failure_count, 0)).toBe(bug.failedPushIds.length);
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    const bad = await fetch(`${fake.url}/api/failurecount/?startday=2026-11-01&tree=nowhere`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ endday: ['This field is required.'], tree: ['nowhere does not exist.'] });
  });

  it('publishes manifests-by-task and tests-by-manifest as gzip files; the new test from its push on', async () => {
    const nt = fake.truth.newTest!;
    const push = fake.truth.pushes.find((p) => p.id === nt.pushId)!;
    const before = fake.truth.pushes.find((p) => p.position === push.position - 1)!;
    const manifests = parseOrDrift(
      ManifestsByTaskSchema,
      await gzipArtifact(push.decisionTaskId, 'public/manifests-by-task.json.gz'),
      'taskcluster',
      'manifests-by-task',
    );
    const tests = parseOrDrift(
      TestsByManifestSchema,
      await gzipArtifact(push.decisionTaskId, 'public/tests-by-manifest.json.gz'),
      'taskcluster',
      'tests-by-manifest',
    );
    const earlier = parseOrDrift(
      TestsByManifestSchema,
      await gzipArtifact(before.decisionTaskId, 'public/tests-by-manifest.json.gz'),
      'taskcluster',
      'tests-by-manifest',
    );
    const name = nt.path.split('/').pop()!;
    expect(tests[nt.manifest]).toContain(name);
    expect(earlier[nt.manifest]).not.toContain(name);

    // The project's own search over them finds exactly the truth's tasks, one per platform.
    const pushJobs = (await jobs(fake, `push_id=${push.id}`)).map((j) => ({
      label: String(j['job_type_name']),
      taskId: String(j['task_id']),
      symbol: String(j['job_type_symbol']),
      groupSymbol: String(j['job_group_symbol']),
      platform: String(j['platform']),
      platformOption: String(j['platform_option']),
    }));
    const found = findTestTasks({
      testPath: nt.path,
      testsByManifest: tests,
      manifestsByTask: manifests,
      jobs: pushJobs,
    });
    expect(found.tasks.map((t) => t.label).sort()).toEqual(nt.tasks.map((t) => t.label).sort());
    expect(new Set(found.tasks.map((t) => t.platform)).size).toBe(nt.tasks.length);
    expect(found.notScheduled).toEqual([]);

    // Each of those tasks carries its manifests in MOZHARNESS_TEST_PATHS, keyed by suite.
    const definition = await getJson<{ payload: { env: Record<string, string> } }>(
      fake,
      `/api/queue/v1/task/${found.tasks[0]!.taskId}`,
    );
    expect(JSON.parse(definition.payload.env['MOZHARNESS_TEST_PATHS']!)).toEqual({
      'mochitest-plain': manifests[found.tasks[0]!.label],
    });
    // Scenarios without manifest scheduling publish neither map.
    const other = await startFakeCi({ scenario: 'flaky', timeScale: 0, epochMs: EPOCH });
    try {
      const res = await fetch(
        `${other.url}/api/queue/v1/task/${other.truth.pushes[0]!.decisionTaskId}/artifacts/public/manifests-by-task.json.gz`,
      );
      expect(res.status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('backfill-task with test_manifests runs only those manifests, and the new test fails as the truth says', async () => {
    const nt = fake.truth.newTest!;
    const push = fake.truth.pushes.find((p) => p.id === nt.pushId)!;
    const label = nt.unstableLabels[0]!;
    const testManifests = { 'mochitest-plain': [nt.manifest] };
    const sent = await triggerAction(fake, {
      decisionTaskId: push.decisionTaskId,
      action: 'backfill-task',
      input: {
        label,
        revision: push.revision,
        symbol: 'p5',
        test_manifests: testManifests,
        times: 10,
        retrigger: true,
      },
    });
    expect(sent.status).toBe(200);
    const created = fake.state().tasksCreated.filter((t) => t.label === label);
    expect(created).toHaveLength(10);
    fake.advance(4 * 60 * 60_000);
    const runs = (await jobs(fake, `push_id=${push.id}&job_type_name=${encodeURIComponent(label)}`)).filter((j) =>
      String(j['job_type_symbol']).endsWith(`-${push.revision.slice(0, 11)}-bk`),
    );
    expect(runs).toHaveLength(10);
    const failures = runs.filter((j) => j['result'] === 'testfailed');
    // q = 0.3: seeded, so the count is fixed; the test only checks it is neither 0 nor 10.
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.length).toBeLessThan(10);
    const definition = await getJson<{ payload: { env: Record<string, string> } }>(
      fake,
      `/api/queue/v1/task/${created[0]!.taskId}`,
    );
    expect(JSON.parse(definition.payload.env['MOZHARNESS_TEST_PATHS']!)).toEqual(testManifests);
    for (const job of failures) {
      const [line] = await suggestionsOf(job['id']!);
      expect(line!.path_end).toBe(nt.path);
    }
  });
});
