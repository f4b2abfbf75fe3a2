import { isBackfillTaskOf, isChildOf, rerunAfter } from '../../src/monitor/discovery';
import type { BackfillPush, TrackedGroup, TrackedTask } from '../../src/monitor/tracked-group';
import type { MonitorGateway } from './tracker';

/** How long after the backfill action task completed a push may still get its backfill-task action task. */
const BACKFILL_TASK_WAIT_MS = 60 * 60_000;

/**
 * Every task an action task created (all copies of each label: its children), the runs it added to labels that
 * are not retriggerable, and the upstream tasks they wait for. Called once the action task has completed, when
 * everything it creates exists.
 */
export async function discoverChildren(gateway: MonitorGateway, group: TrackedGroup): Promise<TrackedGroup> {
  const repo = group.push.repo;
  const actionCreated = group.actionCreated ?? (await gateway.taskInfo(repo, group.actionTaskId)).created;
  const children = (await gateway.dependents(repo, group.actionTaskId)).filter((t) => isChildOf(t, group.actionTaskId));
  const triggered: TrackedTask[] = children.map((t) => ({
    taskId: t.taskId,
    label: t.label,
    state: t.state,
    dependsOn: t.dependencies,
  }));
  const notes: string[] = [];
  if (group.actionName === 'retrigger-multiple') {
    // Labels that are not retriggerable are re-run, not cloned (gecko retrigger.py): follow the new run.
    const cloned = new Set(triggered.map((t) => t.label));
    for (const label of group.runnable.filter((l) => !cloned.has(l))) {
      const reruns = (await gateway.tasksOfLabel(repo, group.push.pushId, label)).flatMap((task) => {
        const run = rerunAfter(task.runs, actionCreated);
        return run ? [{ taskId: task.taskId, label, state: task.state, dependsOn: [], rerunId: run.runId }] : [];
      });
      if (reruns.length) triggered.push(...reruns);
      else notes.push(`${label} was not re-run: it had neither failed nor hit an exception.`);
    }
  }
  const upstream = await upstreamOf(gateway, group, triggered);
  return {
    ...group,
    actionCreated,
    discovered: true,
    triggered,
    upstream,
    ...(notes.length ? { notes } : {}),
  };
}

/**
 * A backfill's tasks, push by push: on each covered earlier push, the backfill-task action task its action task
 * fired (found among the action tasks indexed on that revision), then that action task's children.
 */
export async function discoverBackfill(
  gateway: MonitorGateway,
  group: TrackedGroup,
  now: number,
): Promise<TrackedGroup> {
  const backfill = group.backfill;
  if (!backfill) return group;
  const repo = group.push.repo;
  const actionCreated = group.actionCreated ?? (await gateway.taskInfo(repo, group.actionTaskId)).created;
  let pushes = backfill.pushes;
  if (pushes.length === 0) {
    const earlier = await gateway.pushesBefore(repo, group.push.pushId, backfill.depth);
    const covered = backfill.inclusive
      ? [{ pushId: group.push.pushId, revision: group.push.revision }, ...earlier]
      : earlier;
    pushes = covered.map((p) => ({ ...p, discovered: false }));
  }
  const actionDoneAt = backfill.actionDoneAt ?? now;
  const taken = new Set(pushes.flatMap((p) => (p.actionTaskId ? [p.actionTaskId] : [])));
  const triggered = [...group.triggered];
  const next: BackfillPush[] = [];
  for (const push of pushes) {
    if (push.discovered) {
      next.push(push);
      continue;
    }
    let current: BackfillPush = push;
    if (!current.actionTaskId) {
      for (const id of await gateway.actionTasksOfRevision(repo, current.revision)) {
        if (taken.has(id)) continue;
        const info = await gateway.taskInfo(repo, id);
        if (isBackfillTaskOf(info, backfill, group.actionTaskId, actionCreated)) {
          current = { ...current, actionTaskId: id };
          taken.add(id);
          break;
        }
      }
    }
    if (current.actionTaskId) {
      // Indexed means completed: the tasks it creates exist now.
      const children = (await gateway.dependents(repo, current.actionTaskId)).filter((t) =>
        isChildOf(t, current.actionTaskId ?? ''),
      );
      for (const t of children)
        triggered.push({
          taskId: t.taskId,
          label: t.label,
          state: t.state,
          dependsOn: t.dependencies,
          push: { pushId: current.pushId, revision: current.revision },
        });
      next.push({
        ...current,
        discovered: true,
        ...(children.length ? {} : { note: 'Its backfill-task created nothing (the job had already run there).' }),
      });
      continue;
    }
    if (current.hasDecision === undefined)
      current = { ...current, hasDecision: await gateway.hasDecisionTask(repo, current.revision) };
    if (!current.hasDecision) {
      next.push({ ...current, discovered: true, note: 'No decision task, so the backfill skips this push.' });
    } else if (now - actionDoneAt > BACKFILL_TASK_WAIT_MS) {
      next.push({
        ...current,
        discovered: true,
        note: 'No backfill-task action task appeared on this push within an hour; it may have failed.',
      });
    } else next.push(current);
  }
  const upstream = await upstreamOf(gateway, group, triggered);
  return {
    ...group,
    actionCreated,
    backfill: { ...backfill, pushes: next, actionDoneAt },
    triggered,
    upstream,
    discovered: next.every((p) => p.discovered),
  };
}

/** Tasks the created ones wait for that the trigger did not create (a build that was already running). */
async function upstreamOf(gateway: MonitorGateway, group: TrackedGroup, triggered: TrackedTask[]) {
  const repo = group.push.repo;
  const createdIds = new Set(triggered.map((t) => t.taskId));
  const actionIds = new Set([
    group.actionTaskId,
    ...(group.backfill?.pushes ?? []).flatMap((p) => p.actionTaskId ?? []),
  ]);
  const known = new Map(group.upstream.map((t) => [t.taskId, t]));
  const ids = [...new Set(triggered.flatMap((t) => t.dependsOn))].filter(
    (id) => !createdIds.has(id) && !actionIds.has(id) && id !== group.decisionTaskId,
  );
  const upstream: TrackedTask[] = [];
  for (const taskId of ids) {
    const existing = known.get(taskId);
    if (existing) {
      upstream.push(existing);
      continue;
    }
    const info = await gateway.taskInfo(repo, taskId).catch(() => undefined);
    // A dependency that is an action task (a backfill-task's) or a decision task is not upstream work.
    if (info?.action) continue;
    upstream.push({ taskId, label: info?.label ?? taskId, state: 'pending', dependsOn: [] });
  }
  if (upstream.length) {
    const states = await gateway
      .states(
        repo,
        upstream.map((t) => t.taskId),
      )
      .catch(() => new Map());
    return upstream.map((t) => ({ ...t, state: states.get(t.taskId) ?? t.state }));
  }
  return upstream;
}
