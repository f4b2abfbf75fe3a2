import { describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { triggerIntentSchema } from '../../../src/actions/intents';
import { planTrigger } from '../../../src/actions/plan-trigger';
import { describeCost, estimateCost } from '../../../src/guard/cost';
import { evaluateGuard, MERGE_WINDOW_MS, type GuardInput } from '../../../src/guard/cost-guard';

const push = { repo: 'autoland', pushId: 10, revision: 'aaaaaaaaaaaa' };
const job = {
  jobId: 1,
  taskId: 'AbCdEfGhIjKlMnOpQrStUv',
  label: 'test-linux/opt-xpcshell-2',
  symbol: '2',
  groupSymbol: 'X',
};

function input(raw: unknown, extra: Partial<GuardInput> = {}): GuardInput {
  const intent = triggerIntentSchema.parse(raw);
  const plan = planTrigger(intent);
  return {
    intent,
    plan,
    cost: estimateCost(plan, { 'test-linux/opt-xpcshell-2': 12 }),
    settings: { confirmAboveTasks: 10, dailyTaskCap: 200 },
    tasksUsedToday: 0,
    recentTriggers: [],
    confirmed: false,
    now: 1_000_000,
    ...extra,
  };
}

describe('cost', () => {
  it('estimates machine time from recent durations and says when it guessed', () => {
    const cost = estimateCost(
      planTrigger(
        triggerIntentSchema.parse({
          kind: 'retrigger',
          push,
          labels: ['test-linux/opt-xpcshell-2', 'unknown'],
          times: 5,
        }),
      ),
      { 'test-linux/opt-xpcshell-2': 12 },
    );
    expect(cost).toEqual({ tasks: 10, machineMinutes: 5 * 12 + 5 * 20, labelsWithoutHistory: ['unknown'] });
    expect(describeCost(cost)).toBe('10 tasks, about 2 h 40 min of machine time (some durations guessed)');
  });
});

describe('evaluateGuard', () => {
  it('allows small triggers', () => {
    expect(evaluateGuard(input({ kind: 'retrigger', push, labels: [job.label], times: 5 })).decision).toBe('allow');
  });
  it('asks for confirmation above the threshold, and allows once confirmed', () => {
    const big = { kind: 'retrigger', push, labels: [job.label], times: 11 };
    const verdict = evaluateGuard(input(big));
    expect(verdict.decision).toBe('confirm');
    expect(verdict.decision === 'confirm' && verdict.reason).toMatch(/11 tasks, about 2 h 12 min/);
    expect(evaluateGuard(input(big, { confirmed: true })).decision).toBe('allow');
  });
  it('refuses past the daily cap even when confirmed', () => {
    const verdict = evaluateGuard(
      input({ kind: 'retrigger', push, labels: [job.label], times: 20 }, { tasksUsedToday: 190, confirmed: true }),
    );
    expect(verdict).toMatchObject({
      decision: 'refuse',
      reason: expect.stringMatching(/only 10 of your daily cap of 200 are left/),
    });
  });
  it('never backfills a backfill', () => {
    const bk = { ...job, symbol: `2-${'a'.repeat(11)}-bk`, groupSymbol: 'X-bk' };
    expect(evaluateGuard(input({ kind: 'backfill', push, job: bk, depth: 3 }, { confirmed: true })).decision).toBe(
      'refuse',
    );
  });
  it('merges an identical request inside the window, not after it', () => {
    const first = input({ kind: 'retrigger', push, labels: [job.label], times: 2 });
    const recent = [{ dedupeKey: first.plan.dedupeKey, at: first.now - 1000, logId: 'log-1' }];
    expect(evaluateGuard({ ...first, recentTriggers: recent })).toMatchObject({ decision: 'merged', logId: 'log-1' });
    expect(evaluateGuard({ ...first, recentTriggers: recent, now: first.now + MERGE_WINDOW_MS }).decision).toBe(
      'allow',
    );
  });
});
