import type { TriggerLogEntry } from '../../src/log/entry';
import {
  applyStates,
  finishedMessage,
  inFlightCount,
  isGroupFinished,
  taskIdsToPoll,
  type TaskState,
  type TrackedGroup,
  type TrackedTask,
} from '../../src/monitor/tracked-group';

/** What monitoring needs from Taskcluster (anonymous calls). */
export interface MonitorGateway {
  /** queue.statuses in batches, on the Taskcluster of `repo`; unknown ids are simply absent. */
  states(repo: string, taskIds: string[]): Promise<Map<string, TaskState>>;
  /** Tasks an action task created: its task-graph.json, else the task group filtered by extra.parent. */
  createdTasks(
    repo: string,
    actionTaskId: string,
    decisionTaskId: string,
  ): Promise<{ taskId: string; label: string; dependencies: string[] }[]>;
  /** Label of an upstream task (metadata.name). */
  taskLabel(repo: string, taskId: string): Promise<string>;
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

  async function track(entry: TriggerLogEntry, runnable: string[]): Promise<void> {
    if (!entry.actionTaskId || !entry.decisionTaskId) return;
    const groups = await deps.load();
    if (groups.some((g) => g.logId === entry.id)) return; // tracking is idempotent per log entry
    groups.push({
      logId: entry.id,
      summary: entry.summary,
      operation: entry.operation,
      push: entry.push,
      decisionTaskId: entry.decisionTaskId,
      actionTaskId: entry.actionTaskId,
      actionState: 'pending',
      createdAt: entry.createdAt,
      discovered: false,
      triggered: [],
      runnable,
      upstream: [],
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
    groups = groups.filter((g) => !g.finishedAt || now - g.finishedAt < KEEP_FINISHED_MS);
    await deps.save(groups);
    await refreshBadgeAndSchedule(groups);
  }

  async function discover(group: TrackedGroup, now: number): Promise<TrackedGroup> {
    try {
      const created = await deps.gateway.createdTasks(group.push.repo, group.actionTaskId, group.decisionTaskId);
      const triggered: TrackedTask[] = created.map((t) => ({
        taskId: t.taskId,
        label: t.label,
        state: 'pending',
        dependsOn: t.dependencies,
      }));
      const createdIds = new Set(triggered.map((t) => t.taskId));
      const upstreamIds = [...new Set(triggered.flatMap((t) => t.dependsOn))].filter(
        (id) => !createdIds.has(id) && id !== group.actionTaskId && id !== group.decisionTaskId,
      );
      const upstream: TrackedTask[] = await Promise.all(
        upstreamIds.map(async (taskId) => ({
          taskId,
          label: await deps.gateway.taskLabel(group.push.repo, taskId).catch(() => taskId),
          state: 'pending' as TaskState,
          dependsOn: [],
        })),
      );
      const states = await deps.gateway.states(group.push.repo, [...createdIds, ...upstreamIds]);
      return applyStates({ ...group, discovered: true, triggered, upstream, problem: undefined }, states, now);
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
