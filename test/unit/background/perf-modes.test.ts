import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/culprit-finding';
import type { BisectionSession } from '../../../src/bisection-session/session';
import type { PerfDataPoint } from '../../../src/bisection-session/perf-session';
import type { AlertSummary } from '../../../src/ci';
import type { TriggerIntent } from '../../../src/actions/intents';
import { createBisectionRunner, type BisectionDeps } from '../../../background/bisection/runner';
import type { JobRow } from '../../../src/bisection-session/mode';
import { newBaselineMode, perfMode } from '../../../src/bisection-session/modes';
import { fakeTriggerLog, ofKind, runsAskedBy } from './runner-fakes';

const LABEL = 'test-linux1804-64-shippable-qr/opt-talos-tp5o';
const OTHER = 'test-linux1804-64-shippable-qr/opt-talos-a11yr';
const SIGNATURE = 4_100_000;

/**
 * A small simulated Perfherder: pushes 100…, the series last ran on `lastGood`, regressed on the last push
 * with a relative `shift` from `culprit` on. Every trigger adds finished runs with 20 replicates at once.
 */
function perfWorld(options: { gap: number; culprit: number; shift: number; noise: number; seed: number }) {
  const rng = createRng(options.seed);
  const lastGood = 100 + 12; // 12 earlier pushes with data, then the gap, then the regressed push
  const regressed = lastGood + options.gap + 1;
  const culpritPushId = lastGood + 1 + options.culprit;
  const points: (PerfDataPoint & { label: string })[] = [];
  const jobs: JobRow[] = [];
  let jobIds = 1;
  const triggers: TriggerIntent[] = [];
  const log = fakeTriggerLog();
  let sessions: BisectionSession[] = [];
  const run = (pushId: number, label: string) => {
    const id = jobIds++;
    const level = (label === LABEL ? 200 : 300) * (label === LABEL && pushId >= culpritPushId ? 1 + options.shift : 1);
    const replicates = Array.from({ length: 20 }, () => level * (1 + options.noise * (rng.next() * 2 - 1) * 1.7));
    jobs.push({ id, push_id: pushId, job_type_name: label, state: 'completed', result: 'success' });
    points.push({
      pushId,
      jobId: id,
      value: replicates.reduce((a, b) => a + b, 0) / replicates.length,
      replicates,
      label,
    });
  };
  for (let p = 100; p <= lastGood; p++) run(p, LABEL);
  run(regressed, LABEL);
  run(regressed, OTHER);
  const summary = {
    id: 48_004,
    push_id: regressed,
    prev_push_id: lastGood,
    created: '2026-01-01T00:00:00',
    repository: 'autoland',
    framework: 1,
    status: 0,
    revision: 'f'.repeat(40),
    alerts: [
      {
        id: 1,
        status: 0,
        is_regression: true,
        prev_value: 200,
        new_value: 210,
        t_value: 12,
        amount_pct: 5,
        series_signature: {
          id: SIGNATURE,
          signature_hash: 'abc',
          machine_platform: 'linux',
          suite: 'tp5o',
          test: null,
          lower_is_better: true,
        },
      },
    ],
  } as unknown as AlertSummary;
  const rev = (id: number) => String(id).padStart(40, 'a');
  const deps: BisectionDeps = {
    load: async () => structuredClone(sessions),
    save: async (s) => {
      sessions = structuredClone(s);
    },
    describeJob: async (_repo, jobId) => {
      const job = jobs.find((j) => j.id === jobId)!;
      return {
        jobId,
        taskId: 'AbCdEfGhIjKlMnOpQrStUv',
        retryId: 0,
        label: job.job_type_name,
        symbol: 'tp5o',
        groupSymbol: 'T',
        platform: 'linux',
        pushId: job.push_id,
        revision: rev(job.push_id),
        state: 'completed',
        result: 'success',
        tier: 1,
      };
    },
    earlierRuns: async () => {
      throw new Error('not used');
    },
    pushesBefore: async (_repo, pushId, count) =>
      Array.from({ length: pushId - 100 }, (_, i) => pushId - 1 - i)
        .slice(0, count)
        .map((id) => ({ id, revision: rev(id) })),
    history: async () => [],
    trigger: async (intent, opts) => {
      triggers.push(intent);
      const { labels, times } = runsAskedBy(intent);
      for (const label of labels) for (let t = 0; t < times; t++) run(intent.push.pushId, label);
      return log.record(opts.origin, times);
    },
    findLogEntry: log.findLogEntry,
    culpritDetails: async (_repo, pushId) => ({
      pushId,
      revision: rev(pushId),
      author: 'dev@example.com',
      comments: ['Bug 2 - slower'],
    }),
    notify: async () => undefined,
    schedule: async () => undefined,
    now: () => 1_000,
    newId: () => 'p1',
    alertSummary: async (_repo, id) => (id === summary.id ? summary : null),
    seriesData: async (_repo, q) =>
      q.signatureId === SIGNATURE
        ? {
            name: 'tp5o opt',
            lowerIsBetter: true,
            points: points.filter((p) => p.label === LABEL && p.pushId <= q.pushId),
          }
        : null,
    pushSeries: async (_repo, pushId) =>
      [LABEL, OTHER].map((label, i) => ({
        signatureId: SIGNATURE + i,
        name: label.split('-').at(-1)!,
        points: points.filter((p) => p.label === label && p.pushId === pushId),
      })),
    jobsOf: async (_repo, labels, pushIds) =>
      jobs.filter((j) => labels.includes(j.job_type_name) && pushIds.includes(j.push_id)),
  };
  return { deps, triggers, regressed, culpritPushId, lastGood, summaryId: summary.id, jobs };
}

async function runToEnd(runner: ReturnType<typeof createBisectionRunner>, maxSteps = 60): Promise<BisectionSession> {
  for (let i = 0; i < maxSteps; i++) {
    const [session] = await runner.stepAll();
    if (session!.status !== 'running') return session!;
  }
  throw new Error('did not finish');
}

describe('perf bisection runner', () => {
  it('finds the planted step from an alert summary, adding the job on the gap pushes', async () => {
    const w = perfWorld({ gap: 8, culprit: 5, shift: 0.05, noise: 0.02, seed: 7 });
    const runner = createBisectionRunner(w.deps);
    const request = { repo: 'autoland', alertSummaryId: w.summaryId, budget: 40, parallel: 4 };
    const preview = await runner.preview(perfMode, request);
    expect(preview).toMatchObject({ suspects: 9, firstPushId: w.lastGood + 1, lastPushId: w.regressed });
    expect(preview.estimate.medianJobs).toBeGreaterThan(0);
    const started = await runner.start(perfMode, request);
    expect(started.kind).toBe('perf');
    const done = ofKind(await runToEnd(runner), 'perf');
    expect(done.perf?.verdict, done.message).toMatchObject({ kind: 'culprit', pushIndex: 5 });
    expect(done.culprit).toMatchObject({ pushId: w.culpritPushId, author: 'dev@example.com' });
    expect(done.message).toMatch(/^Culprit: push \d+ .* \+5\.\d %/);
    // Gap pushes never ran the label: the first probe there adds it, later ones retrigger it.
    expect(w.triggers.some((t) => t.kind === 'add-new-jobs')).toBe(true);
    expect(
      w.triggers.every((t) => (t.kind === 'retrigger' || t.kind === 'add-new-jobs') && t.labels.join() === LABEL),
    ).toBe(true);
    expect(done.requested.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(40);
  });

  it('starts from a signature and the regressed push, finding the last good push itself', async () => {
    const w = perfWorld({ gap: 4, culprit: 4, shift: 0.05, noise: 0.02, seed: 3 });
    const runner = createBisectionRunner(w.deps);
    await runner.start(perfMode, {
      repo: 'autoland',
      signatureId: SIGNATURE,
      pushId: w.regressed,
      budget: 30,
      parallel: 3,
    });
    const done = ofKind(await runToEnd(runner), 'perf');
    expect(done.perf?.lastGoodPushId).toBe(w.lastGood);
    expect(done.culprit?.pushId).toBe(w.culpritPushId);
  });

  it('a restarted worker resumes a perf bisection from storage and sends every probe once', async () => {
    const w = perfWorld({ gap: 10, culprit: 3, shift: 0.05, noise: 0.02, seed: 21 });
    await createBisectionRunner(w.deps).start(perfMode, {
      repo: 'autoland',
      alertSummaryId: w.summaryId,
      budget: 40,
      parallel: 2,
    });
    const done = await runToEnd(createBisectionRunner(w.deps)); // a new runner: only storage carries over
    expect(done.culprit?.pushId).toBe(w.culpritPushId);
    const probes = done.rounds.flatMap((r) => r.probes);
    expect(new Set(probes.map((p) => p.key)).size).toBe(probes.length);
    expect(w.triggers).toHaveLength(probes.filter((p) => p.status === 'sent').length);
  });

  it('answers bad input with a sentence', async () => {
    const w = perfWorld({ gap: 4, culprit: 2, shift: 0.05, noise: 0.02, seed: 1 });
    const runner = createBisectionRunner(w.deps);
    await expect(
      runner.start(perfMode, { repo: 'autoland', alertSummaryId: 1, budget: 30, parallel: 3 }),
    ).rejects.toThrow('Perfherder has no alert summary 1.');
    await expect(
      runner.start(perfMode, { repo: 'mozilla-central', alertSummaryId: w.summaryId, budget: 30, parallel: 3 }),
    ).rejects.toThrow(/is about autoland, not mozilla-central/);
    await expect(
      runner.start(perfMode, { repo: 'autoland', signatureId: 9, pushId: w.regressed, budget: 30, parallel: 3 }),
    ).rejects.toThrow(/no series with signature 9/);
    await expect(
      runner.start(perfMode, {
        repo: 'autoland',
        signatureId: SIGNATURE,
        pushId: w.regressed - 1,
        budget: 30,
        parallel: 3,
      }),
    ).rejects.toThrow(/no data for "tp5o opt" on push/);
    await expect(runner.start(perfMode, { repo: 'autoland', budget: 30, parallel: 3 })).rejects.toThrow(
      /alert summary id, or a signature id/,
    );
    expect(await runner.list()).toHaveLength(0);
  });
});

describe('new baseline', () => {
  it('retriggers each perf job 5 times in one action and reports mean, sd and 95 % CI per series', async () => {
    const w = perfWorld({ gap: 2, culprit: 0, shift: 0, noise: 0.02, seed: 9 });
    const runner = createBisectionRunner(w.deps);
    const jobIds = w.jobs.filter((j) => j.push_id === w.regressed).map((j) => j.id);
    const started = await runner.start(newBaselineMode, { repo: 'autoland', jobIds, times: 5 });
    expect(started.kind).toBe('new-baseline');
    expect(w.triggers).toEqual([expect.objectContaining({ kind: 'retrigger', labels: [LABEL, OTHER], times: 5 })]);
    const done = ofKind(await runToEnd(runner), 'new-baseline');
    expect(done.status).toBe('done');
    const series = done.baseline!.series;
    expect(series).toHaveLength(2);
    for (const s of series) {
      expect(s.runs).toHaveLength(6); // the original run and five retriggers
      expect(s.summary!.count).toBe(120);
      expect(s.summary!.ci95[0]).toBeLessThan(s.summary!.mean);
      expect(s.summary!.ci95[1]).toBeGreaterThan(s.summary!.mean);
    }
    expect(done.message).toMatch(/^New baseline from 5 retriggers of 2 jobs\. .*95 % CI/);
    expect(w.triggers).toHaveLength(1);
  });

  it('refuses jobs without perf data and labels missing from the push', async () => {
    const w = perfWorld({ gap: 2, culprit: 0, shift: 0, noise: 0.02, seed: 9 });
    const runner = createBisectionRunner(w.deps);
    await expect(
      runner.start(newBaselineMode, {
        repo: 'autoland',
        pushId: w.regressed,
        labels: ['test-linux/opt-mochitest-1'],
        times: 5,
      }),
    ).rejects.toThrow(/has no job named "test-linux\/opt-mochitest-1"/);
    await expect(
      runner.start(newBaselineMode, { repo: 'autoland', pushId: w.regressed - 1, labels: [LABEL], times: 5 }),
    ).rejects.toThrow(/has no job named/);
    await expect(runner.start(newBaselineMode, { repo: 'autoland', times: 5 })).rejects.toThrow(/Give the perf jobs/);
  });
});
