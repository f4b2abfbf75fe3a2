import type { ActionTarget } from '../../src/actions/select-action';
import { chooseAction } from '../../src/actions/choose-action';
import { backfillUnavailable } from '../../src/actions/availability';
import { renderHookPayload } from '../../src/actions/render-payload';
import { decisionTaskMayUseHook, hookActionScope } from '../../src/actions/scope-check';
import { planTrigger, type PlanFacts, type TriggerPlan } from '../../src/actions/plan-trigger';
import type { TriggerIntent } from '../../src/actions/intents';
import { estimateCost, type TriggerCost } from '../../src/guard/cost';
import { evaluateGuard, MERGE_WINDOW_MS, startOfLocalDay } from '../../src/guard/cost-guard';
import { credentialsExpired, redactSecret, type StoredCredentials } from '../../src/credentials';
import { tasksUsedSince, type TriggerLogEntry } from '../../src/log/entry';
import type { Settings } from '../../src/settings';
import type { CiGateway } from './ci-gateway';
import type { TriggerLog } from './trigger-log';
import type { TriggerOutcome, TriggerPreview } from '../../src/actions/trigger-outcome';
import { createSerialQueue } from '../../src/serial-queue';

export interface PipelineDeps {
  ci: CiGateway;
  log: TriggerLog;
  credentials: () => Promise<StoredCredentials | undefined>;
  settings: () => Promise<Settings>;
  /** Called with the settled entry so monitoring can follow the created tasks. */
  onTriggered: (entry: TriggerLogEntry) => Promise<void> | void;
  now: () => number;
  newId: () => string;
  /** Test seam: runs between the before-record and the network call. */
  beforeNetwork?: (entry: TriggerLogEntry) => Promise<void>;
  /** Test seam: runs between the network call and the after-record. */
  afterNetwork?: (entry: TriggerLogEntry) => Promise<void>;
}

export type { TriggerOutcome, TriggerPreview };

export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
}

/**
 * The one trigger pipeline (docs/design.md, decision 5): intent → plan → cost guard → log "before" →
 * Taskcluster action → log "after" → tracking. Every feature enters here; none calls Taskcluster.
 */
export function createTriggerPipeline(deps: PipelineDeps) {
  // Serialized so two clicks racing each other see each other's log records (duplicate merging).
  const serialized = createSerialQueue();

  /** What the CI says before planning: a backfill Treeherder would not offer, a job's failing tests. */
  async function factsOf(intent: TriggerIntent): Promise<{ plan: PlanFacts; blocked?: string }> {
    if (intent.kind === 'backfill' && deps.ci.backfillFacts) {
      const facts = await deps.ci.backfillFacts(intent.push, intent.job.taskId).catch(() => undefined);
      const blocked = facts ? backfillUnavailable(facts, deps.now()) : undefined;
      return blocked ? { plan: {}, blocked } : { plan: {} };
    }
    if (intent.kind === 'confirm-failures' && intent.job.jobId && deps.ci.failingTests) {
      const tests = await deps.ci.failingTests(intent.push, intent.job.jobId).catch(() => undefined);
      return { plan: { failingTests: tests?.length } };
    }
    return { plan: {} };
  }

  async function assess(intent: TriggerIntent, confirmed: boolean, dedupeScope?: string) {
    const facts = await factsOf(intent);
    const planned = planTrigger(intent, facts.plan);
    // A runner's planned probes are distinct requests even when identical in content (its own key).
    const plan = dedupeScope ? { ...planned, dedupeKey: `${planned.dedupeKey}#${dedupeScope}` } : planned;
    const settings = await deps.settings();
    const now = deps.now();
    const labels = plan.runs.map((r) => r.label);
    const durations = labels.length ? await deps.ci.recentDurations(intent.push, labels).catch(() => ({})) : {};
    const cost = estimateCost(plan, durations);
    const today = await deps.log.since(Math.min(startOfLocalDay(now), now - MERGE_WINDOW_MS));
    const verdict = facts.blocked
      ? ({ decision: 'refuse', cost, reason: facts.blocked } as const)
      : evaluateGuard({
          intent,
          plan,
          cost,
          settings,
          confirmed,
          now,
          tasksUsedToday: tasksUsedSince(today, startOfLocalDay(now)),
          recentTriggers: today
            .filter((e) => e.state === 'triggered' || e.state === 'pending')
            .map((e) => ({ dedupeKey: e.dedupeKey, at: e.createdAt, logId: e.id })),
        });
    return { plan, cost, verdict };
  }

  async function preview(intent: TriggerIntent): Promise<TriggerPreview> {
    const { plan, cost, verdict } = await assess(intent, false);
    return {
      summary: plan.summary,
      cost,
      decision: verdict.decision,
      ...('reason' in verdict ? { reason: verdict.reason } : {}),
    };
  }

  function trigger(
    intent: TriggerIntent,
    options: { confirmed: boolean; origin?: string; dedupeScope?: string },
  ): Promise<TriggerOutcome> {
    return serialized(async () => {
      const { plan, cost, verdict } = await assess(intent, options.confirmed, options.dedupeScope);
      if (verdict.decision === 'merged')
        return { status: 'merged', logId: verdict.logId, summary: plan.summary, reason: verdict.reason };
      if (verdict.decision === 'refuse')
        return { status: 'refused', summary: plan.summary, cost, reason: verdict.reason };
      if (verdict.decision === 'confirm')
        return { status: 'needs-confirmation', summary: plan.summary, cost, reason: verdict.reason };

      const credentials = await deps.credentials();
      if (!credentials)
        throw new NotSignedInError('Sign in to Taskcluster first (extension settings) to trigger jobs.');
      if (credentialsExpired(credentials, deps.now())) {
        throw new NotSignedInError(
          credentials.source === 'treeherder'
            ? 'Your Treeherder login has expired. Sign in to Treeherder again, then re-import it in the extension settings.'
            : 'Your Taskcluster credentials have expired. Sign in again in the extension settings.',
        );
      }
      return run(intent, plan, cost, credentials, options.origin);
    });
  }

  async function run(
    intent: TriggerIntent,
    plan: TriggerPlan,
    cost: TriggerCost,
    credentials: StoredCredentials,
    origin: string | undefined,
  ): Promise<TriggerOutcome> {
    const now = deps.now();
    let entry: TriggerLogEntry = {
      id: deps.newId(),
      createdAt: now,
      updatedAt: now,
      operation: intent.kind,
      actionName: plan.actionName,
      input: plan.input,
      push: intent.push,
      job: 'job' in intent ? intent.job : undefined,
      origin,
      summary: plan.summary,
      dedupeKey: plan.dedupeKey,
      expectedTasks: cost.tasks,
      machineMinutes: cost.machineMinutes,
      state: 'pending',
      createdTaskIds: [],
    };
    // Everything that can fail without side effects happens before the "before" record.
    let prepared: Awaited<ReturnType<typeof prepareAction>>;
    try {
      prepared = await prepareAction(intent, plan);
    } catch (error) {
      await deps.log.put({ ...entry, state: 'failed', error: message(error, credentials) });
      throw error;
    }
    // The action actually sent (retrigger falls back to add-new-jobs on pushes without retrigger-multiple).
    entry = {
      ...entry,
      decisionTaskId: prepared.decisionTaskId,
      actionName: prepared.actionName,
      input: prepared.input,
    };
    await deps.log.put(entry);
    await deps.beforeNetwork?.(entry);
    let actionTaskId: string;
    try {
      ({ actionTaskId } = await deps.ci.triggerHook(intent.push, prepared.action, prepared.payload, credentials));
    } catch (error) {
      await deps.log.update(entry.id, { state: 'failed', error: message(error, credentials) }, deps.now());
      throw error;
    }
    await deps.afterNetwork?.(entry);
    const settled = (await deps.log.update(entry.id, { state: 'triggered', actionTaskId }, deps.now())) ?? {
      ...entry,
      state: 'triggered' as const,
      actionTaskId,
    };
    await deps.onTriggered(settled);
    return { status: 'triggered', logId: entry.id, actionTaskId, summary: plan.summary, cost };
  }

  async function prepareAction(intent: TriggerIntent, plan: TriggerPlan) {
    const decisionTaskId = await deps.ci.decisionTaskId(intent.push);
    const [actionsJson, scopes, target] = await Promise.all([
      deps.ci.actionsJson(intent.push, decisionTaskId),
      deps.ci.decisionTaskScopes(intent.push, decisionTaskId),
      plan.taskId
        ? deps.ci.taskTags(intent.push, plan.taskId).then((tags): ActionTarget => ({ taskId: plan.taskId!, tags }))
        : Promise.resolve(null),
    ]);
    const { action, actionName, input } = chooseAction(actionsJson, plan, target);
    if (!decisionTaskMayUseHook(scopes, action)) {
      throw new Error(
        `Refusing to trigger: the decision task does not hold ${hookActionScope(action)}, so its actions.json cannot be trusted for this hook.`,
      );
    }
    const payload = renderHookPayload(action, actionsJson, {
      taskGroupId: decisionTaskId,
      taskId: plan.taskId,
      input,
    });
    return { decisionTaskId, action, actionName, input, payload };
  }

  /**
   * On start-up: settle every record left `pending` by a stopped worker. If Taskcluster has the action
   * task, the trigger happened; otherwise it did not. Never re-triggered blindly.
   */
  async function reconcilePending(): Promise<TriggerLogEntry[]> {
    const settled: TriggerLogEntry[] = [];
    for (const entry of await deps.log.pending()) {
      if (!entry.decisionTaskId) {
        settled.push(
          (await deps.log.update(
            entry.id,
            { state: 'failed', reconciliation: 'stopped before contacting Taskcluster' },
            deps.now(),
          ))!,
        );
        continue;
      }
      try {
        const actionTaskId = await deps.ci.findActionTask(
          entry.push,
          entry.decisionTaskId,
          entry.actionName,
          entry.input,
          entry.createdAt - 60_000,
        );
        const next = actionTaskId
          ? await deps.log.update(
              entry.id,
              { state: 'triggered', actionTaskId, reconciliation: 'found the action task after a restart' },
              deps.now(),
            )
          : await deps.log.update(
              entry.id,
              {
                state: 'failed',
                reconciliation:
                  'not triggered: the extension stopped before Taskcluster answered, and no action task exists',
              },
              deps.now(),
            );
        if (next) {
          settled.push(next);
          if (next.state === 'triggered') await deps.onTriggered(next);
        }
      } catch {
        // Taskcluster unreachable: leave it pending and try again at the next start-up or alarm.
      }
    }
    return settled;
  }

  return { preview, trigger, reconcilePending };
}

function message(error: unknown, credentials: StoredCredentials | undefined): string {
  return redactSecret(error instanceof Error ? error.message : String(error), credentials);
}

export type TriggerPipeline = ReturnType<typeof createTriggerPipeline>;
