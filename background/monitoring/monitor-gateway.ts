import type { CiClients, TaskDefinition, TaskStatus } from '../../src/ci';
import { asTaskState, type TaskInfo } from '../../src/monitor/discovery';
import type { TaskState } from '../../src/monitor/tracked-group';
import type { MonitorGateway } from './tracker';

function infoOf(taskId: string, task: TaskDefinition): TaskInfo {
  const action = task.extra.action;
  return {
    taskId,
    label: task.metadata.name,
    created: task.created,
    dependencies: task.dependencies,
    parent: task.extra.parent,
    ...(action
      ? { action: { name: action.name, input: action.context.input, clientId: action.context.clientId } }
      : {}),
  };
}

function stateOf(status: TaskStatus): TaskState {
  return asTaskState(status.state);
}

/** Monitoring reads over the validated clients of src/ci for a repository; all anonymous on Firefox CI. */
export function createMonitorGateway(clientsOf: (repo: string) => Promise<CiClients>): MonitorGateway {
  return {
    async states(repo, taskIds) {
      const statuses = await (await clientsOf(repo)).taskcluster.taskStatuses(taskIds);
      return new Map([...statuses].map(([id, status]) => [id, stateOf(status)]));
    },
    async taskInfo(repo, taskId) {
      return infoOf(taskId, await (await clientsOf(repo)).taskcluster.task(taskId));
    },
    async dependents(repo, taskId) {
      const tasks = await (await clientsOf(repo)).taskcluster.listDependentTasks(taskId);
      return tasks.map(({ task, status }) => ({ ...infoOf(status.taskId, task), state: stateOf(status) }));
    },
    async tasksOfLabel(repo, pushId, label) {
      const clients = await clientsOf(repo);
      const jobs = await clients.treeherder.findJobs({ pushIds: [pushId], jobTypeName: label });
      const taskIds = [...new Set(jobs.flatMap((job) => (job.task_id ? [job.task_id] : [])))];
      const statuses = await clients.taskcluster.taskStatuses(taskIds);
      return [...statuses].map(([taskId, status]) => ({
        taskId,
        state: stateOf(status),
        runs: status.runs.map((run) => ({
          runId: run.runId,
          reasonCreated: run.reasonCreated,
          scheduled: run.scheduled,
        })),
      }));
    },
    async pushesBefore(repo, pushId, count) {
      const pushes = await (await clientsOf(repo)).treeherder.pushesBefore(repo, pushId, count);
      return pushes.map((push) => ({ pushId: push.id, revision: push.revision }));
    },
    async actionTasksOfRevision(repo, revision) {
      const indexed = await (await clientsOf(repo)).taskcluster.listIndexedTasks(
        `gecko.v2.${repo}.revision.${revision}.taskgraph.actions`,
      );
      return indexed.map((entry) => entry.taskId);
    },
    async hasDecisionTask(repo, revision) {
      const { taskcluster } = await clientsOf(repo);
      return (await taskcluster.findTask(`gecko.v2.${repo}.revision.${revision}.taskgraph.decision`)) !== null;
    },
  };
}
