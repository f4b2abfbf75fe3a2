import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { triggerIntentSchema } from '../../../src/actions/intents';
import type { ActionsJson, HookAction } from '../../../src/ci/schemas/actions';
import type { StoredCredentials } from '../../../src/credentials';
import { DEFAULT_SETTINGS } from '../../../src/settings';
import type { TriggerLogEntry } from '../../../src/log/entry';
import { TriggerLog } from '../../../background/triggers/trigger-log';
import { createTriggerPipeline, type PipelineDeps } from '../../../background/triggers/pipeline';
import type { CiGateway } from '../../../background/triggers/ci-gateway';
import { HttpError } from '../../../src/http/errors';

const hook = (name: string, context: Record<string, string>[] = []): HookAction => ({
  name,
  title: name,
  description: '',
  kind: 'hook',
  context,
  hookGroupId: 'project-gecko',
  hookId: 'in-tree-action-3-generic/abc123',
  hookPayload: {
    decision: { action: { cb_name: name } },
    user: { input: { $eval: 'input' }, taskId: { $eval: 'taskId' }, taskGroupId: { $eval: 'taskGroupId' } },
  },
});
const actionsJson: ActionsJson = {
  version: 1,
  variables: {},
  actions: [hook('retrigger-multiple'), hook('backfill', [{}])],
};
const push = { repo: 'autoland', pushId: 7, revision: 'abcdefabcdef' };
const creds: StoredCredentials = { clientId: 'me/client', accessToken: 'secret-token-123', source: 'pasted' };

let dbCounter = 0;
function setup(overrides: Partial<PipelineDeps> = {}, ciOverrides: Partial<CiGateway> = {}) {
  const calls: { payload: Record<string, unknown> }[] = [];
  const created = new Map<string, { actionName: string; input: unknown; at: number }>();
  const ci: CiGateway = {
    decisionTaskId: async () => 'DecisionTask0000000000A',
    actionsJson: async () => actionsJson,
    taskTags: async () => ({ kind: 'test' }),
    decisionTaskScopes: async () => ['in-tree:hook-action:project-gecko/in-tree-action-3-*'],
    triggerHook: async (_push, action, payload) => {
      calls.push({ payload });
      const id = `ActionTask${String(calls.length).padStart(12, '0')}`;
      created.set(id, { actionName: action.name, input: (payload.user as { input: unknown }).input, at: clock });
      return { actionTaskId: id };
    },
    actionTasks: async () => ({
      tasks: [...created].map(([taskId, v]) => ({ taskId, actionName: v.actionName, input: v.input, created: v.at })),
      serverOffsetMs: 0,
    }),
    missingTestLabels: async () => [],
    serverClockOffsetMs: async () => 0,
    unfinishedTaskCount: async () => 0,
    recentDurations: async () => ({ 'test-a': 10 }),
    ...ciOverrides,
  };
  const log = new TriggerLog(`test-log-${dbCounter++}`);
  const triggered: TriggerLogEntry[] = [];
  let clock = Date.parse('2026-11-24T12:00:00Z');
  let ids = 0;
  const deps: PipelineDeps = {
    ci,
    log,
    credentials: async () => creds,
    settings: async () => DEFAULT_SETTINGS,
    onTriggered: (e) => {
      triggered.push(e);
    },
    now: () => (clock += 10),
    newId: () => `log-${++ids}`,
    ...overrides,
  };
  const advance = (ms: number) => {
    clock += ms;
  };
  return { deps, pipeline: createTriggerPipeline(deps), calls, log, triggered, advance };
}

const retrigger = (times = 3) => triggerIntentSchema.parse({ kind: 'retrigger', push, labels: ['test-a'], times });

describe('trigger pipeline', () => {
  it('renders and triggers once, logging before and after', async () => {
    const { pipeline, calls, log, triggered } = setup();
    const outcome = await pipeline.trigger(retrigger(), { confirmed: false });
    expect(outcome).toMatchObject({ status: 'triggered', actionTaskId: 'ActionTask000000000001' });
    expect(calls[0]!.payload).toEqual({
      decision: { action: { cb_name: 'retrigger-multiple' } },
      user: {
        input: { requests: [{ tasks: ['test-a'], times: 3 }] },
        taskId: null,
        taskGroupId: 'DecisionTask0000000000A',
      },
    });
    const [entry] = await log.all();
    expect(entry).toMatchObject({
      state: 'triggered',
      actionTaskId: 'ActionTask000000000001',
      expectedTasks: 3,
      machineMinutes: 30,
      decisionTaskId: 'DecisionTask0000000000A',
    });
    expect(triggered).toHaveLength(1);
  });

  it('merges a double click into one trigger', async () => {
    const { pipeline, calls } = setup();
    const [a, b] = await Promise.all([
      pipeline.trigger(retrigger(), { confirmed: false }),
      pipeline.trigger(retrigger(), { confirmed: false }),
    ]);
    expect(a.status).toBe('triggered');
    expect(b).toMatchObject({ status: 'merged', logId: 'log-1' });
    expect(calls).toHaveLength(1);
  });

  it('asks for confirmation above the threshold and triggers nothing until confirmed', async () => {
    const { pipeline, calls } = setup();
    expect((await pipeline.trigger(retrigger(20), { confirmed: false })).status).toBe('needs-confirmation');
    expect(calls).toHaveLength(0);
    expect((await pipeline.trigger(retrigger(20), { confirmed: true })).status).toBe('triggered');
  });

  it('a worker stopped after the trigger but before the after-record: reconciled from Taskcluster, not re-triggered', async () => {
    const first = setup({
      afterNetwork: async () => {
        throw new Error('worker stopped');
      },
    });
    await expect(first.pipeline.trigger(retrigger(), { confirmed: false })).rejects.toThrow('worker stopped');
    expect((await first.log.all())[0]!.state).toBe('pending');
    // A fresh pipeline over the same log and CI, as after a restart.
    const restarted = createTriggerPipeline({ ...first.deps, afterNetwork: undefined });
    const settled = await restarted.reconcilePending();
    expect(settled).toMatchObject([{ state: 'triggered', actionTaskId: 'ActionTask000000000001' }]);
    expect(first.calls).toHaveLength(1);
    expect(first.triggered).toHaveLength(1);
  });

  it('a worker stopped before the network call: settled as not triggered, nothing sent', async () => {
    const first = setup({
      beforeNetwork: async () => {
        throw new Error('worker stopped');
      },
    });
    await expect(first.pipeline.trigger(retrigger(), { confirmed: false })).rejects.toThrow('worker stopped');
    // Settled once the window in which Taskcluster could still have acted has passed.
    first.advance(5 * 60_000);
    const settled = await createTriggerPipeline({ ...first.deps, beforeNetwork: undefined }).reconcilePending();
    expect(settled).toMatchObject([{ state: 'failed', reconciliation: expect.stringMatching(/not triggered/) }]);
    expect(first.calls).toHaveLength(0);
  });

  it('says clearly when not signed in or expired, and never logs the token', async () => {
    await expect(
      setup({ credentials: async () => undefined }).pipeline.trigger(retrigger(), { confirmed: false }),
    ).rejects.toThrow(/Sign in to Taskcluster first/);
    const expired = setup({
      credentials: async () => ({ ...creds, source: 'treeherder', expires: '2020-01-01T00:00:00Z' }),
    });
    await expect(expired.pipeline.trigger(retrigger(), { confirmed: false })).rejects.toThrow(
      /Treeherder login has expired/,
    );
    const leaky = setup(
      {},
      {
        // A definite refusal whose server text echoes the token (an unclear answer is never thrown).
        triggerHook: async () => {
          throw new HttpError({
            kind: 'http',
            status: 403,
            method: 'POST',
            url: 'https://tc.example/api/hooks/v1/hooks/g/h/trigger',
            source: 'taskcluster',
            what: 'the trigger of hook g/h',
            tries: 1,
            serverMessage: '403 for secret-token-123',
          });
        },
      },
    );
    await expect(leaky.pipeline.trigger(retrigger(), { confirmed: false })).rejects.toThrow();
    expect(JSON.stringify(await leaky.log.all())).not.toContain('secret-token-123');
  });

  it('refuses when the decision task does not vouch for the hook', async () => {
    const { pipeline, calls, log } = setup(
      {},
      { decisionTaskScopes: async () => ['in-tree:hook-action:project-gecko/in-tree-action-1-*'] },
    );
    await expect(pipeline.trigger(retrigger(), { confirmed: false })).rejects.toThrow(
      /does not hold in-tree:hook-action:project-gecko\/in-tree-action-3-generic\/abc123/,
    );
    expect(calls).toHaveLength(0);
    expect((await log.all())[0]!.state).toBe('failed');
  });
});
