import { describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { triggerIntentSchema } from '../../../src/actions/intents';
import { planTrigger } from '../../../src/actions/plan-trigger';

const push = { repo: 'autoland', pushId: 1592793, revision: '9c6e4c31ad26efdad0b9af47a2b530bc414ce2c3' };
const job = {
  jobId: 497001001,
  taskId: 'AbCdEfGhIjKlMnOpQrStUv',
  label: 'test-linux1804-64-qr/debug-mochitest-plain-3',
  symbol: '3',
  groupSymbol: 'M',
};

describe('planTrigger', () => {
  it('retrigger ×N becomes one retrigger-multiple call with the labels and times', () => {
    const plan = planTrigger(triggerIntentSchema.parse({ kind: 'retrigger', push, labels: ['a', 'b', 'a'], times: 3 }));
    expect(plan).toMatchObject({
      actionName: 'retrigger-multiple',
      taskId: null,
      input: { requests: [{ tasks: ['a', 'b'], times: 3 }] },
      expectedTasks: 6,
    });
  });

  it('backfill sends explicit inputs and counts depth × times (+1 inclusive)', () => {
    const plan = planTrigger(triggerIntentSchema.parse({ kind: 'backfill', push, job, depth: 7 }));
    expect(plan).toMatchObject({
      actionName: 'backfill',
      taskId: job.taskId,
      input: { depth: 7, times: 1, inclusive: false, retrigger: true },
      expectedTasks: 7,
    });
    expect(
      planTrigger(triggerIntentSchema.parse({ kind: 'backfill', push, job, depth: 7, times: 2, inclusive: true }))
        .expectedTasks,
    ).toBe(16);
  });

  it('refuses inputs outside the in-tree limits', () => {
    expect(triggerIntentSchema.safeParse({ kind: 'backfill', push, job, depth: 26 }).success).toBe(false);
    expect(triggerIntentSchema.safeParse({ kind: 'retrigger', push, labels: ['a'], times: 101 }).success).toBe(false);
    expect(triggerIntentSchema.safeParse({ kind: 'retrigger', push, labels: [], times: 1 }).success).toBe(false);
  });

  it('gives identical requests the same dedupe key regardless of label order', () => {
    const a = planTrigger(triggerIntentSchema.parse({ kind: 'add-new-jobs', push, labels: ['x', 'y'] }));
    const b = planTrigger(triggerIntentSchema.parse({ kind: 'add-new-jobs', push, labels: ['y', 'x'] }));
    const c = planTrigger(triggerIntentSchema.parse({ kind: 'add-new-jobs', push, labels: ['y', 'x'], times: 2 }));
    expect(a.dedupeKey).toBe(b.dedupeKey);
    expect(a.dedupeKey).not.toBe(c.dedupeKey);
  });

  it('cancel and cancel-all create nothing; run-missing-tests counts the known missing labels', () => {
    expect(planTrigger(triggerIntentSchema.parse({ kind: 'cancel', push, job })).expectedTasks).toBe(0);
    expect(planTrigger(triggerIntentSchema.parse({ kind: 'cancel-all', push })).actionName).toBe('cancel-all');
    expect(
      planTrigger(triggerIntentSchema.parse({ kind: 'run-missing-tests', push, missingLabels: ['a', 'b'] }))
        .expectedTasks,
    ).toBe(2);
  });
});
