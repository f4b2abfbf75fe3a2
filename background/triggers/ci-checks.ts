import type { PushRef } from '../../src/actions/intents';
import type { ActionTaskSeen } from '../../src/log/reconcile';
import { pushCompleteness } from '../services/page-data';
import { servicesForRepo } from '../services/repository-services';
import type { TriggerCiChecks } from './ci-gateway';

/** States of a task that has not finished (Taskcluster's task status states). */
const UNFINISHED = new Set(['unscheduled', 'pending', 'running']);

/** The trigger pipeline's own reads of the CI (./ci-gateway.ts), over the validated clients of src/ci. */
export const ciChecks: TriggerCiChecks = {
  async actionTasks(push, decisionTaskId) {
    const { clients, urls } = await servicesForRepo(push.repo);
    const tasks = await clients.taskcluster.listTaskGroup(decisionTaskId);
    const seen: ActionTaskSeen[] = [];
    for (const { task, status } of tasks) {
      // An action task: tags.kind action-callback, extra.action {name, context {input, clientId}}
      // (reference/taskcluster.md §1.7).
      if (task.tags.kind !== 'action-callback') continue;
      const action = (task.extra as { action?: { name?: unknown; context?: { input?: unknown; clientId?: unknown } } })
        .action;
      if (typeof action?.name !== 'string') continue;
      const created = Date.parse(task.created);
      if (Number.isNaN(created)) continue;
      seen.push({
        taskId: status.taskId,
        actionName: action.name,
        input: action.context?.input ?? null,
        clientId: typeof action.context?.clientId === 'string' ? action.context.clientId : undefined,
        created,
      });
    }
    return { tasks: seen, serverOffsetMs: clients.http.serverClockOffsetMs(urls.taskclusterRootUrl) };
  },

  async missingTestLabels(push: PushRef) {
    const completeness = await pushCompleteness(push.repo, push.pushId);
    // Test-kind labels are `test-<platform>/<config>-<suite>` in Gecko's task graph: what run-missing-tests schedules.
    return Object.values(completeness.missingByPlatform)
      .flat()
      .map((job) => job.label)
      .filter((label) => label.startsWith('test-'));
  },

  async serverClockOffsetMs(push: PushRef) {
    const { clients, urls } = await servicesForRepo(push.repo);
    return clients.http.serverClockOffsetMs(urls.taskclusterRootUrl);
  },

  async unfinishedTaskCount(push: PushRef) {
    const { clients } = await servicesForRepo(push.repo);
    const decision = await clients.treeherder.decisionTask(push.repo, push.pushId);
    if (!decision)
      throw new Error(`Push ${push.pushId} on ${push.repo} has no decision task, so it has no tasks to cancel.`);
    const tasks = await clients.taskcluster.listTaskGroup(decision.taskId);
    return tasks.filter(({ status }) => UNFINISHED.has(status.state)).length;
  },
};
