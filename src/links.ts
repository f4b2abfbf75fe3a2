/**
 * Links to what a sheriff opens next, built in one place: Treeherder's jobs view (a push, a job type on a push, a task
 * run), Taskcluster's task and task-group pages, hg's pushlog. Origins come from the repository's services
 * (background/services/repository-services), so the same links work on production and on the fake CI.
 * Facts used: Treeherder's jobs view reads `repo`, `revision`, `searchStr` (its quick filter), `tier` and
 * `selectedTaskRun=<taskId>.<runId>` from its URL; the Taskcluster UI serves `/tasks/<taskId>[/runs/<runId>]` and
 * `/tasks/groups/<taskGroupId>`; hg serves `<repo path>/pushloghtml?changeset=<revision>`.
 */

const trim = (origin: string) => origin.replace(/\/+$/, '');
const repoQuery = (repo: string) => `repo=${encodeURIComponent(repo)}`;

export function treeherderPushUrl(treeherder: string, repo: string, revision: string): string {
  return `${trim(treeherder)}/jobs?${repoQuery(repo)}&revision=${revision}`;
}

/** One task run on its push, selected (Treeherder opens its details panel). */
export function treeherderTaskRunUrl(
  treeherder: string,
  repo: string,
  revision: string,
  taskId: string,
  runId: number,
): string {
  return `${treeherderPushUrl(treeherder, repo, revision)}&selectedTaskRun=${taskId}.${runId}`;
}

/**
 * A job type's runs in Treeherder's quick filter: on one push when a revision is given, else on the latest pushes;
 * tier-3 jobs are hidden unless the tier filter asks for them.
 */
export function treeherderJobTypeUrl(
  treeherder: string,
  repo: string,
  label: string,
  options: { revision?: string | undefined; tier?: number | undefined } = {},
): string {
  const push = options.revision ? `&revision=${options.revision}` : '';
  const tier = options.tier === 3 ? '&tier=1%2C2%2C3' : '';
  return `${trim(treeherder)}/jobs?${repoQuery(repo)}${push}&searchStr=${encodeURIComponent(label)}${tier}`;
}

export function taskclusterTaskUrl(taskcluster: string, taskId: string, runId?: number): string {
  return `${trim(taskcluster)}/tasks/${encodeURIComponent(taskId)}${runId === undefined ? '' : `/runs/${runId}`}`;
}

export function taskclusterGroupUrl(taskcluster: string, taskGroupId: string): string {
  return `${trim(taskcluster)}/tasks/groups/${encodeURIComponent(taskGroupId)}`;
}

/** `hgRepoUrl` is the repository's own URL, e.g. https://hg.mozilla.org/integration/autoland. */
export function hgPushlogUrl(hgRepoUrl: string, revision: string): string {
  return `${trim(hgRepoUrl)}/pushloghtml?changeset=${revision}`;
}
