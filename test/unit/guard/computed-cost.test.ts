import { describe, expect, it } from 'vitest';
import { triggerIntentSchema } from '../../../src/actions/intents';
import { DEFAULT_SETTINGS } from '../../../src/settings';
import { push, setupPipeline } from '../background/trigger-setup';

/** Issue 15, finding 4: the background computes every cost from the CI's data, never from the page. */
describe('costs the guard computes itself', () => {
  const labels = Array.from({ length: 79 }, (_, i) => `test-linux/opt-mochitest-${i + 1}`);

  it("run-missing-tests with missingLabels: [] counts the push's real missing test jobs (79): confirmation, and the cap", async () => {
    const t = setupPipeline();
    t.fake.missingLabels = labels;
    const intent = triggerIntentSchema.parse({ kind: 'run-missing-tests', push, missingLabels: [] });
    const outcome = await t.pipeline.trigger(intent, { confirmed: false });
    expect(outcome).toMatchObject({ status: 'needs-confirmation', cost: { tasks: 79 } });
    expect(outcome.status === 'needs-confirmation' && outcome.summary).toBe(
      'Run the 79 missing test jobs of autoland push 7',
    );
    expect(t.fake.hookCalls).toHaveLength(0);

    const capped = setupPipeline({ settings: async () => ({ ...DEFAULT_SETTINGS, dailyTaskCap: 50 }) });
    capped.fake.missingLabels = labels;
    expect(await capped.pipeline.trigger(intent, { confirmed: true })).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/would create 79 tasks/),
    });
    expect(capped.fake.hookCalls).toHaveLength(0);
  });

  it("a declared list is ignored: the CI's count wins both ways", async () => {
    const t = setupPipeline();
    t.fake.missingLabels = labels.slice(0, 2);
    const declared = triggerIntentSchema.parse({ kind: 'run-missing-tests', push, missingLabels: labels });
    const preview = await t.pipeline.preview(declared);
    expect(preview).toMatchObject({ decision: 'allow', cost: { tasks: 2 } });
  });

  it('run-missing-tests whose count cannot be read from the CI is refused, not guessed', async () => {
    const t = setupPipeline();
    t.fake.ci.missingTestLabels = async () => {
      throw new Error('Push 7 has no decision task yet, so its runnable jobs are unknown.');
    };
    const intent = triggerIntentSchema.parse({ kind: 'run-missing-tests', push });
    expect(await t.pipeline.trigger(intent, { confirmed: true })).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/could not be counted.*no decision task yet/),
    });
    expect(t.fake.hookCalls).toHaveLength(0);
  });

  it("cancel-all counts the push's unfinished tasks and always asks first, even for a few", async () => {
    const t = setupPipeline();
    t.fake.unfinished = 3;
    const intent = triggerIntentSchema.parse({ kind: 'cancel-all', push });
    const outcome = await t.pipeline.trigger(intent, { confirmed: false });
    expect(outcome).toMatchObject({
      status: 'needs-confirmation',
      cost: { cancels: 3 },
      reason: expect.stringMatching(/cancels 3 unfinished tasks\. Confirm/),
    });
    expect(t.fake.hookCalls).toHaveLength(0);
    expect(await t.pipeline.trigger(intent, { confirmed: true })).toMatchObject({ status: 'triggered' });
    expect(t.fake.hookCalls).toHaveLength(1);
  });
});
