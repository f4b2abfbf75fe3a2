/**
 * The artifact finder against the fake CI's `artifacts` scenario over real HTTP: a glob search over the
 * push with 2,000 tasks finds exactly the planted crash files; a task lists every artifact of every run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCiClients, type CiClients } from '../../../src/ci';
import { createHttpClient } from '../../../src/http/client';
import { compileGlob } from '../../../src/artifacts/glob';
import { searchPushArtifacts } from '../../../src/artifacts/search';
import { loadTaskArtifacts } from '../../../src/artifacts/task-artifacts';
import type { ArtifactMatch } from '../../../src/artifacts/types';
import { startFakeCi, type FakeCi } from '../../fake-ci/server';

describe('artifact finder on the fake CI', () => {
  let fake: FakeCi;
  let clients: CiClients;

  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'artifacts', timeScale: 0, epochMs: Date.UTC(2026, 10, 20, 12) });
    clients = createCiClients(
      { treeherderUrl: fake.url, taskclusterRootUrl: fake.url, hgUrl: fake.url },
      createHttpClient({ sleep: async () => undefined }),
    );
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('finds the planted crash files among the artifacts of the push with 2,000 tasks', async () => {
    const truth = fake.truth.artifacts;
    expect(truth.bigPushTasks).toBeGreaterThanOrEqual(2000);
    const decision = await clients.treeherder.decisionTask('autoland', truth.bigPushId!);
    const found: ArtifactMatch[] = [];
    const started = performance.now();
    const outcome = await searchPushArtifacts(
      clients.taskcluster,
      {
        taskGroupId: decision!.taskId,
        glob: compileGlob('**/*.dmp'),
        concurrency: 8,
        maxMatches: 5000,
      },
      { onMatches: (m) => found.push(...m) },
    );
    const seconds = (performance.now() - started) / 1000;
    const planted = truth.planted.filter((p) => p.pushId === truth.bigPushId);
    expect(planted.length).toBeGreaterThan(0);
    const expected = planted
      .flatMap((p) => p.names.filter((n) => n.endsWith('.dmp')).map((name) => `${p.taskId}.${p.runId}:${name}`))
      .sort();
    expect(found.map((m) => `${m.taskId}.${m.runId}:${m.name}`).sort()).toEqual(expected);
    expect(outcome.counts.tasksTotal).toBeGreaterThanOrEqual(2000);
    expect(outcome.counts.failures).toBe(0);
    expect(outcome.truncated).toBe(false);
    for (const match of found) {
      const response = await fetch(match.url, { redirect: 'manual' });
      expect(response.status).toBe(303);
    }
    console.info(
      `artifact search: ${outcome.counts.runsSearched} runs, ${outcome.counts.artifactsSeen} artifacts in ${seconds.toFixed(1)} s`,
    );
    // 2,000 tasks take seconds alone and far longer on a loaded 2-core machine; this is a safety limit, not a target.
  }, 90_000);

  it('lists every artifact of every run of a task, with queue links per run', async () => {
    const planted = fake.truth.artifacts.planted[0]!;
    const task = await loadTaskArtifacts(
      {
        task: (id) => clients.taskcluster.task(id),
        taskStatus: (id) => clients.taskcluster.taskStatus(id),
        listArtifacts: (id, run) => clients.taskcluster.listArtifacts(id, run),
        artifactUrl: (id, name, run) => clients.taskcluster.artifactUrl(id, name, run),
        taskUiUrl: (id) => clients.taskcluster.taskUiUrl(id),
      },
      planted.taskId,
    );
    expect(task.label).toBe(planted.label);
    const latest = task.runs.find((r) => r.runId === planted.runId)!;
    expect(latest.artifacts).toHaveLength(fake.truth.artifacts.artifactsPerTask + 4);
    for (const name of planted.names) expect(latest.artifacts.map((a) => a.name)).toContain(name);
    expect(latest.artifacts[0]!.url).toContain(`/task/${planted.taskId}/runs/${planted.runId}/artifacts/`);
    expect(task.taskUrl).toBe(`${fake.url}/tasks/${planted.taskId}`);
  });
});
