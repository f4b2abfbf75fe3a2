import { describe, expect, it } from 'vitest';
import { retrigger, setupPipeline, stopped } from './trigger-setup';

/** Issue 15, finding 1: an unclear answer is its own state, never "failed", and never sent twice. */
describe('an answer that does not say whether the hook ran', () => {
  it('5xx after acting: shown as triggered (found in the task group), not failed', async () => {
    const t = setupPipeline();
    t.fake.fates.push('act-then-502');
    const outcome = await t.pipeline.trigger(retrigger(), { confirmed: false });
    expect(outcome).toMatchObject({ status: 'triggered', actionTaskId: 'ActionTask000000000001' });
    expect(await t.log.all()).toMatchObject([
      {
        state: 'triggered',
        actionTaskId: 'ActionTask000000000001',
        reconciliation: expect.stringMatching(/went through/),
      },
    ]);
    expect(t.triggered).toHaveLength(1);
    expect(t.fake.hookCalls).toHaveLength(1);
  });

  it('a body that is not JSON after acting: triggered, with the action task found', async () => {
    const t = setupPipeline();
    t.fake.fates.push('act-then-malformed');
    const outcome = await t.pipeline.trigger(retrigger(), { confirmed: false });
    expect(outcome).toMatchObject({ status: 'triggered', actionTaskId: 'ActionTask000000000001' });
    expect(t.fake.hookCalls).toHaveLength(1);
  });

  it('a timeout, the server acting later: "checking…", a retry click is merged (not sent), then it shows as triggered', async () => {
    const t = setupPipeline();
    t.fake.fates.push('act-late-after-timeout');
    const first = await t.pipeline.trigger(retrigger(), { confirmed: false });
    expect(first).toMatchObject({
      status: 'unclear',
      logId: 'log-1',
      reason: expect.stringMatching(/Checking whether it went through/),
    });
    expect((await t.log.get('log-1'))?.state).toBe('unclear');
    expect(t.schedules).toContain(true);
    expect(await t.pipeline.status({ logId: 'log-1' })).toMatchObject({
      state: 'unclear',
      sentence: expect.stringMatching(/checking whether it went through/),
    });

    // The user clicks again 30 s later (past the 15 s double-click window): merged, nothing sent.
    t.advance(30_000);
    const again = await t.pipeline.trigger(retrigger(), { confirmed: false });
    expect(again).toMatchObject({ status: 'merged', logId: 'log-1' });
    expect(t.fake.hookCalls).toHaveLength(1);

    // The server's late action task appears; the alarm's reconciliation settles the record.
    t.fake.actLate();
    t.advance(30_000);
    expect(await t.pipeline.reconcilePending()).toMatchObject([{ id: 'log-1', state: 'triggered' }]);
    expect(await t.pipeline.status({ logId: 'log-1' })).toMatchObject({
      state: 'triggered',
      actionTaskId: 'ActionTask000000000001',
    });
    expect(t.triggered).toHaveLength(1);
    expect(t.schedules.at(-1)).toBe(false);
  });

  it('a request lost on the way: unclear until the window closes, then "not triggered", never re-sent', async () => {
    const t = setupPipeline();
    t.fake.fates.push('lost');
    const outcome = await t.pipeline.trigger(retrigger(), { confirmed: false });
    expect(outcome.status).toBe('unclear');
    t.advance(20_000);
    expect(await t.pipeline.reconcilePending()).toEqual([]); // the server could still act
    t.advance(120_000);
    expect(await t.pipeline.reconcilePending()).toMatchObject([
      { id: 'log-1', state: 'failed', reconciliation: 'not triggered: no action task was created for it' },
    ]);
    expect(await t.pipeline.status({ logId: 'log-1' })).toMatchObject({ state: 'not-triggered' });
    expect(t.fake.hookCalls).toHaveLength(0);
    // Now it is settled, the same request may be sent again.
    expect((await t.pipeline.trigger(retrigger(), { confirmed: false })).status).toBe('triggered');
  });

  it('two identical clicks racing a slow answer (31 s) are one trigger: the second is merged, not queued and sent', async () => {
    const t = setupPipeline();
    const slow = t.restart({
      ci: {
        ...t.fake.ci,
        triggerHook: async (...args: Parameters<typeof t.fake.ci.triggerHook>) => {
          const answer = await t.fake.ci.triggerHook(...args);
          t.advance(31_000); // Taskcluster answers after 31 s
          return answer;
        },
      },
    });
    const [first, second] = await Promise.all([
      slow.trigger(retrigger(), { confirmed: false }),
      slow.trigger(retrigger(), { confirmed: false }),
    ]);
    expect(first).toMatchObject({ status: 'triggered' });
    expect(second).toMatchObject({ status: 'merged', logId: 'log-1' });
    expect(t.fake.hookCalls).toHaveLength(1);
  });

  it('a call resent by the page after the background stopped mid-way (same call id) is answered, not sent again', async () => {
    const t = setupPipeline({ afterNetwork: stopped });
    await expect(t.pipeline.trigger(retrigger(), { confirmed: false, requestId: 'call-0001' })).rejects.toThrow(
      'worker stopped',
    );
    // The new background settles it at start-up; the page's resend arrives 31 s after the first send.
    const restarted = t.restart();
    await restarted.reconcilePending();
    t.advance(31_000);
    expect(await restarted.trigger(retrigger(), { confirmed: false, requestId: 'call-0001' })).toMatchObject({
      status: 'triggered',
      logId: 'log-1',
      actionTaskId: 'ActionTask000000000001',
    });
    expect(t.fake.hookCalls).toHaveLength(1);
    // A new click (a new call id) is a new request.
    expect(await restarted.trigger(retrigger(), { confirmed: false, requestId: 'call-0002' })).toMatchObject({
      status: 'triggered',
    });
    expect(t.fake.hookCalls).toHaveLength(2);
  });

  it('a definite refusal (4xx) is failed at once, with a sentence, and counts as not sent', async () => {
    const t = setupPipeline();
    t.fake.fates.push('refuse-403');
    await expect(t.pipeline.trigger(retrigger(), { confirmed: false })).rejects.toMatchObject({ status: 403 });
    const [entry] = await t.log.all();
    expect(entry).toMatchObject({ state: 'failed' });
    expect(entry!.error).toMatch(/^Taskcluster refused the trigger of hook x \(HTTP 403\)/);
    expect(entry!.error).not.toMatch(/POST https?:/);
  });

  it('the reply lost with a stopped background: the page can ask by intent and hears what it turned out to be', async () => {
    const t = setupPipeline({
      afterNetwork: async () => {
        throw new Error('worker stopped');
      },
    });
    await expect(t.pipeline.trigger(retrigger(), { confirmed: false })).rejects.toThrow('worker stopped');
    const restarted = t.restart();
    expect(await restarted.status({ intent: retrigger() })).toMatchObject({ state: 'pending' });
    await restarted.reconcilePending();
    expect(await restarted.status({ intent: retrigger() })).toMatchObject({
      state: 'triggered',
      actionTaskId: 'ActionTask000000000001',
    });
  });
});
