import type { HookAction } from '../../src/ci';
import type { PushRef } from '../../src/push-ref';
import type { StoredCredentials } from '../../src/credentials';
import type { TaskState } from '../../src/monitor/tracked-group';
import type { CiGateway } from '../triggers/ci-gateway';
import type { MonitorGateway } from '../monitoring/tracker';
import { servicesForRepo } from './repository-services';
import { jobsOfPush } from './page-data';
import { cachedArtifacts } from './artifact-cache';

/** The trigger pipeline's view of the CI, over the validated clients of src/ci. */
export const ciGateway: CiGateway = {
  async decisionTaskId(push: PushRef) {
    const { clients } = await servicesForRepo(push.repo);
    const ref = await clients.treeherder.decisionTask(push.repo, push.pushId);
    if (!ref)
      throw new Error(
        `Push ${push.pushId} on ${push.repo} has no decision task, so no actions can be triggered on it.`,
      );
    return ref.taskId;
  },
  async actionsJson(push, decisionTaskId) {
    return cachedArtifacts((await servicesForRepo(push.repo)).clients.taskcluster).actionsJson(decisionTaskId);
  },
  async taskTags(push, taskId) {
    return (await (await servicesForRepo(push.repo)).clients.taskcluster.task(taskId)).tags;
  },
  async decisionTaskScopes(push, decisionTaskId) {
    const { taskcluster } = (await servicesForRepo(push.repo)).clients;
    return taskcluster.expandScopes((await taskcluster.task(decisionTaskId)).scopes);
  },
  async triggerHook(push, action: HookAction, payload, credentials: StoredCredentials) {
    const { taskcluster } = (await servicesForRepo(push.repo)).clients;
    const result = await taskcluster.triggerHook(action.hookGroupId, action.hookId, payload, {
      clientId: credentials.clientId,
      accessToken: credentials.accessToken,
    });
    if (!result.taskId) throw new Error(`Taskcluster accepted the "${action.name}" hook but created no action task.`);
    return { actionTaskId: result.taskId };
  },
  async findActionTask(push, decisionTaskId, actionName, input, since) {
    const { taskcluster } = (await servicesForRepo(push.repo)).clients;
    const tasks = await taskcluster.listTaskGroup(decisionTaskId);
    const wanted = stableJson(input);
    const match = tasks.find(({ task }) => {
      const action = (task.extra as { action?: { name?: string; context?: { input?: unknown } } }).action;
      return (
        task.tags.kind === 'action-callback' &&
        action?.name === actionName &&
        stableJson(action.context?.input ?? null) === wanted &&
        Date.parse(task.created) >= since
      );
    });
    return match?.status.taskId;
  },
  async recentDurations(push, labels) {
    // The push's job list the page badges already fetched (cached per push in page-data).
    const jobs = await jobsOfPush(push.repo, push.pushId);
    const wanted = new Set(labels);
    const sums = new Map<string, { total: number; n: number }>();
    for (const job of jobs) {
      if (!wanted.has(job.job_type_name) || !job.duration) continue;
      const s = sums.get(job.job_type_name) ?? { total: 0, n: 0 };
      s.total += job.duration;
      s.n++;
      sums.set(job.job_type_name, s);
    }
    return Object.fromEntries([...sums].map(([label, s]) => [label, Math.round(s.total / s.n)]));
  },
};

/** Monitoring reads (anonymous). */
export const monitorGateway: MonitorGateway = {
  async states(repo, taskIds) {
    const statuses = await (await servicesForRepo(repo)).clients.taskcluster.taskStatuses(taskIds);
    return new Map([...statuses].map(([id, status]) => [id, status.state as TaskState]));
  },
  async createdTasks(repo, actionTaskId, decisionTaskId) {
    const { taskcluster } = (await servicesForRepo(repo)).clients;
    try {
      const graph = await cachedArtifacts(taskcluster).taskGraph(actionTaskId);
      return Object.entries(graph).map(([taskId, node]) => ({
        taskId,
        label: node.label,
        dependencies: Object.values(node.dependencies ?? {}),
      }));
    } catch {
      // No task-graph.json on the action task: fall back to its children in the push's task group.
      const tasks = await taskcluster.listTaskGroup(decisionTaskId);
      return tasks
        .filter(({ task }) => task.extra.parent === actionTaskId)
        .map(({ task, status }) => ({
          taskId: status.taskId,
          label: task.metadata.name,
          dependencies: task.dependencies,
        }));
    }
  },
  async taskLabel(repo, taskId) {
    return (await (await servicesForRepo(repo)).clients.taskcluster.task(taskId)).metadata.name;
  },
};

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
