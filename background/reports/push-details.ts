import type { PushFacts } from '../../src/bisection-session/verdict-summary';
import { hgPushlogUrl, taskclusterGroupUrl, taskclusterTaskUrl, treeherderPushUrl } from '../../src/links';
import type { PushLookup } from '../../src/push-ref';
import { withSentence } from '../error-sentence';
import { resolvePush } from '../services/resolve-push';
import { servicesForRepo } from '../services/repository-services';

/** Runs of the label listed per push; a bisection probe rarely asks for more. */
const MAX_TASKS = 8;
const FAILED = new Set(['testfailed', 'busted', 'exception']);

/**
 * What a person needs to act on a push a verdict names: its tip, author and commit lines, and links to the push in
 * Treeherder, its changes on hg (`<repo>/pushloghtml?changeset=`) and its tasks in Taskcluster (the label's runs,
 * failures first, and the push's task group, whose id is the decision task's).
 */
export function pushDetails(request: PushLookup & { label?: string | undefined }): Promise<PushFacts> {
  return withSentence(async () => {
    const services = await servicesForRepo(request.repo);
    const push = await resolvePush(services, request);
    const { treeherder } = services.clients;
    const tc = services.urls.taskclusterRootUrl;
    const [jobs, decision] = await Promise.all([
      request.label ? treeherder.findJobs({ pushIds: [push.id], jobTypeName: request.label }) : Promise.resolve([]),
      treeherder.decisionTask(request.repo, push.id).catch(() => null),
    ]);
    const runs = jobs
      .filter((job) => job.task_id !== undefined)
      .sort((a, b) => Number(FAILED.has(b.result)) - Number(FAILED.has(a.result)))
      .slice(0, MAX_TASKS);
    const hg = `${services.urls.hgUrl.replace(/\/+$/, '')}/${services.repoPath}`;
    return {
      repo: request.repo,
      pushId: push.id,
      revision: push.revision,
      author: push.author,
      commits: push.revisions.map((r) => r.comments.split('\n')[0]?.trim() ?? ''),
      treeherderUrl: treeherderPushUrl(services.urls.treeherderUrl, request.repo, push.revision),
      hgUrl: hgPushlogUrl(hg, push.revision),
      taskGroupUrl: decision ? taskclusterGroupUrl(tc, decision.taskId) : undefined,
      tasks: runs.map((job) => ({
        taskId: job.task_id!,
        runId: job.retry_id ?? 0,
        result: job.state === 'completed' ? job.result : job.state,
        url: taskclusterTaskUrl(tc, job.task_id!, job.retry_id ?? 0),
      })),
    };
  });
}
