import { describe, expect, it } from 'vitest';
import { triggerIntentSchema } from '../../../src/actions/intents';
import { planTrigger } from '../../../src/actions/plan-trigger';

const push = { repo: 'autoland', pushId: 1600022, revision: '42b7c275ff271c2815ba791b88e03a642b1d4361' };

describe('run-test-manifests: a task of its own push with only some manifests', () => {
  it('is gecko’s push-level backfill-task with test_manifests (backfill.py), on the push’s own revision', () => {
    const intent = triggerIntentSchema.parse({
      kind: 'run-test-manifests',
      push,
      label: 'test-linux1804-64-qr/debug-mochitest-plain-5',
      symbol: '5',
      testPaths: { 'mochitest-plain': ['dom/events/test/mochitest.toml'] },
      times: 10,
    });
    const plan = planTrigger(intent);
    expect(plan).toMatchObject({
      actionName: 'backfill-task',
      taskId: null,
      input: {
        label: 'test-linux1804-64-qr/debug-mochitest-plain-5',
        revision: push.revision,
        symbol: '5',
        test_manifests: { 'mochitest-plain': ['dom/events/test/mochitest.toml'] },
        times: 10,
        retrigger: true,
      },
      runs: [{ label: 'test-linux1804-64-qr/debug-mochitest-plain-5', times: 10 }],
      expectedTasks: 10,
      summary:
        'Run test-linux1804-64-qr/debug-mochitest-plain-5 with only dom/events/test/mochitest.toml ×10 on autoland push 1600022',
    });
  });

  it('keeps to backfill-task’s limits: at most 10 times, at least one manifest', () => {
    const base = { kind: 'run-test-manifests', push, label: 'x', symbol: 'p' };
    expect(triggerIntentSchema.safeParse({ ...base, testPaths: { s: ['m'] }, times: 11 }).success).toBe(false);
    expect(triggerIntentSchema.safeParse({ ...base, testPaths: { s: [] }, times: 1 }).success).toBe(false);
  });
});
