/**
 * The waste report against the fake CI's `waste` scenario, over real HTTP: it must list exactly the
 * planted hidden tier-3 and always-failing jobs, with the truth's machine hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCiClients, type CiClients } from '../../../src/ci';
import { createHttpClient } from '../../../src/http/client';
import { loadWasteReport, type WasteProgress } from '../../../src/waste/load-report';
import { startFakeCi, type FakeCi } from '../../fake-ci/server';

const EPOCH = Date.UTC(2026, 10, 20, 12, 0, 0);

describe('waste report on the fake CI', () => {
  let fake: FakeCi;
  let clients: CiClients;

  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'waste', timeScale: 0, epochMs: EPOCH });
    clients = createCiClients(
      { treeherderUrl: fake.url, taskclusterRootUrl: fake.url, hgUrl: fake.url },
      createHttpClient({ sleep: async () => undefined }),
    );
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('lists exactly the planted hidden and always-failing jobs with their machine hours', async () => {
    const progress: WasteProgress[] = [];
    const report = await loadWasteReport(
      {
        latestPushes: (repo, count) => clients.treeherder.latestPushes(repo, count),
        jobsForPushes: (ids) => clients.treeherder.jobsForPushes(ids),
        taskStatuses: (ids) => clients.taskcluster.taskStatuses(ids),
      },
      { repo: 'autoland', pushes: 100, batchSize: 10 },
      { onProgress: (p) => progress.push(p), now: () => fake.now() },
    );

    expect(report.window.pushes).toBe(fake.truth.pushCount);
    const truthOf = (reason: 'tier3' | 'always-failing') => fake.truth.wasteful.filter((w) => w.reason === reason);
    const hidden = report.rows.filter((r) => r.reasons.includes('hidden'));
    const failing = report.rows.filter((r) => r.reasons.includes('always-failing'));
    expect(hidden.map((r) => r.label).sort()).toEqual(
      truthOf('tier3')
        .map((w) => w.label)
        .sort(),
    );
    expect(failing.map((r) => r.label).sort()).toEqual(
      truthOf('always-failing')
        .map((w) => w.label)
        .sort(),
    );
    for (const w of fake.truth.wasteful) {
      const row = report.rows.find((r) => r.label === w.label)!;
      expect(row.machineHours, w.label).toBeCloseTo(w.machineHours, 2);
      expect(row.runs).toBeGreaterThanOrEqual(w.tasks);
      expect(row.hoursSource).toBe('task runs');
    }
    expect(report.counts.retried).toBe(0);
    expect(report.counts['never-completes']).toBe(0);
    expect(report.note).toBeUndefined();
    // Progress after every batch of 10 pushes (two batches load at once), then timing, then done.
    const loaded = progress.filter((p) => p.phase === 'jobs').map((p) => p.pushesLoaded);
    expect(loaded).toHaveLength(4);
    expect(loaded[0]).toBe(0);
    expect(loaded.at(-1)).toBe(25);
    expect([...loaded].sort((a, b) => a - b)).toEqual(loaded);
    expect(progress.at(-1)?.phase).toBe('done');
  });
});
