/**
 * A Treeherder page a content script runs on, as read from the sender's URL: its origin and the repository
 * in its `repo` parameter. The name is checked before anything stores or uses it: Treeherder's own API
 * routes repositories as `project/(?P<project>[\w-]{0,50})/` (mozilla/treeherder
 * treeherder/webapp/api/urls.py), so anything else (`<img …>`, 3,000 characters, empty) is no repository.
 */
export interface TreeherderPage {
  origin: string;
  repo: string;
}

const REPO_NAME = /^[A-Za-z0-9_-]{1,50}$/;
/** What Treeherder shows when the URL names no repository. */
const DEFAULT_REPO = 'autoland';

export function isTreeherderRepoName(name: string): boolean {
  return REPO_NAME.test(name);
}

/** The page's origin and repository, or undefined when the URL is not a page with a valid repository name. */
export function treeherderPageOf(pageUrl: string | undefined): TreeherderPage | undefined {
  if (!pageUrl) return undefined;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const repo = url.searchParams.get('repo') ?? DEFAULT_REPO;
  return isTreeherderRepoName(repo) ? { origin: url.origin, repo } : undefined;
}
