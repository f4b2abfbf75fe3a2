import { jobIdOf, selectors } from './selectors';

/**
 * Where we are on the Treeherder page, read from the URL or the DOM. Pure functions: each takes its
 * input (URL or element) so it can be tested on examples without a live page.
 */

/** Treeherder's own default when the URL has no `repo` (ui/helpers/location.js). */
export const DEFAULT_REPO = 'autoland';
const REPO_NAME = /^[\w.-]+$/;

/**
 * The repository shown by a jobs-view URL.
 * Examples: `/jobs?repo=try&revision=ba9c…` → "try"; `/jobs` → "autoland".
 */
export function repoOf(url: URL | string): string {
  const repo = toUrl(url).searchParams.get('repo');
  return repo && REPO_NAME.test(repo) ? repo : DEFAULT_REPO;
}

/**
 * The selected task run of a jobs-view URL (`selectedTaskRun=<taskId>.<runId>`; `-<runId>` and a bare
 * task id are accepted too, as Treeherder does).
 * Example: `/jobs?repo=try&selectedTaskRun=Fe4GqwoZQSStNUbe4EeSPQ.0` → { taskId: "Fe4G…", runId: 0 }.
 */
export function selectedTaskRunOf(url: URL | string): { taskId: string; runId?: number } | undefined {
  const raw = toUrl(url).searchParams.get('selectedTaskRun');
  const match = raw ? /^([A-Za-z0-9_-]{22})(?:[.-](\d+))?$/.exec(raw) : null;
  if (!match) return undefined;
  return match[2] === undefined ? { taskId: match[1]! } : { taskId: match[1]!, runId: Number(match[2]) };
}

/**
 * The tip revision of a push, from its header link "View only this push"
 * (`/jobs?repo=autoland&revision=9c6e4c31…`). Undefined when the link or its revision is missing.
 */
export function pushRevisionOf(pushRoot: Element): string | undefined {
  const href = pushRoot.querySelector(selectors.pushRevisionLink)?.getAttribute('href');
  if (!href) return undefined;
  const revision = toUrl(href).searchParams.get('revision');
  return revision && /^[0-9a-f]{12,40}$/.test(revision) ? revision : undefined;
}

/**
 * The Treeherder job id of the selected job: the selected button in #push-list, else the details
 * panel's log viewer link (`/logviewer?job_id=259539664&…`), which is there even when the selected
 * job's push is outside the loaded range.
 */
export function selectedJobIdOf(root: ParentNode): number | undefined {
  const button = root.querySelector(selectors.selectedJob);
  const fromButton = button ? jobIdOf(button) : undefined;
  if (fromButton !== undefined) return fromButton;
  const logLink = root.querySelector(`${selectors.actionBar} a[href*="job_id="]`)?.getAttribute('href');
  const fromLink = logLink ? toUrl(logLink).searchParams.get('job_id') : null;
  return fromLink && /^\d+$/.test(fromLink) ? Number(fromLink) : undefined;
}

/** Relative hrefs are resolved against a fixed base: only the query matters here. */
function toUrl(url: URL | string): URL {
  return typeof url === 'string' ? new URL(url, 'https://treeherder.invalid/') : url;
}
