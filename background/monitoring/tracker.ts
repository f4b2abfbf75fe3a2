import type { TriggerLogEntry } from '../../src/log/entry';
import { backfillTrackingOf, requestedLabels, type TaskInfo, type TaskRunInfo } from '../../src/monitor/discovery';
import { finishedMessage } from '../../src/monitor/outcome';
import {
  applyStates,
  inFlightCount,
  isFinal,
  isGroupFinished,
  taskIdsToPoll,
  type TaskState,
  type TrackedGroup,
} from '../../src/monitor/tracked-group';
import { discoverBackfill, discoverChildren } from './discover';

/** What monitoring needs from Taskcluster and Treeherder (anonymous reads). */
export interface MonitorGateway {
  /** queue.statuses in batches, on the Taskcluster of `repo`; unknown ids are simply absent. */
  states(repo: string, taskIds: string[]): Promise<Map<string, TaskState>>;
  /** One task's definition facts. */
  taskInfo(repo: string, taskId: string): Promise<TaskInfo>;
  /** The tasks that depend on a task (queue listDependentTasks), with their states. */
  dependents(repo: string, taskId: string): Promise<Array<TaskInfo & { state: TaskState }>>;
  /** Tasks of a label on a push (from Treeherder's jobs), each with its runs and state. */
  tasksOfLabel(
    repo: string,
    pushId: number,
    label: string,
  ): Promise<Array<{ taskId: string; state: TaskState; runs: TaskRunInfo[] }>>;
  /** The `count` pushes before `pushId`, newest first. */
  pushesBefore(repo: string, pushId: number, count: number): Promise<Array<{ pushId: number; revision: string }>>;
  /** Action tasks indexed on a push revision (`gecko.v2.<repo>.revision.<rev>.taskgraph.actions`, once completed). */
  actionTasksOfRevision(repo: string, revision: string): Promise<string[]>;
  /** Whether the push's decision task is indexed (a backfill skips pushes without one). */
  hasDecisionTask(repo: string, revision: string): Promise<boolean>;
}

export interface TrackerDeps {
  gateway: MonitorGateway;
  load: () => Promise<TrackedGroup[]>;
  save: (groups: TrackedGroup[]) => Promise<void>;
  setBadge: (inFlight: number) => Promise<void>;
  notify: (id: string, title: string, message: string) => Promise<void>;
  /** Starts or stops the periodic poll (an alarm, so it survives the worker being stopped). */
  schedulePolling: (active: boolean) => Promise<void>;
  now: () => number;
}

/** Finished groups are kept this long for the popup's "recent" list. */
const KEEP_FINISHED_MS = 3 * 86_400_000;

export function createTracker(deps: TrackerDeps) {
  let polling: Promise<void> | undefined;

  async function track(entry: TriggerLogEntry): Promise<void> {
    if (!entry.actionTaskId || !entry.decisionTaskId) return;
    const groups = await deps.load();
    if (groups.some((g) => g.logId === entry.id)) return; // tracking is idempotent per log entry
    const backfill = backfillTrackingOf(entry);
    groups.push({
      logId: entry.id,
      summary: entry.summary,
      operation: entry.operation,
      actionName: entry.actionName,
      push: entry.push,
      decisionTaskId: entry.decisionTaskId,
      actionTaskId: entry.actionTaskId,
      actionState: 'pending',
      createdAt: entry.createdAt,
      discovered: false,
      triggered: [],
      runnable: backfill ? [backfill.label] : requestedLabels(entry.input),
      upstream: [],
      ...(backfill ? { backfill } : {}),
      notified: false,
    });
    await deps.save(groups);
    await refreshBadgeAndSchedule(groups);
  }

  /** One polling round over every unfinished group; overlapping calls share one round. */
  function poll(): Promise<void> {
    polling ??= pollOnce().finally(() => {
      polling = undefined;
    });
    return polling;
  }

  async function pollOnce(): Promise<void> {
    let groups = await deps.load();
    const states = new Map<string, TaskState>();
    for (const repo of new Set(groups.map((g) => g.push.repo))) {
      const ids = [...new Set(groups.filter((g) => g.push.repo === repo).flatMap(taskIdsToPoll))];
      if (!ids.length) continue;
      try {
        for (const [id, state] of await deps.gateway.states(repo, ids)) states.set(id, state);
      } catch {
        // Taskcluster unreachable this round: states stay as they were; the next alarm tries again.
      }
    }
    const now = deps.now();
    groups = await Promise.all(
      groups.map(async (group) => {
        let next = applyStates(group, states, now);
        if (!next.discovered && next.actionState === 'completed') next = await discover(next, now);
        return next;
      }),
    );
    for (const group of groups) {
      if (isGroupFinished(group) && !group.notified) {
        group.notified = true;
        await deps
          .notify(`cit-${group.logId}`, 'CI Tools: jobs finished', finishedMessage(group))
          .catch(() => undefined);
      }
    }
    // Triggers tracked while this round waited for the CI (a bisection's probe sent meanwhile) are kept, not
    // overwritten by the list this round loaded.
    const polled = new Set(groups.map((g) => g.logId));
    const trackedMeanwhile = (await deps.load()).filter((g) => !polled.has(g.logId));
    groups = [...groups.filter((g) => !g.finishedAt || now - g.finishedAt < KEEP_FINISHED_MS), ...trackedMeanwhile];
    await deps.save(groups);
    await refreshBadgeAndSchedule(groups);
  }

  async function discover(group: TrackedGroup, now: number): Promise<TrackedGroup> {
    try {
      const found = group.backfill
        ? await discoverBackfill(deps.gateway, group, now)
        : await discoverChildren(deps.gateway, group);
      const next = applyStates({ ...found, problem: undefined }, new Map(), now);
      if (next.discovered && !next.finishedAt && next.triggered.every((t) => isFinal(t.state))) next.finishedAt = now;
      return next;
    } catch (error) {
      return {
        ...group,
        problem: `Could not list the tasks the action created yet: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  async function refreshBadgeAndSchedule(groups: TrackedGroup[]): Promise<void> {
    const inFlight = inFlightCount(groups);
    await deps.setBadge(inFlight);
    await deps.schedulePolling(groups.some((g) => !isGroupFinished(g)));
  }

  return { track, poll, list: deps.load };
}

export type Tracker = ReturnType<typeof createTracker>;
