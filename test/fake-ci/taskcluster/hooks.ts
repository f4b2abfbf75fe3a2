import scopeUtils from 'taskcluster-lib-scopes';
import type { App } from '../app';
import { isoZ } from '../clock';
import { json, type Reply } from '../http';
import type { HookTriggerRecord } from '../introspection';
import type { RequestContext, Router } from '../router';
import { fireActionHook, type HookPayload } from '../actions/fire-hook';
import { insufficientScopes, resourceNotFound, tcError } from './errors';
import { authenticate } from './hawk-auth';

const PERMISSIONS = ['generic', 'backfill', 'retrigger-decision'];

/** The hook of a permission for a repository (mozilla-releng/fxci-config `in_tree_actions.py`). */
export function hookIdFor(level: string, permission: string, hookHash: string): string {
  return `in-tree-action-${level}-${permission}/${hookHash}`;
}

/**
 * `POST /api/hooks/v1/hooks/<hookGroupId>/<hookId>/trigger` (hookId may be `%2F`-encoded): Hawk check with the
 * hawk library, scope `hooks:trigger-hook:<group>/<id>` with taskcluster-lib-scopes, payload check, then the
 * in-tree action runs. Every call lands in `/__fake/state`.
 */
export function registerHookRoutes(router: Router, app: App): void {
  router.post(/^\/api\/hooks\/v1\/hooks\/([^/]+)\/(.+)\/trigger\/?$/, (ctx) => triggerHook(app, ctx));
  router.get(/^\/api\/hooks\/v1\/hooks\/([^/]+)\/(.+)\/status\/?$/, (ctx) =>
    knownHook(app, ctx.params[0] ?? '', ctx.params[1] ?? '')
      ? json({ lastFire: { result: 'no-fire' } })
      : resourceNotFound(ctx, 'getHookStatus', 'No such hook'),
  );
  router.get(/^\/api\/hooks\/v1\/ping$/, () => json({ alive: true, uptime: 1 }));
}

async function triggerHook(app: App, ctx: RequestContext): Promise<Reply> {
  const hookGroupId = ctx.params[0] ?? '';
  const hookId = ctx.params[1] ?? '';
  const record: HookTriggerRecord = {
    at: new Date().toISOString(),
    simTime: isoZ(app.now()),
    hookGroupId,
    hookId,
    payload: null,
    hawkOk: false,
    clientId: null,
    statusCode: 0,
    createdTaskIds: [],
  };
  app.log.hookTriggers.push(record);
  const done = (reply: Reply, error?: string): Reply => {
    record.statusCode = reply.status;
    if (error) record.error = error;
    return reply;
  };

  let payload: unknown;
  try {
    payload = await ctx.jsonBody();
  } catch {
    return done(
      tcError(ctx, 400, 'MalformedPayload', 'Request body is not valid JSON', 'triggerHook'),
      'malformed JSON',
    );
  }
  record.payload = payload;

  const auth = await authenticate(ctx, app.clients, app.faults.config.expiredCredentials);
  if (auth.kind === 'failed') {
    record.clientId = auth.clientId;
    return done(tcError(ctx, 401, 'AuthenticationFailed', auth.message, 'triggerHook', payload), auth.message);
  }
  record.hawkOk = auth.kind === 'ok';
  const clientId = auth.kind === 'ok' ? auth.clientId : 'anonymous';
  record.clientId = clientId;
  const scopes = auth.kind === 'ok' ? auth.scopes : [];
  const required = `hooks:trigger-hook:${hookGroupId}/${hookId}`;
  if (app.faults.config.missingScopes || !scopeUtils.satisfiesExpression(scopes, required)) {
    return done(insufficientScopes(ctx, 'triggerHook', clientId, required, payload), `missing scope ${required}`);
  }
  const hook = knownHook(app, hookGroupId, hookId);
  if (!hook) return done(resourceNotFound(ctx, 'triggerHook', `No such hook ${hookGroupId}/${hookId}`), 'unknown hook');

  const problem = payloadProblem(payload);
  if (problem)
    return done(
      tcError(
        ctx,
        400,
        'InputValidationError',
        `Payload does not match the hook's triggerSchema: ${problem}`,
        'triggerHook',
        payload,
      ),
      problem,
    );
  const p = payload as HookPayload;
  record.actionName = p.decision.action.cb_name ?? p.decision.action.name;

  const decision = app.world.tasks.get(p.user.taskGroupId);
  const push = decision ? app.world.pushesById.get(decision.pushId) : undefined;
  if (!decision || !push || decision.spec.kind !== 'decision') {
    return done(
      tcError(
        ctx,
        400,
        'InputValidationError',
        `user.taskGroupId ${p.user.taskGroupId} is not a decision task`,
        'triggerHook',
        payload,
      ),
      'bad taskGroupId',
    );
  }

  if (app.faults.config.hookRendersNoTask) {
    // The hook's task template rendered nothing: the hooks service creates no task and answers {}
    // (taskcluster/taskcluster services/hooks/src/api.js, triggerHookCommon).
    return done(json({}));
  }
  const actionTask = fireActionHook(app, {
    push,
    decision,
    hookPermission: hook.permission,
    payload: p,
    clientId,
    hookTrigger: app.log.hookTriggers.indexOf(record),
    now: app.now(),
    onDone: (created, failure) => {
      record.createdTaskIds = created.map((t) => t.taskId);
      if (failure) record.error = `action task fails: ${failure}`;
    },
  });
  record.actionTaskId = actionTask.taskId;
  return done(json({ taskId: actionTask.taskId, status: { taskId: actionTask.taskId } }));
}

/** Firefox CI's in-tree action hooks require decision{action, push, repository} and user{input, taskId, taskGroupId}. */
function payloadProblem(payload: unknown): string | undefined {
  if (!isObject(payload)) return 'payload must be an object';
  const d = payload['decision'];
  const u = payload['user'];
  if (!isObject(d)) return 'decision is required';
  if (!isObject(d['action']) || typeof d['action']['name'] !== 'string') return 'decision.action.name is required';
  if (!isObject(d['push'])) return 'decision.push is required';
  if (!isObject(d['repository'])) return 'decision.repository is required';
  if (!isObject(u)) return 'user is required';
  if (!('input' in u)) return 'user.input is required';
  // fxci-config's default input schema: an object, or null for an action without input.
  if (!(u['input'] === null || isObject(u['input']))) return 'user.input must be an object or null';
  if (!(u['taskId'] === null || typeof u['taskId'] === 'string')) return 'user.taskId must be a string or null';
  if (typeof u['taskGroupId'] !== 'string') return 'user.taskGroupId must be a string';
  return undefined;
}

function knownHook(app: App, hookGroupId: string, hookId: string): { permission: string } | undefined {
  if (hookGroupId !== 'project-gecko') return undefined;
  const m = /^in-tree-action-([13])-([a-z-]+)\/([0-9a-f]{10})$/.exec(hookId);
  if (!m || !PERMISSIONS.includes(m[2] ?? '')) return undefined;
  const matches = [...app.world.repos.values()].some((r) => r.info.level === m[1] && r.info.hookHash === m[3]);
  return matches ? { permission: m[2] ?? 'generic' } : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
