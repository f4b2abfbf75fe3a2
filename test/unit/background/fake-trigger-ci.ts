/**
 * An in-memory Taskcluster for the trigger pipeline's unit tests: hook calls create action tasks stamped
 * on the server's clock (which may be skewed), and each call can be made to fail the ways real servers
 * and networks do — including after acting.
 */
import { SchemaDriftError } from '../../../src/ci/drift';
import type { ActionsJson, HookAction } from '../../../src/ci/schemas/actions';
import { HttpError } from '../../../src/http/errors';
import type { ActionTaskSeen } from '../../../src/log/reconcile';
import type { CiGateway } from '../../../background/triggers/ci-gateway';

export type HookFate =
  /** Acts and answers. */
  | 'ok'
  /** Acts, then a proxy answers 502. */
  | 'act-then-502'
  /** Acts, but the answer comes after the client gave up. */
  | 'act-then-timeout'
  /** Acts only later (the server was slow), after the client gave up. */
  | 'act-late-after-timeout'
  /** Acts, then the answer body is cut off. */
  | 'act-then-malformed'
  /** Never reaches the server; the browser says only "Failed to fetch". */
  | 'lost'
  /** Refused: the client lacks the scope. */
  | 'refuse-403';

export const hook = (name: string, context: Record<string, string>[] = []): HookAction => ({
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

export const ACTIONS_JSON: ActionsJson = {
  version: 1,
  variables: {},
  actions: [
    hook('retrigger-multiple'),
    hook('backfill', [{}]),
    hook('run-missing-tests'),
    hook('cancel-all'),
    hook('add-new-jobs'),
  ],
};

export const DECISION_TASK = 'DecisionTask0000000000A';

export interface FakeTriggerCi {
  ci: CiGateway;
  /** Hook calls that reached the server. */
  hookCalls: { payload: Record<string, unknown>; fate: HookFate }[];
  tasks: ActionTaskSeen[];
  /** Fates of the next hook calls, in order ('ok' once they run out). */
  fates: HookFate[];
  /** Server clock minus local clock. */
  serverOffsetMs: number;
  /** Acts for calls that were answered before acting (`act-late-after-timeout`). */
  actLate(): void;
  /** The listing fails (Taskcluster unreachable) while true. */
  listingDown: boolean;
  missingLabels: string[];
  unfinished: number;
}

export function createFakeTriggerCi(localNow: () => number): FakeTriggerCi {
  const late: { actionName: string; input: unknown }[] = [];
  let counter = 0;
  const state: FakeTriggerCi = {
    hookCalls: [],
    tasks: [],
    fates: [],
    serverOffsetMs: 0,
    listingDown: false,
    missingLabels: [],
    unfinished: 0,
    actLate: () => {
      for (const call of late.splice(0)) act(call.actionName, call.input);
    },
    ci: undefined as unknown as CiGateway,
  };
  const serverNow = () => localNow() + state.serverOffsetMs;
  function act(actionName: string, input: unknown): string {
    const taskId = `ActionTask${String(++counter).padStart(12, '0')}`;
    state.tasks.push({ taskId, actionName, input, clientId: 'me/client', created: serverNow() });
    return taskId;
  }
  const url = 'https://tc.example/api/hooks/v1/hooks/project-gecko/x/trigger';
  const describe = { method: 'POST', url, source: 'taskcluster' as const, what: 'the trigger of hook x', tries: 1 };

  state.ci = {
    decisionTaskId: async () => DECISION_TASK,
    actionsJson: async () => ACTIONS_JSON,
    taskTags: async () => ({ kind: 'test' }),
    decisionTaskScopes: async () => ['in-tree:hook-action:project-gecko/in-tree-action-3-*'],
    triggerHook: async (_push, action, payload) => {
      const fate = state.fates.shift() ?? 'ok';
      const input = (payload.user as { input: unknown }).input;
      if (fate === 'lost')
        throw new HttpError({ kind: 'network', ...describe, cause: new TypeError('Failed to fetch') });
      state.hookCalls.push({ payload, fate });
      if (fate === 'refuse-403') {
        throw new HttpError({
          kind: 'http',
          status: 403,
          ...describe,
          serverMessage: 'Client ID me/client lacks scopes',
        });
      }
      if (fate === 'act-late-after-timeout') {
        late.push({ actionName: action.name, input });
        throw new HttpError({ kind: 'timeout', ...describe });
      }
      const taskId = act(action.name, input);
      if (fate === 'act-then-502') throw new HttpError({ kind: 'http', status: 502, ...describe });
      if (fate === 'act-then-timeout') throw new HttpError({ kind: 'timeout', ...describe });
      if (fate === 'act-then-malformed')
        throw new SchemaDriftError('taskcluster', 'hooks triggerHook', '', 'is not valid JSON');
      return { actionTaskId: taskId };
    },
    actionTasks: async () => {
      if (state.listingDown) throw new HttpError({ kind: 'network', ...describe, method: 'GET' });
      return { tasks: [...state.tasks], serverOffsetMs: state.serverOffsetMs };
    },
    serverClockOffsetMs: async () => state.serverOffsetMs,
    missingTestLabels: async () => state.missingLabels,
    unfinishedTaskCount: async () => state.unfinished,
    recentDurations: async () => ({ 'test-a': 10 }),
  };
  // The contract before issue 15 (first matching task created since `since`, on the local clock), kept
  // so these tests can be run against the old pipeline to show they fail there.
  Object.assign(state.ci, {
    findActionTask: async (_push: unknown, _d: string, actionName: string, input: unknown, since: number) =>
      state.tasks.find(
        (t) => t.actionName === actionName && JSON.stringify(t.input) === JSON.stringify(input) && t.created >= since,
      )?.taskId,
  });
  return state;
}
