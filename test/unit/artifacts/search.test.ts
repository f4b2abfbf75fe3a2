import { describe, expect, it } from 'vitest';
import type { Artifact, TaskDefinitionAndStatus } from '../../../src/ci';
import { HttpError } from '../../../src/http/errors';
import { forEachBounded } from '../../../src/artifacts/bounded';
import { formatSize } from '../../../src/artifacts/entries';
import { compileGlob } from '../../../src/artifacts/glob';
import { searchPushArtifacts, type ArtifactSearchSources } from '../../../src/artifacts/search';
import type { ArtifactMatch } from '../../../src/artifacts/types';

const EXPIRES = '2027-01-01T00:00:00.000Z';

function taskOf(i: number, runStates: string[]): TaskDefinitionAndStatus {
  const taskId = `task${String(i).padStart(18, '0')}`;
  return {
    task: { metadata: { name: `test-label-${String(i).padStart(4, '0')}` } },
    status: { taskId, runs: runStates.map((state, runId) => ({ runId, state })) },
  } as unknown as TaskDefinitionAndStatus;
}

function artifact(name: string): Artifact {
  return { name, storageType: 's3', contentType: 'application/octet-stream', expires: EXPIRES };
}

/** Tasks with a few artifacts each; task 3 run 1 has a crash dump; listings take `delayMs`. */
function sources(tasks: TaskDefinitionAndStatus[], options: { delayMs?: number; failTask?: string } = {}) {
  let inFlight = 0;
  let maxInFlight = 0;
  const listed: string[] = [];
  const api: ArtifactSearchSources = {
    listTaskGroup: async () => tasks,
    async listArtifacts(taskId, runId) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      listed.push(`${taskId}.${runId}`);
      await new Promise((r) => setTimeout(r, options.delayMs ?? 1));
      inFlight--;
      if (taskId === options.failTask) {
        throw new HttpError({
          kind: 'http',
          status: 404,
          method: 'GET',
          url: `https://tc.example/${taskId}`,
          source: 'taskcluster',
          what: `the artifacts of task ${taskId}`,
          tries: 1,
        });
      }
      const names = ['public/logs/live.log', `public/test_info/${taskId}.json`];
      if (taskId.endsWith('3') && runId === 1) names.push('public/test_info/crashes/abc.dmp');
      return names.map(artifact);
    },
    artifactUrl: (taskId, name, runId) =>
      `https://tc.example/api/queue/v1/task/${taskId}/runs/${runId}/artifacts/${name}`,
  };
  return { api, listed, maxInFlight: () => maxInFlight };
}

describe('searchPushArtifacts', () => {
  it('searches every started run of every task with bounded concurrency and streams matches', async () => {
    const tasks = Array.from({ length: 40 }, (_, i) =>
      taskOf(i, i === 3 ? ['exception', 'completed'] : i === 5 ? ['pending'] : ['completed']),
    );
    const fake = sources(tasks);
    const streamed: ArtifactMatch[][] = [];
    const phases: string[] = [];
    const outcome = await searchPushArtifacts(
      fake.api,
      { taskGroupId: 'group', glob: compileGlob('**/*.dmp'), concurrency: 5, maxMatches: 100 },
      {
        onMatches: (m) => streamed.push(m),
        onProgress: (_c, phase) => phases.push(phase),
      },
    );
    expect(fake.maxInFlight()).toBe(5);
    expect(fake.listed).toHaveLength(40); // 39 single runs + 2 runs of task 3 − the pending task 5
    expect(fake.listed).not.toContain(`task${'5'.padStart(18, '0')}.0`);
    expect(streamed).toEqual([
      [
        {
          name: 'public/test_info/crashes/abc.dmp',
          contentType: 'application/octet-stream',
          storageType: 's3',
          expires: EXPIRES,
          url: `https://tc.example/api/queue/v1/task/task${'3'.padStart(18, '0')}/runs/1/artifacts/public/test_info/crashes/abc.dmp`,
          taskId: `task${'3'.padStart(18, '0')}`,
          runId: 1,
          label: 'test-label-0003',
        },
      ],
    ]);
    expect(outcome).toEqual({
      truncated: false,
      counts: { tasksTotal: 40, runsTotal: 40, runsSearched: 40, artifactsSeen: 81, matches: 1, failures: 0 },
    });
    expect(phases[0]).toBe('tasks');
    expect(phases.filter((p) => p === 'artifacts')).toHaveLength(41);
  });

  it('counts a failing listing with its sentence and goes on', async () => {
    const tasks = [taskOf(1, ['completed']), taskOf(2, ['completed'])];
    const fake = sources(tasks, { failTask: `task${'1'.padStart(18, '0')}` });
    const outcome = await searchPushArtifacts(fake.api, {
      taskGroupId: 'g',
      glob: compileGlob('*.json'),
      concurrency: 2,
      maxMatches: 10,
    });
    expect(outcome.counts).toMatchObject({ runsSearched: 2, failures: 1, matches: 1 });
    expect(outcome.counts.lastFailure).toMatch(/not found|404/i);
  });

  it('stops at the match limit and says so', async () => {
    const tasks = Array.from({ length: 30 }, (_, i) => taskOf(i, ['completed']));
    const fake = sources(tasks);
    const found: ArtifactMatch[] = [];
    const outcome = await searchPushArtifacts(
      fake.api,
      { taskGroupId: 'g', glob: compileGlob('**'), concurrency: 3, maxMatches: 7 },
      { onMatches: (m) => found.push(...m) },
    );
    expect(outcome.truncated).toBe(true);
    expect(found).toHaveLength(7);
    expect(fake.listed.length).toBeLessThan(30);
  });

  it('stops when the caller aborts', async () => {
    const tasks = Array.from({ length: 50 }, (_, i) => taskOf(i, ['completed']));
    const fake = sources(tasks, { delayMs: 5 });
    const controller = new AbortController();
    const search = searchPushArtifacts(
      fake.api,
      { taskGroupId: 'g', glob: compileGlob('*.dmp'), concurrency: 2, maxMatches: 10 },
      {
        signal: controller.signal,
        onProgress: (counts) => {
          if (counts.runsSearched === 4) controller.abort();
        },
      },
    );
    await expect(search).rejects.toThrow();
    expect(fake.listed.length).toBeLessThan(10);
  });
});

describe('forEachBounded', () => {
  it('handles no items and never exceeds the bound', async () => {
    await forEachBounded([], 4, async () => {
      throw new Error('not called');
    });
    let active = 0;
    let peak = 0;
    await forEachBounded(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 1));
        active--;
      },
    );
    expect(peak).toBe(3);
  });
});

describe('formatSize', () => {
  it.each([
    [undefined, '—'],
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [50 * 1024 * 1024, '50 MB'],
    [-1, '—'],
  ])('%s → %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
