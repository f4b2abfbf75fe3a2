import { describe, expect, it } from 'vitest';
import { retrigger, setupPipeline, stopped } from './trigger-setup';

/** Issue 15, finding 2: reconciliation claims at most one task per record, only its own, on the server's clock. */
describe('reconciling records against the task group', () => {
  it('two identical retriggers 16 s apart, the second lost and the worker stopped: only the first is triggered', async () => {
    const t = setupPipeline();
    expect(await t.pipeline.trigger(retrigger(), { confirmed: false })).toMatchObject({
      status: 'triggered',
      actionTaskId: 'ActionTask000000000001',
    });
    t.advance(16_000);
    // The second one's request never reaches Taskcluster, and the worker stops before any answer.
    const lossy = t.restart({ beforeNetwork: stopped });
    await expect(lossy.trigger(retrigger(), { confirmed: false })).rejects.toThrow('worker stopped');
    expect(t.fake.hookCalls).toHaveLength(1);

    t.advance(5 * 60_000);
    const settled = await t.restart().reconcilePending();
    expect(settled).toMatchObject([{ id: 'log-2', state: 'failed' }]);
    const entries = await t.log.all();
    expect(entries.filter((e) => e.actionTaskId === 'ActionTask000000000001')).toHaveLength(1);
    expect(t.triggered).toHaveLength(1);
  });

  it("with Taskcluster's clock 2 minutes behind, a trigger that happened is found", async () => {
    const t = setupPipeline({ afterNetwork: stopped });
    t.fake.serverOffsetMs = -120_000;
    await expect(t.pipeline.trigger(retrigger(), { confirmed: false })).rejects.toThrow('worker stopped');
    t.advance(10_000);
    expect(await t.restart().reconcilePending()).toMatchObject([
      {
        id: 'log-1',
        state: 'triggered',
        actionTaskId: 'ActionTask000000000001',
        reconciliation: 'found the action task after a restart',
      },
    ]);
  });

  it("with Taskcluster's clock 5 minutes ahead, a trigger that did not happen is not settled early, nor matched to an older task", async () => {
    const t = setupPipeline();
    t.fake.serverOffsetMs = 5 * 60_000;
    await t.pipeline.trigger(retrigger(), { confirmed: false }); // log-1, triggered: ActionTask…1
    t.advance(20_000);
    await expect(t.restart({ beforeNetwork: stopped }).trigger(retrigger(), { confirmed: false })).rejects.toThrow();
    t.advance(30_000);
    expect(await t.restart().reconcilePending()).toEqual([]); // still inside its window on the server's clock
    t.advance(120_000);
    expect(await t.restart().reconcilePending()).toMatchObject([{ id: 'log-2', state: 'failed' }]);
  });

  it("a step of Taskcluster's clock after the send does not move the record's window", async () => {
    const t = setupPipeline({ afterNetwork: stopped });
    await expect(t.pipeline.trigger(retrigger(), { confirmed: false })).rejects.toThrow('worker stopped');
    t.fake.serverOffsetMs = 3 * 60_000; // the server clock stepped 3 minutes forward since
    t.advance(10_000);
    expect(await t.restart().reconcilePending()).toMatchObject([
      { id: 'log-1', state: 'triggered', actionTaskId: 'ActionTask000000000001' },
    ]);
  });

  it('never claims a task another record holds, and says so when the match is ambiguous', async () => {
    // Two bisection probes with identical content (own dedupe scopes) 3 s apart; only one hook call reached
    // Taskcluster, and the worker stopped around both.
    const t = setupPipeline();
    await expect(
      t
        .restart({ afterNetwork: stopped })
        .trigger(retrigger(1), { confirmed: true, origin: 'bisect:a:1', dedupeScope: 'a1' }),
    ).rejects.toThrow();
    t.advance(3_000);
    await expect(
      t
        .restart({ beforeNetwork: stopped })
        .trigger(retrigger(1), { confirmed: true, origin: 'bisect:a:2', dedupeScope: 'a2' }),
    ).rejects.toThrow();
    t.advance(5 * 60_000);
    const settled = await t.restart().reconcilePending();
    expect(settled).toHaveLength(2);
    for (const entry of settled) {
      expect(entry.state).toBe('unclear');
      expect(entry.reconciliation).toMatch(
        /^unclear: one matching action task \(ActionTask000000000001\) could belong/,
      );
    }
    expect((await t.log.all()).filter((e) => e.state === 'triggered')).toHaveLength(0);
    expect(await t.log.settledOutcome('bisect:a:1')).toBe('unclear');
    expect(await t.pipeline.status({ logId: 'log-1' })).toMatchObject({
      sentence: expect.stringMatching(/unclear: one matching/),
    });
  });

  it('leaves a request still in flight in this worker alone, even past its window', async () => {
    let release!: () => void;
    const t = setupPipeline();
    const slowCi = {
      ...t.fake.ci,
      triggerHook: async (...args: Parameters<typeof t.fake.ci.triggerHook>) => {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return t.fake.ci.triggerHook(...args);
      },
    };
    const pipeline = t.restart({ ci: slowCi });
    const running = pipeline.trigger(retrigger(), { confirmed: false });
    await new Promise((r) => setTimeout(r, 20));
    t.advance(10 * 60_000);
    expect(await pipeline.reconcilePending()).toEqual([]);
    expect((await t.log.get('log-1'))?.state).toBe('pending');
    release();
    expect(await running).toMatchObject({ status: 'triggered' });
    expect((await t.log.get('log-1'))?.state).toBe('triggered');
  });

  it('keeps checking on alarms while Taskcluster cannot be reached, and stops the alarm once all are settled', async () => {
    const t = setupPipeline({ afterNetwork: stopped });
    await expect(t.pipeline.trigger(retrigger(), { confirmed: false })).rejects.toThrow();
    t.fake.listingDown = true;
    const restarted = t.restart();
    expect(await restarted.reconcilePending()).toEqual([]);
    expect(t.schedules.at(-1)).toBe(true);
    t.fake.listingDown = false;
    expect(await restarted.reconcilePending()).toMatchObject([{ state: 'triggered' }]);
    expect(t.schedules.at(-1)).toBe(false);
  });
});

describe('what the bisection runner reads: settledOutcome(origin)', () => {
  it('is pending, unclear, triggered or not-triggered; only triggered means sent', async () => {
    const t = setupPipeline();
    await t.pipeline.trigger(retrigger(1), { confirmed: true, origin: 'probe-ok', dedupeScope: 'ok' });
    t.fake.fates.push('lost');
    await t.pipeline.trigger(retrigger(1), { confirmed: true, origin: 'probe-lost', dedupeScope: 'lost' });
    await expect(
      t
        .restart({ afterNetwork: stopped })
        .trigger(retrigger(2), { confirmed: true, origin: 'probe-stopped', dedupeScope: 's' }),
    ).rejects.toThrow();
    expect(await t.log.settledOutcome('probe-ok')).toBe('triggered');
    expect(await t.log.settledOutcome('probe-lost')).toBe('unclear');
    expect(await t.log.settledOutcome('probe-stopped')).toBe('pending');
    expect(await t.log.settledOutcome('never-sent')).toBeUndefined();
    t.advance(5 * 60_000);
    await t.restart().reconcilePending();
    expect(await t.log.settledOutcome('probe-lost')).toBe('not-triggered');
    expect(await t.log.settledOutcome('probe-stopped')).toBe('triggered');
  });
});
