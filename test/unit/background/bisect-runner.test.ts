import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/culprit-finding';
import type { BisectionSession } from '../../../src/bisection-session/session';
import type { JobRow } from '../../../src/bisection-session/mode';
import { failureMode, retriggerUntilFailMode } from '../../../src/bisection-session/modes';
import { plannerObservations } from '../../../src/bisection-session/session';
import { createBisectionRunner, type BisectionDeps } from '../../../background/bisection/runner';
import { fakeTriggerLog, ofKind, runsAskedBy, unused } from './runner-fakes';

/**
 * A small simulated CI: `pushes` pushes (oldest first; the last one is the failing push), a planted culprit,
 * failure rate q at and after it and f before it. The label already ran once on the pushes in `ranOn` (by default
 * the five oldest, all before the culprit, which passed: a gap of pushes − 6), with results drawn from the truth
 * unless `earlierResults` fixes them. Every trigger adds finished runs at once; tests count what was triggered.
 */
function world(options: {
  pushes: number;
  culprit: number | null;
  q: number;
  f: number;
  seed: number;
  ranOn?: readonly number[];
  earlierResults?: string;
  failFirstTriggerAfterLog?: boolean;
  /** The first trigger's answer is unclear (the hook ran; the reply was lost). */
  unclearFirst?: boolean;
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
  const failRate = (index: number) => (options.culprit !== null && index >= options.culprit ? options.q : options.f);
  const draw = (index: number) => (rng.next() < failRate(index) ? 'testfailed' : 'success');
  const ranOn = options.ranOn ?? [0, 1, 2, 3, 4];
  const runs: JobRow[] = [
    ...ranOn.map((i) => run(pushIds[i]!, options.earlierResults ?? draw(i))),
    run(pushIds.at(-1)!, 'testfailed'),
  ];
  const log = fakeTriggerLog();
  const triggers: { pushId: number; times: number; kind: string }[] = [];
  let sessions: BisectionSession[] = [];
  let failNext = options.failFirstTriggerAfterLog ?? false;
  let unclearNext = options.unclearFirst ?? false;
  /** After a simulated worker death nothing more reaches storage until the restart. */
  let dead = false;
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
    earlierRuns: async () =>
      pushIds
        .slice(0, -1)
        .reverse()
        .map((pushId) => ({
          pushId,
          revision: String(pushId).padStart(40, 'a'),
          results: runs.filter((r) => r.push_id === pushId).map((r) => r.result),
        })),
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
    trigger: async (intent, opts) => {
      const pushId = intent.push.pushId;
      const { times } = runsAskedBy(intent);
      const outcome = log.record(opts.origin, times, unclearNext);
      unclearNext = false;
      triggers.push({ pushId, times, kind: intent.kind });
      const index = pushIds.indexOf(pushId);
      for (let t = 0; t < times; t++) runs.push(run(pushId, draw(index)));
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
    log,
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
    // The job last ran 20 pushes back, on five pushes in a row: the range reaches back over those five passes.
    const w = world({ pushes: 25, culprit: 12, q: 1, f: 0, seed: 3 });
    const runner = createBisectionRunner(w.deps);
    const preview = await runner.preview(failureMode, request);
    expect(preview.suspects).toBe(25);
    expect(preview.estimate.medianJobs).toBeGreaterThan(0);
    await runner.start(failureMode, request);
    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 12 });
    expect(done.culprit).toMatchObject({ pushId: w.pushIds[12], author: 'dev@example.com' });
    expect(w.triggers.reduce((s, t) => s + t.times, 0)).toBeLessThan(20);
  });

  it('finds an intermittent culprit (q = 0.5)', async () => {
    const w = world({ pushes: 14, culprit: 9, q: 0.5, f: 0.01, seed: 11 });
    const runner = createBisectionRunner(w.deps);
    await runner.start(failureMode, request);
    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 9 });
  });

  it('a worker stopped mid-round resumes without sending a probe twice', async () => {
    const w = world({ pushes: 25, culprit: 17, q: 1, f: 0, seed: 5, failFirstTriggerAfterLog: true });
    const first = createBisectionRunner(w.deps);
    await first.start(failureMode, request);
    const sentBefore = w.triggers.length;
    expect(sentBefore).toBe(1); // the first trigger went out, then the "worker" died before recording it
    expect(w.sessions()[0]!.rounds[0]!.probes.some((p) => p.status === 'requesting')).toBe(true);
    w.restart();
    const restarted = createBisectionRunner(w.deps);
    const done = ofKind(await runToEnd(restarted), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 17 });
    const keys = done.rounds.flatMap((r) => r.probes.map((p) => p.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(w.triggers.length).toBe(done.rounds.flatMap((r) => r.probes).filter((p) => p.status === 'sent').length);
  });

  it('an unclear probe is neither sent again nor counted as sent until the trigger log settles it', async () => {
    const w = world({ pushes: 20, culprit: 12, q: 1, f: 0, seed: 5, unclearFirst: true });
    const runner = createBisectionRunner(w.deps);
    await runner.start(failureMode, request);
    for (let i = 0; i < 3; i++) await runner.stepAll();
    expect(w.triggers.length).toBe(1);
    const waiting = w.sessions()[0]!;
    expect(waiting.status).toBe('running');
    expect(waiting.message).toMatch(/whether the last probe went through/);
    expect(waiting.rounds.flatMap((r) => r.probes).filter((p) => p.status === 'sent')).toHaveLength(0);
    w.log.settleUnclear('triggered'); // Taskcluster shows the action task: it did go out
    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 12 });
    expect(w.triggers.length).toBe(done.rounds.flatMap((r) => r.probes).filter((p) => p.status === 'sent').length);
  });

  it('pauses without sending while signed out, and resumes after sign-in', async () => {
    const w = world({ pushes: 14, culprit: 8, q: 1, f: 0, seed: 4 });
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
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 8 });
  });

  it('retrigger-until-fail stops at the first failure', async () => {
    const w = world({ pushes: 1, culprit: 0, q: 0.4, f: 0, seed: 2, ranOn: [] });
    const runner = createBisectionRunner(w.deps);
    await runner.start(retriggerUntilFailMode, { ...request, mode: 'retrigger-until-fail', budget: 40 });
    const done = await runToEnd(runner);
    expect(done.status).toBe('done');
    expect(done.message).toMatch(/^Reproduced/);
    expect(w.triggers.every((t) => t.times <= 5)).toBe(true);
  });

  it('on a sparse schedule, reaches back over passing earlier runs and counts them as evidence', async () => {
    // The job ran on every 4th push (3, 7, 11, 15, 19) and passed each time; it failed on 23. The culprit is push
    // 13, intermittent (q = 0.5): the passes on 15 and 19 were luck. Taking push 19 as good would miss it.
    const ranOn = [3, 7, 11, 15, 19];
    const w = world({ pushes: 24, culprit: 13, q: 0.5, f: 0, seed: 7, ranOn, earlierResults: 'success' });
    const runner = createBisectionRunner(w.deps);
    const preview = await runner.preview(failureMode, request);
    expect(preview.suspects).toBe(21); // back to and including push 3, the fifth pass
    expect(preview.firstPushId).toBe(w.pushIds[3]);
    const started = ofKind(await runner.start(failureMode, request), 'failure');
    const seen = plannerObservations(started);
    expect(ranOn.map((i) => seen[i - 3])).toEqual(ranOn.map(() => ({ runs: 1, failures: 0, pending: 0 })));
    // The passes are evidence, never proof: the pushes before them keep posterior mass.
    expect(started.posterior!.pushes[13 - 3]).toBeGreaterThan(0.001);
    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 13 - 3 });
    expect(done.culprit).toMatchObject({ pushId: w.pushIds[13] });
  });

  it('when the verdict would name the oldest push of the range, takes older pushes in and goes on', async () => {
    // Every 4th push ran and passed (3 … 27); the failure is on 31. The culprit, push 5 (q = 0.5), is older than
    // the fifth pass (push 11), where the range first ends: every push in it then fails alike.
    const ranOn = [3, 7, 11, 15, 19, 23, 27];
    const w = world({ pushes: 32, culprit: 5, q: 0.5, f: 0, seed: 9, ranOn, earlierResults: 'success' });
    const runner = createBisectionRunner(w.deps);
    const started = ofKind(await runner.start(failureMode, request), 'failure');
    expect(started.suspects[0]!.pushId).toBe(w.pushIds[11]);
    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.suspects[0]!.pushId).toBe(w.pushIds[0]); // grown back to the oldest push there is
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 5 });
    expect(done.culprit).toMatchObject({ pushId: w.pushIds[5] });
    // Every probe still points at the push it was sent to, and none went out twice.
    for (const probe of done.rounds.flatMap((r) => r.probes)) expect(probe.pushIndex).toBeLessThan(32);
    const sentTo = done.rounds.flatMap((r) => r.probes.map((p) => `${p.key}@${done.suspects[p.pushIndex]!.pushId}`));
    const triggered = w.triggers.map((t) => t.pushId);
    expect(sentTo.map((k) => Number(k.split('@')[1])).sort()).toEqual([...triggered].sort());
  });

  it('weights the suspects by the files each push touched, when the failure line names the test', async () => {
    // The label ran on pushes 2…6 (five passes): the range is pushes 2…11; the pushlog is asked from push 1 on.
    const w = world({ pushes: 12, culprit: 9, q: 1, f: 0, seed: 2, ranOn: [2, 3, 4, 5, 6] });
    const asked: string[] = [];
    const runner = createBisectionRunner({
      ...w.deps,
      failureLines: async () => [{ path_end: null }, { path_end: 'dom/base/test/test_foo.html' }],
      pushFiles: async (_repo, from, to) => {
        asked.push(`${from}..${to}`);
        // Push 9 touched the test's directory; the others touched unrelated files.
        return w.pushIds.map((id) => ({
          revision: String(id).padStart(40, 'a'),
          files: id === w.pushIds[9] ? ['dom/base/test/helper.js'] : ['widget/gtk/nsWindow.cpp'],
        }));
      },
    });
    const preview = await runner.preview(failureMode, request);
    expect(preview.suspects).toBe(10);
    const session = ofKind(await runner.start(failureMode, request), 'failure');
    expect(session.priors.pushWeights).toEqual([1, 1, 1, 1, 1, 1, 1, 4, 1, 1]);
    expect(asked.at(-1)).toBe(`${String(w.pushIds[1]).padStart(40, 'a')}..${'f'.repeat(40)}`); // failing push's tip
    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 7 });
  });

  it('an inconclusive verdict says what is known and what more would cost', () => {
    const session = {
      suspects: [
        { pushId: 500, revision: 'a'.repeat(40) },
        { pushId: 501, revision: 'b'.repeat(40) },
      ],
      requested: [30, 406],
      budget: 1500,
      verdict: {
        kind: 'inconclusive',
        candidates: [
          { pushIndex: null, posterior: 0.94 },
          { pushIndex: 1, posterior: 0.05 },
        ],
        expectedRemainingJobs: 7967,
        budgetLeft: 1064,
      },
    } as unknown as Parameters<typeof failureMode.describeVerdict>[0];
    expect(failureMode.describeVerdict(session)).toBe(
      'Inconclusive after 436 jobs: still in play no culprit (94 %), push 501 (5 %). Telling them apart would take at least 7967 more jobs; 1064 were left in the budget, so none were spent.',
    );
  });
});
