import type { App } from '../app';
import type { SimPush, SimTask } from '../model/types';
import { ACTIONS } from '../taskcluster/actions-json';
import { CALLBACKS } from './index';
import { callbackTime, createActionTask, finishActionTask } from './action-task';
import { ActionFailure, type ActionRun } from './context';

export interface HookPayload {
  decision: {
    action: { name: string; cb_name?: string; title?: string; symbol?: string };
    push: unknown;
    repository: unknown;
  };
  user: { input: unknown; taskId: string | null; taskGroupId: string };
}
export interface FireOptions {
  push: SimPush;
  decision: SimTask;
  hookPermission: string;
  payload: HookPayload;
  clientId: string;
  /** Index of the client trigger that started the chain (for `/__fake/state`). */
  hookTrigger: number;
  now: number;
  onDone?: (created: SimTask[], failure: string | undefined) => void;
}

/**
 * What an in-tree action hook does once its payload is accepted: the hooks service creates the action task
 * now; the in-tree callback runs later, while that task runs (`./mach taskgraph action-callback`), and only
 * then creates tasks and writes the task's artifacts.
 */
export function fireActionHook(app: App, o: FireOptions): SimTask {
  const actionName = o.payload.decision.action.cb_name ?? o.payload.decision.action.name;
  const actionDef = ACTIONS.find((a) => (a.cbName ?? a.name) === actionName);
  const actionTask = createActionTask(
    app,
    o.push,
    {
      name: o.payload.decision.action.name,
      title: o.payload.decision.action.title ?? actionDef?.title ?? o.payload.decision.action.name,
      symbol: o.payload.decision.action.symbol ?? actionDef?.symbol ?? 'A',
      taskId: o.payload.user.taskId,
      input: o.payload.user.input,
      clientId: o.clientId,
    },
    o.now,
    app.world.rng,
  );
  app.deferred.schedule(callbackTime(app, actionTask), (at) => {
    const run: ActionRun = {
      app,
      world: app.world,
      rng: app.world.rng,
      now: at,
      cbName: actionName,
      hookPermission: o.hookPermission,
      push: o.push,
      decision: o.decision,
      taskId: o.payload.user.taskId,
      input: isObject(o.payload.user.input) ? o.payload.user.input : {},
      clientId: o.clientId,
      actionTask,
      hookTrigger: o.hookTrigger,
      created: [],
    };
    let failure: string | undefined;
    try {
      CALLBACKS[actionName]?.(run);
    } catch (err) {
      if (!(err instanceof ActionFailure)) throw err;
      failure = err.message;
    }
    finishActionTask(app, actionTask, failure ? undefined : run.graphOutput, failure);
    o.onDone?.(run.created, failure);
  });
  return actionTask;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
