import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/zod-setup';
import { renderHookPayload } from '../../src/actions/render-payload';
import { selectHookAction } from '../../src/actions/select-action';
import { createCiClients } from '../../src/ci';
import { mayHaveActed } from '../../src/http/errors';
import { startFakeCi, type FakeCi } from './server';

/** The extension's own client stack against the fake: real Hawk (with payload hash), real timeouts. */
function clientsFor(fake: FakeCi, timeoutMs = 2_000) {
  return createCiClients(
    { treeherderUrl: fake.url, taskclusterRootUrl: fake.url, hgUrl: fake.url },
    { timeoutMs, sleep: async () => undefined },
  );
}

async function retriggerOnce(fake: FakeCi, timeoutMs?: number) {
  const clients = clientsFor(fake, timeoutMs);
  const push = fake.truth.pushes.at(-1)!;
  const actions = await clients.taskcluster.actionsJson(push.decisionTaskId);
  const action = selectHookAction(actions, 'retrigger-multiple', null);
  const label = (await clients.treeherder.jobsForPush(push.id)).find((j) => j.job_type_name.startsWith('test-'))!;
  const payload = renderHookPayload(action, actions, {
    taskGroupId: push.decisionTaskId,
    taskId: null,
    input: { requests: [{ tasks: [label.job_type_name], times: 1 }] },
  });
  const before = fake.state().hookTriggers.length;
  const result = await clients.taskcluster
    .triggerHook(action.hookGroupId, action.hookId, payload, fake.credentials)
    .then(
      (r) => ({ ok: true as const, r }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  return { result, calls: fake.state().hookTriggers.slice(before), clients, push };
}

describe('faults in which the server acts and then fails', () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'default', timeScale: 0, clockSkewMs: -5 * 60_000 });
  });
  afterAll(() => fake.close());

  it('verifies the payload hash of a signed hook call', async () => {
    fake.setAfterActingFaults({ actThenErrorRate: 0, actThenLateRate: 0, actThenMalformedRate: 0 });
    const { result, calls } = await retriggerOnce(fake);
    expect(result.ok).toBe(true);
    expect(calls).toMatchObject([{ hawkOk: true, statusCode: 200 }]);
  });

  it('5xx after acting: the action task exists, the client sees a 502 it must not retry', async () => {
    fake.setAfterActingFaults({ actThenErrorRate: 1 });
    const { result, calls } = await retriggerOnce(fake);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ status: 502, tries: 1 });
    expect(!result.ok && mayHaveActed(result.error)).toBe(true);
    expect(calls).toHaveLength(1);
    // The hook acted: its action task exists (its tasks come when that task runs, as in Firefox CI).
    expect(calls[0]!.actionTaskId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(fake.afterActingLog().at(-1)).toMatchObject({ fault: 'error' });
  });

  it('malformed body after acting: one call, an unreadable answer', async () => {
    fake.setAfterActingFaults({ actThenErrorRate: 0, actThenMalformedRate: 1 });
    const { result, calls } = await retriggerOnce(fake);
    expect(!result.ok && String(result.error)).toMatch(/not valid JSON \(after 1 try\)/);
    expect(calls).toHaveLength(1);
  });

  it('answer after the client timeout: the client times out once, the task exists', async () => {
    fake.setAfterActingFaults({ actThenMalformedRate: 0, actThenLateRate: 1, lateAnswerMs: 1_500 });
    const { result, calls } = await retriggerOnce(fake, 500);
    expect(!result.ok && result.error).toMatchObject({ kind: 'timeout', tries: 1 });
    expect(calls).toHaveLength(1);
    fake.setAfterActingFaults({ actThenLateRate: 0 });
  });

  it("the Date header tells the server's (skewed) clock, which also stamps the tasks", async () => {
    const { clients, push } = await retriggerOnce(fake);
    const offset = clients.http.serverClockOffsetMs(fake.url)!;
    expect(Math.abs(offset + 5 * 60_000)).toBeLessThan(5_000);
    const newest = (await clients.taskcluster.listTaskGroup(push.decisionTaskId))
      .map(({ task }) => Date.parse(task.created))
      .sort((a, b) => b - a)[0]!;
    expect(Math.abs(newest - (Date.now() + offset))).toBeLessThan(60_000);
  });
});
