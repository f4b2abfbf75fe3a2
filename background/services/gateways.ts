import type { HookAction } from '../../src/ci';
import type { PushRef } from '../../src/push-ref';
import { failingTestPaths } from '../../src/actions/failure-lines';
import type { StoredCredentials } from '../../src/credentials';
import type { TriggerCiClient } from '../triggers/ci-gateway';
import { servicesForRepo } from './repository-services';
import { jobsOfPush } from './page-data';
import { cachedArtifacts } from './artifact-cache';

/** The trigger pipeline's view of the CI, over the validated clients of src/ci (its own checks: triggers/ci-checks.ts). */
export const ciGateway: TriggerCiClient = {
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
  async backfillFacts(push, taskId) {
    const { clients, repository } = await servicesForRepo(push.repo);
    return { isTryRepo: repository.is_try_repo, taskExpires: (await clients.taskcluster.task(taskId)).expires };
  },
  async failingTests(push, jobId) {
    const { clients } = await servicesForRepo(push.repo);
    return failingTestPaths(await clients.treeherder.bugSuggestions(push.repo, jobId));
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
