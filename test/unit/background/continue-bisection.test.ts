/**
 * "Continue with +N jobs" (issue 16, item 1): a bisection that used up its budget goes on from where it stopped —
 * same rounds, same runs, only the new budget's probes are sent — and reaches the verdict it could not afford.
 */
import { describe, expect, it } from 'vitest';
import { createBisectionRunner, type BisectionDeps } from '../../../background/bisection/runner';
import type { JobRow } from '../../../src/bisection-session/mode';
import { failureMode } from '../../../src/bisection-session/modes';
import type { BisectionSession } from '../../../src/bisection-session/session';
import { budgetRanOut, namedPush, suggestedExtraJobs } from '../../../src/bisection-session/verdict-summary';
import { fakeTriggerLog, ofKind, runsAskedBy, unused } from './runner-fakes';

const LABEL = 'test-linux/opt-xpcshell-1';

/** Twelve pushes before the failing one; the label fails permanently from push `culprit` on. */
function permanentFailure(culprit: number) {
  const pushIds = Array.from({ length: 13 }, (_, i) => 200 + i);
  const run = (push_id: number, result: string): JobRow => ({
    id: 0,
    push_id,
    job_type_name: LABEL,
    state: 'completed',
    result,
  });
  const runs: JobRow[] = [run(pushIds[0]! - 1, 'success'), run(pushIds.at(-1)!, 'testfailed')];
  const log = fakeTriggerLog();
  const sent: { pushId: number; times: number; origin: string }[] = [];
  let sessions: BisectionSession[] = [];
  let scheduled = false;
  const deps: BisectionDeps = {
    load: async () => structuredClone(sessions),
    save: async (s) => {
      sessions = structuredClone(s);
    },
    describeJob: async () => ({
      jobId: 1,
      taskId: 'AbCdEfGhIjKlMnOpQrStUv',
      retryId: 0,
      label: LABEL,
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
    jobsOf: async (_repo, _labels, ids) => runs.filter((r) => ids.includes(r.push_id)),
    history: async () => Array.from({ length: 40 }, () => ({ state: 'completed', result: 'success' })),
    alertSummary: unused('a failure bisection'),
    seriesData: unused('a failure bisection'),
    pushSeries: unused('a failure bisection'),
    trigger: async (intent, opts) => {
      const { times } = runsAskedBy(intent);
      sent.push({ pushId: intent.push.pushId, times, origin: opts.origin });
      const index = pushIds.indexOf(intent.push.pushId);
      for (let t = 0; t < times; t++) runs.push(run(intent.push.pushId, index >= culprit ? 'testfailed' : 'success'));
      return log.record(opts.origin, times);
    },
    findLogEntry: log.findLogEntry,
    culpritDetails: async (_repo, pushId) => ({
      pushId,
      revision: String(pushId).padStart(40, 'a'),
      author: 'dev@example.com',
      comments: ['Bug 1 - change'],
    }),
    notify: async () => undefined,
    schedule: async (active) => {
      scheduled = active;
    },
    now: () => 1_000,
    newId: () => 'c1',
  };
  return { deps, pushIds, sent, scheduled: () => scheduled };
}

async function runToEnd(runner: ReturnType<typeof createBisectionRunner>): Promise<BisectionSession> {
  for (let i = 0; i < 100; i++) {
    const [session] = await runner.stepAll();
    if (session!.status !== 'running') return session!;
  }
  throw new Error('did not finish');
}

describe('continue a bisection with more jobs', () => {
  it('resumes from where the budget stopped it and finds the culprit, sending nothing twice', async () => {
    const world = permanentFailure(5);
    const runner = createBisectionRunner(world.deps);
    const request = { repo: 'autoland', jobId: 1, mode: 'bisect' as const, extendBy: 0, budget: 3, parallel: 3 };
    await runner.start(failureMode, request);
    const stopped = await runToEnd(runner);
    expect(stopped.status).toBe('done');
    expect(budgetRanOut(stopped)).toBe(true);
    expect(stopped.message).toMatch(/^Budget of 3 jobs used up/);
    expect(namedPush(stopped)?.role).toBe('Best guess so far');
    expect(suggestedExtraJobs(stopped) % 3).toBe(0);
    const roundsBefore = stopped.rounds.length;
    const jobsBefore = world.sent.reduce((sum, s) => sum + s.times, 0);
    expect(jobsBefore).toBe(3);

    const resumed = await runner.extendBudget(stopped.id, 30);
    expect(resumed).toMatchObject({ status: 'running', budget: 33 });
    expect(resumed?.message).toBeUndefined();
    expect(world.scheduled()).toBe(true);
    // The rounds it had are kept, and the next one is added after them.
    expect(resumed!.rounds.slice(0, roundsBefore)).toEqual(stopped.rounds);

    const done = ofKind(await runToEnd(runner), 'failure');
    expect(done.verdict).toMatchObject({ kind: 'culprit', pushIndex: 5 });
    expect(done.culprit?.pushId).toBe(world.pushIds[5]);
    expect(budgetRanOut(done)).toBe(false);
    const origins = world.sent.map((s) => s.origin);
    expect(new Set(origins).size).toBe(origins.length);
    expect(world.sent.reduce((sum, s) => sum + s.times, 0)).toBeLessThanOrEqual(33);
  });

  it('leaves running and unknown sessions alone', async () => {
    const world = permanentFailure(5);
    const runner = createBisectionRunner(world.deps);
    const request = { repo: 'autoland', jobId: 1, mode: 'bisect' as const, extendBy: 0, budget: 60, parallel: 3 };
    const running = await runner.start(failureMode, request);
    expect(running.status).toBe('running');
    expect(await runner.extendBudget(running.id, 10)).toBeUndefined();
    expect((await runner.list())[0]!.budget).toBe(60);
    expect(await runner.extendBudget('no-such-id', 10)).toBeUndefined();
  });
});
