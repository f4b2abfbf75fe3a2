/** The trigger pipeline does what Treeherder does: no backfill on try or expired tasks, retrigger fallback. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { triggerIntentSchema } from '../../../src/actions/intents';
import type { ActionsJson, HookAction } from '../../../src/ci/schemas/actions';
import type { StoredCredentials } from '../../../src/credentials';
import { DEFAULT_SETTINGS } from '../../../src/settings';
import { TriggerLog } from '../../../background/triggers/trigger-log';
import { createTriggerPipeline } from '../../../background/triggers/pipeline';
import type { CiGateway } from '../../../background/triggers/ci-gateway';

const hook = (name: string, context: Record<string, string>[] = [], schema?: Record<string, unknown>): HookAction => ({
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
  ...(schema ? { schema } : {}),
});
const push = { repo: 'autoland', pushId: 7, revision: 'abcdefabcdef' };
const job = { jobId: 42, taskId: 'AbCdEfGhIjKlMnOpQrStUv', label: 'test-a' };
const creds: StoredCredentials = { clientId: 'me/client', accessToken: 'secret-token-123', source: 'pasted' };
const NOW = Date.parse('2026-11-24T12:00:00Z');

let db = 0;
function setup(actions: HookAction[], ci: Partial<CiGateway> = {}) {
  const calls: { action: string; payload: Record<string, unknown> }[] = [];
  const actionsJson: ActionsJson = { version: 1, variables: {}, actions };
  const log = new TriggerLog(`parity-log-${db++}`);
  const pipeline = createTriggerPipeline({
    ci: {
      decisionTaskId: async () => 'DecisionTask0000000000A',
      actionsJson: async () => actionsJson,
      taskTags: async () => ({ kind: 'test' }),
      decisionTaskScopes: async () => ['in-tree:hook-action:project-gecko/in-tree-action-3-*'],
      triggerHook: async (_push, action, payload) => {
        calls.push({ action: action.name, payload });
        return { actionTaskId: `ActionTask${String(calls.length).padStart(12, '0')}` };
      },
      actionTasks: async () => ({ tasks: [] }),
      missingTestLabels: async () => [],
      unfinishedTaskCount: async () => 0,
      serverClockOffsetMs: async () => undefined,
      recentDurations: async () => ({}),
      ...ci,
    },
    log,
    credentials: async () => creds,
    settings: async () => ({ ...DEFAULT_SETTINGS, confirmAboveTasks: 1000 }),
    onTriggered: () => undefined,
    now: () => NOW,
    newId: () => `log-${Math.random()}`,
  });
  return { pipeline, calls, log };
}

const backfill = () => triggerIntentSchema.parse({ kind: 'backfill', push, job, depth: 7 });

describe('trigger pipeline, Treeherder parity', () => {
  it('refuses a backfill on try with the reason, in the preview and when asked to trigger, and sends nothing', async () => {
    const t = setup([hook('backfill', [{}])], {
      backfillFacts: async () => ({ isTryRepo: true, taskExpires: '2027-01-01T00:00:00.000Z' }),
    });
    const preview = await t.pipeline.preview(backfill());
    expect(preview).toMatchObject({
      decision: 'refuse',
      reason: expect.stringMatching(/^Backfill is not available on try/),
    });
    const outcome = await t.pipeline.trigger(backfill(), { confirmed: true });
    expect(outcome).toMatchObject({ status: 'refused', reason: preview.reason });
    expect(t.calls).toEqual([]);
  });

  it('refuses a backfill of an expired task', async () => {
    const t = setup([hook('backfill', [{}])], {
      backfillFacts: async () => ({ isTryRepo: false, taskExpires: '2026-11-01T00:00:00.000Z' }),
    });
    expect(await t.pipeline.trigger(backfill(), { confirmed: true })).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/task expired on 2026-11-01/),
    });
    expect(t.calls).toEqual([]);
  });

  it('backfills where Treeherder would', async () => {
    const t = setup([hook('backfill', [{}])], {
      backfillFacts: async () => ({ isTryRepo: false, taskExpires: '2027-11-01T00:00:00.000Z' }),
    });
    expect(await t.pipeline.trigger(backfill(), { confirmed: true })).toMatchObject({ status: 'triggered' });
    expect(t.calls.map((c) => c.action)).toEqual(['backfill']);
  });

  it('retriggers with add-new-jobs and the same labels when the push has no retrigger-multiple, and logs what it sent', async () => {
    const t = setup([
      hook('add-new-jobs', [], {
        type: 'object',
        properties: { tasks: { type: 'array' }, times: { type: 'integer' } },
      }),
    ]);
    const outcome = await t.pipeline.trigger(
      triggerIntentSchema.parse({ kind: 'retrigger', push, labels: ['test-a', 'test-b'], times: 3 }),
      { confirmed: true },
    );
    expect(outcome).toMatchObject({ status: 'triggered' });
    expect(t.calls).toEqual([
      {
        action: 'add-new-jobs',
        payload: expect.objectContaining({
          user: {
            input: { tasks: ['test-a', 'test-b'], times: 3 },
            taskId: null,
            taskGroupId: 'DecisionTask0000000000A',
          },
        }),
      },
    ]);
    const [entry] = await t.log.all();
    expect(entry).toMatchObject({ actionName: 'add-new-jobs', input: { tasks: ['test-a', 'test-b'], times: 3 } });
  });

  it('estimates confirm-failures from the job’s failing tests', async () => {
    const t = setup([hook('confirm-failures', [{ kind: 'test' }])], {
      failingTests: async () => ['a.js', 'b.js', 'c.js'],
    });
    const preview = await t.pipeline.preview(triggerIntentSchema.parse({ kind: 'confirm-failures', push, job }));
    expect(preview.cost.tasks).toBe(3);
  });
});
