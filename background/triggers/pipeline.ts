import type { ActionTarget } from '../../src/actions/select-action';
import { chooseAction } from '../../src/actions/choose-action';
import { backfillUnavailable } from '../../src/actions/availability';
import { renderHookPayload } from '../../src/actions/render-payload';
import { decisionTaskMayUseHook, hookActionScope } from '../../src/actions/scope-check';
import { planTrigger, type PlanFacts, type TriggerPlan } from '../../src/actions/plan-trigger';
import type { TriggerIntent } from '../../src/actions/intents';
import { estimateCost, type TriggerCost } from '../../src/guard/cost';
import { evaluateGuard, MERGE_WINDOW_MS, startOfLocalDay, type GuardVerdict } from '../../src/guard/cost-guard';
import { credentialsExpired, redactSecret, type StoredCredentials } from '../../src/credentials';
import { tasksUsedSince, type TriggerLogEntry } from '../../src/log/entry';
import { RECONCILE_FOR_MS, reconcileGroup, type ReconcileDecision } from '../../src/log/reconcile';
import { mayHaveActed } from '../../src/http/errors';
import { errorSentence } from '../../src/messaging/error-sentence';
import type { Settings } from '../../src/settings';
import type { CiGateway } from './ci-gateway';
import type { TriggerLog } from './trigger-log';
import type { TriggerOutcome, TriggerPreview } from '../../src/actions/trigger-outcome';
import { createSerialQueue } from '../../src/serial-queue';
import { describeTriggerStatus, unclearReason, type TriggerStatus } from '../../src/log/status';

export interface PipelineDeps {
  ci: CiGateway;
  log: TriggerLog;
  credentials: () => Promise<StoredCredentials | undefined>;
  settings: () => Promise<Settings>;
  /** Called with the settled entry so monitoring can follow the created tasks. */
  onTriggered: (entry: TriggerLogEntry) => Promise<void> | void;
  now: () => number;
  newId: () => string;
  /** Keeps an alarm running while records wait to be settled (true), or stops it (false). */
  scheduleReconcile?: (active: boolean) => Promise<void> | void;
  /**
   * Keeps the background alive while `work` runs: a browser may stop an idle background (Firefox after
   * 30 s) even with a hook call open, which turns a sure answer into an unclear one.
   */
  keepAlive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Test seam: runs between the before-record and the network call. */
  beforeNetwork?: (entry: TriggerLogEntry) => Promise<void>;
  /** Test seam: runs between the network call and the after-record. */
  afterNetwork?: (entry: TriggerLogEntry) => Promise<void>;
}

export type { TriggerOutcome, TriggerPreview, TriggerStatus };

export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
}

const RECONCILE_STATES = ['pending', 'unclear'] as const;

/**
 * The one trigger pipeline (docs/design.md, decision 5): intent → plan → cost guard → log "before" →
 * Taskcluster action → log "after" → tracking. Every feature enters here; none calls Taskcluster.
 * An answer that does not say whether the hook ran is `unclear`: never retried, never shown as failed,
 * settled against Taskcluster's task group (reconcilePending) and merged with any repeat meanwhile.
 */
export function createTriggerPipeline(deps: PipelineDeps) {
  // Serialized so two clicks racing each other see each other's log records (duplicate merging).
  const serialized = createSerialQueue();
  const reconciling = createSerialQueue();
  /** Records whose hook call is still open in this worker: reconciliation leaves them alone. */
  const inFlight = new Set<string>();

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

  /** The plan, with every count the guard relies on taken from the CI, never from the page. */
  async function planFromCi(intent: TriggerIntent): Promise<{ plan: TriggerPlan; cancels?: number; blocked?: string }> {
    const facts = await factsOf(intent);
    if (intent.kind === 'run-missing-tests') {
      const missingLabels = await deps.ci.missingTestLabels(intent.push);
      return { plan: planTrigger({ ...intent, missingLabels }, facts.plan) };
    }
    if (intent.kind === 'cancel-all') {
      return { plan: planTrigger(intent, facts.plan), cancels: await deps.ci.unfinishedTaskCount(intent.push) };
    }
    return { plan: planTrigger(intent, facts.plan), ...(facts.blocked ? { blocked: facts.blocked } : {}) };
  }

  /**
   * `arrivedAt`: when the request came in. A click queued behind a slow one (serialized) is compared with it
   * as of its arrival, so two racing clicks merge however long the first one's answer took.
   */
  async function assess(
    intent: TriggerIntent,
    confirmed: boolean,
    dedupeScope?: string,
    arrivedAt?: number,
  ): Promise<{ plan: TriggerPlan; cost: TriggerCost; verdict: GuardVerdict }> {
    let computed: Awaited<ReturnType<typeof planFromCi>>;
    try {
      computed = await planFromCi(intent);
    } catch (error) {
      const plan = planTrigger(intent);
      const cost: TriggerCost = { tasks: 0, machineMinutes: 0, labelsWithoutHistory: [] };
      const reason = `${plan.summary} was not sent: its cost could not be counted from the CI (${errorSentence(error)}).`;
      return { plan, cost, verdict: { decision: 'refuse', cost, reason } };
    }
    const planned = computed.plan;
    // A runner's planned probes are distinct requests even when identical in content (its own key).
    const plan = dedupeScope ? { ...planned, dedupeKey: `${planned.dedupeKey}#${dedupeScope}` } : planned;
    const settings = await deps.settings();
    const now = deps.now();
    const labels = plan.runs.map((r) => r.label);
    const durations = labels.length ? await deps.ci.recentDurations(intent.push, labels).catch(() => ({})) : {};
    const estimated = estimateCost(plan, durations);
    const cost = computed.cancels === undefined ? estimated : { ...estimated, cancels: computed.cancels };
    if (intent.kind === 'run-missing-tests' && plan.runs.length === 0) {
      const reason = `${intent.push.repo} push ${intent.push.pushId} is not missing any test job, so there is nothing to run.`;
      return { plan, cost, verdict: { decision: 'refuse', cost, reason } };
    }
    const [today, unsettled] = await Promise.all([
      deps.log.since(Math.min(startOfLocalDay(now), now - MERGE_WINDOW_MS)),
      deps.log.unsettled(),
    ]);
    const verdict: GuardVerdict = computed.blocked
      ? { decision: 'refuse', cost, reason: computed.blocked }
      : evaluateGuard({
          intent,
          plan,
          cost,
          settings,
          confirmed,
          now: Math.min(now, arrivedAt ?? now),
          tasksUsedToday: tasksUsedSince(uniqueById([...today, ...unsettled]), startOfLocalDay(now)),
          recentTriggers: [
            ...today
              .filter((e) => e.state === 'triggered')
              .map((e) => ({ dedupeKey: e.dedupeKey, at: e.createdAt, logId: e.id })),
            ...unsettled
              .filter((e) => now - e.createdAt < RECONCILE_FOR_MS)
              .map((e) => ({ dedupeKey: e.dedupeKey, at: e.createdAt, logId: e.id, unsettled: true })),
          ],
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
    options: { confirmed: boolean; origin?: string; dedupeScope?: string; requestId?: string },
  ): Promise<TriggerOutcome> {
    const arrivedAt = deps.now();
    return serialized(async () => {
      // A resend of a call this log already holds: answer what became of it, never send it again.
      const earlier = options.requestId ? await deps.log.byRequestId(options.requestId) : undefined;
      if (earlier) return outcomeOfRecord(earlier);
      const { plan, cost, verdict } = await assess(intent, options.confirmed, options.dedupeScope, arrivedAt);
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
      const send = () => run(intent, plan, cost, credentials, options.origin, options.requestId);
      return deps.keepAlive ? deps.keepAlive(send) : send();
    });
  }

  function outcomeOfRecord(entry: TriggerLogEntry): TriggerOutcome {
    const cost: TriggerCost = {
      tasks: entry.expectedTasks,
      machineMinutes: entry.machineMinutes,
      labelsWithoutHistory: [],
    };
    if (entry.state === 'triggered' && entry.actionTaskId)
      return { status: 'triggered', logId: entry.id, actionTaskId: entry.actionTaskId, summary: entry.summary, cost };
    if (entry.state === 'pending' || entry.state === 'unclear')
      return {
        status: 'unclear',
        logId: entry.id,
        summary: entry.summary,
        cost,
        reason: 'This request was already received and was not sent again; checking whether it went through…',
      };
    throw new Error(entry.error ?? `${entry.summary}: not triggered.`);
  }

  async function run(
    intent: TriggerIntent,
    plan: TriggerPlan,
    cost: TriggerCost,
    credentials: StoredCredentials,
    origin: string | undefined,
    requestId: string | undefined,
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
      ...(requestId ? { requestId } : {}),
      summary: plan.summary,
      dedupeKey: plan.dedupeKey,
      expectedTasks: cost.tasks,
      machineMinutes: cost.machineMinutes,
      state: 'pending',
      createdTaskIds: [],
      clientId: credentials.clientId,
    };
    // Everything that can fail without side effects happens before the "before" record.
    let prepared: Awaited<ReturnType<typeof prepareAction>>;
    try {
      prepared = await prepareAction(intent, plan);
    } catch (error) {
      await deps.log.put({ ...entry, state: 'failed', error: sentenceFor(error, credentials) });
      throw error;
    }
    // The action actually sent (retrigger falls back to add-new-jobs on pushes without retrigger-multiple);
    // the decision-task checks just talked to Taskcluster, so its clock offset is fresh.
    const serverOffsetMs = await deps.ci.serverClockOffsetMs(intent.push).catch(() => undefined);
    entry = {
      ...entry,
      decisionTaskId: prepared.decisionTaskId,
      actionName: prepared.actionName,
      input: prepared.input,
      sentAt: deps.now(),
      ...(serverOffsetMs === undefined ? {} : { serverOffsetMs }),
    };
    inFlight.add(entry.id);
    let actionTaskId: string;
    try {
      await deps.log.put(entry); // committed before the request leaves
      await deps.beforeNetwork?.(entry);
      try {
        ({ actionTaskId } = await deps.ci.triggerHook(intent.push, prepared.action, prepared.payload, credentials));
      } catch (error) {
        inFlight.delete(entry.id);
        if (!mayHaveActed(error)) {
          await deps.log.update(entry.id, { state: 'failed', error: sentenceFor(error, credentials) }, deps.now());
          throw error;
        }
        return await unclear(entry, plan, cost, unclearReason(error));
      }
      await deps.afterNetwork?.(entry);
    } finally {
      inFlight.delete(entry.id);
    }
    const settled = (await deps.log.updateIf(
      entry.id,
      RECONCILE_STATES,
      { state: 'triggered', actionTaskId },
      deps.now(),
    )) ?? { ...entry, state: 'triggered' as const, actionTaskId };
    await deps.onTriggered(settled);
    return { status: 'triggered', logId: entry.id, actionTaskId, summary: plan.summary, cost };
  }

  /** Records the unknown outcome, checks the task group once right away, and says what is known. */
  async function unclear(entry: TriggerLogEntry, plan: TriggerPlan, cost: TriggerCost, why: string) {
    await deps.log.updateIf(
      entry.id,
      RECONCILE_STATES,
      { state: 'unclear', error: why, reconciliation: 'checking whether it went through…' },
      deps.now(),
    );
    await reconcilePending({ only: entry.decisionTaskId });
    const now = (await deps.log.get(entry.id)) ?? entry;
    if (now.state === 'triggered' && now.actionTaskId)
      return {
        status: 'triggered' as const,
        logId: entry.id,
        actionTaskId: now.actionTaskId,
        summary: plan.summary,
        cost,
      };
    await deps.scheduleReconcile?.(true);
    return {
      status: 'unclear' as const,
      logId: entry.id,
      summary: plan.summary,
      cost,
      reason: `${why} Checking whether it went through…; it will not be sent again meanwhile.`,
    };
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
   * Settles records left `pending` by a stopped worker or `unclear` by an answer that did not say,
   * against the action tasks of their push's task group (src/log/reconcile.ts). Runs at start-up and
   * on an alarm while any wait; never re-triggers. Returns the records it changed.
   */
  function reconcilePending(scope: { only?: string | undefined } = {}): Promise<TriggerLogEntry[]> {
    return reconciling(async () => {
      const changed: TriggerLogEntry[] = [];
      const now = deps.now();
      const open = (await deps.log.unsettled()).filter((e) => now - e.createdAt < RECONCILE_FOR_MS);
      const groups = new Map<string, { push: TriggerLogEntry['push']; records: TriggerLogEntry[] }>();
      for (const entry of open) {
        if (!entry.decisionTaskId) {
          const next = await deps.log.updateIf(
            entry.id,
            RECONCILE_STATES,
            { state: 'failed', reconciliation: 'not triggered: stopped before contacting Taskcluster' },
            deps.now(),
          );
          if (next) changed.push(next);
          continue;
        }
        if (scope.only && entry.decisionTaskId !== scope.only) continue;
        const group = groups.get(entry.decisionTaskId) ?? { push: entry.push, records: [] };
        group.records.push(entry);
        groups.set(entry.decisionTaskId, group);
      }
      for (const [decisionTaskId, { push, records }] of groups) {
        if (records.every((r) => inFlight.has(r.id))) continue;
        changed.push(...(await reconcileTaskGroup(decisionTaskId, push, records)));
      }
      if (!scope.only) {
        const waiting = (await deps.log.unsettled()).some((e) => deps.now() - e.createdAt < RECONCILE_FOR_MS);
        await deps.scheduleReconcile?.(waiting);
      }
      return changed;
    });
  }

  async function reconcileTaskGroup(
    decisionTaskId: string,
    push: TriggerLogEntry['push'],
    records: TriggerLogEntry[],
  ): Promise<TriggerLogEntry[]> {
    let listing: Awaited<ReturnType<CiGateway['actionTasks']>>;
    try {
      listing = await deps.ci.actionTasks(push, decisionTaskId);
    } catch {
      return []; // Taskcluster unreachable: they stay as they are until the next alarm or start-up.
    }
    const claimed = new Set(
      (await deps.log.ofTaskGroup(decisionTaskId)).flatMap((e) =>
        e.state === 'triggered' && e.actionTaskId ? [e.actionTaskId] : [],
      ),
    );
    const decisions = reconcileGroup({
      records,
      inFlight,
      claimed,
      tasks: listing.tasks,
      serverOffsetMs: listing.serverOffsetMs ?? 0,
      now: deps.now(),
    });
    const byId = new Map(records.map((r) => [r.id, r]));
    const changed: TriggerLogEntry[] = [];
    for (const decision of decisions) {
      const entry = byId.get(decision.id);
      const next = entry && (await apply(entry, decision));
      if (!next) continue;
      changed.push(next);
      if (next.state === 'triggered') await deps.onTriggered(next);
    }
    return changed;
  }

  function apply(entry: TriggerLogEntry, decision: ReconcileDecision): Promise<TriggerLogEntry | undefined> {
    const afterRestart = entry.state === 'pending';
    switch (decision.kind) {
      case 'triggered':
        return deps.log.updateIf(
          entry.id,
          RECONCILE_STATES,
          {
            state: 'triggered',
            actionTaskId: decision.actionTaskId,
            reconciliation: afterRestart
              ? 'found the action task after a restart'
              : "found the action task: Taskcluster's answer was unclear, but it went through",
          },
          deps.now(),
        );
      case 'not-triggered':
        return deps.log.updateIf(
          entry.id,
          RECONCILE_STATES,
          {
            state: 'failed',
            reconciliation: afterRestart
              ? 'not triggered: the extension stopped before Taskcluster answered, and no action task exists'
              : 'not triggered: no action task was created for it',
          },
          deps.now(),
        );
      case 'ambiguous':
        if (entry.state === 'unclear' && entry.reconciliation === decision.note) return Promise.resolve(undefined);
        return deps.log.updateIf(
          entry.id,
          RECONCILE_STATES,
          { state: 'unclear', reconciliation: decision.note },
          deps.now(),
        );
      case 'wait':
        return Promise.resolve(undefined);
    }
  }

  /** What became of one trigger: by its log id, or (after a stopped worker lost the reply) by its intent. */
  async function status(query: { logId: string } | { intent: TriggerIntent }): Promise<TriggerStatus> {
    let entry: TriggerLogEntry | undefined;
    if ('logId' in query) entry = await deps.log.get(query.logId);
    else {
      const key = planTrigger(query.intent).dedupeKey;
      const since = deps.now() - RECONCILE_FOR_MS;
      entry = (await deps.log.since(since)).filter((e) => e.dedupeKey === key).at(-1);
    }
    return describeTriggerStatus(entry);
  }

  return { preview, trigger, reconcilePending, status };
}

function sentenceFor(error: unknown, credentials: StoredCredentials | undefined): string {
  return redactSecret(errorSentence(error, { credentials }), credentials);
}

function uniqueById(entries: TriggerLogEntry[]): TriggerLogEntry[] {
  return [...new Map(entries.map((e) => [e.id, e])).values()];
}

export type TriggerPipeline = ReturnType<typeof createTriggerPipeline>;
