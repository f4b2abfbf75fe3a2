import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/culprit-finding';
import type { BisectionSession } from '../../../src/bisection-session/session';
import type { JobRow } from '../../../src/bisection-session/mode';
import { failureMode, retriggerUntilFailMode } from '../../../src/bisection-session/modes';
import { createBisectionRunner, type BisectionDeps } from '../../../background/bisection/runner';
import { fakeTriggerLog, ofKind, runsAskedBy, unused } from './runner-fakes';

/**
 * A small simulated CI: N pushes before the failing one, a planted culprit, failure rate q at and after it
 * and f before it. Every trigger adds finished runs at once; tests count what was triggered.
 */
function world(options: {
  pushes: number;
  culprit: number | null;
  q: number;
  f: number;
  seed: number;
  failFirstTriggerAfterLog?: boolean;
}) {
  const rng = createRng(options.seed);
  const label = 'test-linux/opt-xpcshell-1';
  const pushIds = Array.from({ length: options.pushes }, (_, i) => 100 + i); // oldest first; last = failing push
  const run = (push_id: number, result: string): JobRow => ({
    id: 0,
    push_id,
    job_type_name: label,
    state: 'completed',
    result,
  });
  const runs: JobRow[] = [run(pushIds[0]! - 1, 'success'), run(pushIds.at(-1)!, 'testfailed')];
  const log = fakeTriggerLog();
  const triggers: { pushId: number; times: number; kind: string }[] = [];
  let sessions: BisectionSession[] = [];
  let failNext = options.failFirstTriggerAfterLog ?? false;
  /** After a simulated worker death nothing more reaches storage until the restart. */
  let dead = false;
  const failRate = (index: number) => (options.culprit !== null && index >= options.culprit ? options.q : options.f);
  const deps: BisectionDeps = {
    load: async () => structuredClone(sessions),
    save: async (s) => {
      if (!dead) sessions = structuredClone(s);
    },
    describeJob: async () => ({
      jobId: 1,
      taskId: 'AbCdEfGhIjKlMnOpQrStUv',
      retryId: 0,
      label,
      symbol: '1',
      groupSymbol: 'X',
      platform: 'linux',
      pushId: pushIds.at(-1)!,
      revision: 'f'.repeat(40),
      state: 'completed',
      result: 'testfailed',
      tier: 1,
    }),
    jobGap: async () => ({
      gap: options.pushes - 1,
      lastRun: { pushId: pushIds[0]! - 1, revision: 'e'.repeat(40), results: ['success'] },
      searched: options.pushes,
      beyondLimit: false,
    }),
    pushesBefore: async (_repo, pushId, count) =>
      pushIds
        .filter((id) => id < pushId)
        .reverse()
        .slice(0, count)
        .map((id) => ({ id, revision: String(id).padStart(40, 'a') })),
    jobsOf: async (_repo, _labels, ids2) => runs.filter((r) => ids2.includes(r.push_id)),
    history: async () => Array.from({ length: 40 }, () => ({ state: 'completed', result: 'success' })),
    alertSummary: unused('a failure bisection'),
    seriesData: unused('a failure bisection'),
    pushSeries: unused('a failure bisection'),
    testTasks: unused('this test'),
    trigger: async (intent, opts) => {
      const pushId = intent.push.pushId;
      const { times } = runsAskedBy(intent);
      const outcome = log.record(opts.origin, times);
      triggers.push({ pushId, times, kind: intent.kind });
      const index = pushIds.indexOf(pushId);
      for (let t = 0; t < times; t++) runs.push(run(pushId, rng.next() < failRate(index) ? 'testfailed' : 'success'));
      if (failNext) {
        failNext = false;
        dead = true;
        throw new Error('worker stopped');
      }
      return outcome;
    },
    findLogEntry: log.findLogEntry,
    culpritDetails: async (_repo, pushId) => ({
      pushId,
      revision: String(pushId).padStart(40, 'a'),
      author: 'dev@example.com',
      comments: ['Bug 1 - change'],
    }),
    notify: async () => undefined,
    schedule: async () => undefined,
    now: () => 1_000,
    newId: () => 'b1',
  };
  return {
    deps,
    triggers,
    pushIds,
    sessions: () => sessions,
    restart: () => {
      dead = false;
    },
  };
}

async function runToEnd(runner: ReturnType<typeof createBisectionRunner>, maxSteps = 200): Promise<BisectionSession> {
  for (let i = 0; i < maxSteps; i++) {
    const [session] = await runner.stepAll();
    if (session!.status !== 'running') return session!;
  }
  throw new Error('did not finish');
}

const request = { repo: 'autoland', jobId: 1, mode: 'bisect' as const, extendBy: 0, budget: 200, parallel: 4 };

describe('bisection runner', () => {
  it('finds a permanent culprit with few jobs and reports its push', async () => {
    const w = world({ pushes: 20, culprit: 7, q: 1, f: 0, seed: 3 });
    const runner = createBisectionRunner(w.deps);
    const preview = await runner.preview(failureMode, request);
    expect(preview.suspects).toBe(20);
    expect(preview.estimate.medianJobs).toBeGreaterThan(0);
    await runner.start(failureMode, request);
    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 7 });
    expect(done.culprit).toMatchObject({ pushId: w.pushIds[7], author: 'dev@example.com' });
    expect(w.triggers.reduce((s, t) => s + t.times, 0)).toBeLessThan(20);
  });

  it('finds an intermittent culprit (q = 0.5)', async () => {
    const w = world({ pushes: 9, culprit: 4, q: 0.5, f: 0.01, seed: 11 });
    const runner = createBisectionRunner(w.deps);
    await runner.start(failureMode, request);
    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 4 });
  });

  it('a worker stopped mid-round resumes without sending a probe twice', async () => {
    const w = world({ pushes: 20, culprit: 12, q: 1, f: 0, seed: 5, failFirstTriggerAfterLog: true });
    const first = createBisectionRunner(w.deps);
    await first.start(failureMode, request);
    const sentBefore = w.triggers.length;
    expect(sentBefore).toBe(1); // the first trigger went out, then the "worker" died before recording it
    expect(w.sessions()[0]!.rounds[0]!.probes.some((p) => p.status === 'requesting')).toBe(true);
    w.restart();
    const restarted = createBisectionRunner(w.deps);
    const done = ofKind(await runToEnd(restarted), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 12 });
    const keys = done.rounds.flatMap((r) => r.probes.map((p) => p.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(w.triggers.length).toBe(done.rounds.flatMap((r) => r.probes).filter((p) => p.status === 'sent').length);
  });

  it('pauses without sending while signed out, and resumes after sign-in', async () => {
    const w = world({ pushes: 9, culprit: 3, q: 1, f: 0, seed: 4 });
    let signedIn = false;
    const realTrigger = w.deps.trigger;
    const runner = createBisectionRunner({
      ...w.deps,
      trigger: async (intent, opts) => {
        if (!signedIn) throw Object.assign(new Error('Sign in to Taskcluster first.'), { name: 'NotSignedInError' });
        return realTrigger(intent, opts);
      },
    });
    const paused = await runner.start(failureMode, request);
    expect(paused).toMatchObject({ status: 'running', message: 'Paused: Sign in to Taskcluster first.' });
    expect(w.triggers).toHaveLength(0);
    signedIn = true;
    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 3 });
  });

  it('retrigger-until-fail stops at the first failure', async () => {
    const w = world({ pushes: 1, culprit: 0, q: 0.4, f: 0, seed: 2 });
    const runner = createBisectionRunner(w.deps);
    await runner.start(retriggerUntilFailMode, { ...request, mode: 'retrigger-until-fail', budget: 40 });
    const done = await runToEnd(runner);
    expect(done.status).toBe('done');
    expect(done.message).toMatch(/^Reproduced/);
    expect(w.triggers.every((t) => t.times <= 5)).toBe(true);
  });
});
