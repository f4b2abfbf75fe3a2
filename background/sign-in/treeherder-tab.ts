import { browser } from '../../platform/browser';
import { isTreeherderRepoName, treeherderPageOf, type TreeherderPage } from '../../src/messaging/treeherder-page';
import { knownTreeherderOrigins } from '../services/repository-services';

export interface TreeherderTab extends TreeherderPage {
  tabId: number;
  url: string;
}

/**
 * The Treeherder jobs view the user has at hand: among open tabs on a Treeherder origin the extension
 * has seen, the active one, else the one used last. Sign-in checks scopes against its repository.
 */
export async function treeherderTabAtHand(): Promise<TreeherderTab | undefined> {
  const origins = new Set(Object.values(await knownTreeherderOrigins()));
  if (!origins.size) return undefined;
  // Match patterns carry no port, so query by host and keep the tabs on a known origin (port included).
  const patterns = [...new Set([...origins].map((o) => `${new URL(o).protocol}//${new URL(o).hostname}/jobs*`))];
  const tabs = await browser.tabs.query({ url: patterns });
  const candidates: (TreeherderTab & { rank: number })[] = [];
  for (const tab of tabs) {
    const page = treeherderPageOf(tab.url);
    if (tab.id === undefined || !tab.url || !page || !origins.has(page.origin)) continue;
    const lastAccessed = (tab as { lastAccessed?: number }).lastAccessed ?? 0;
    candidates.push({ ...page, tabId: tab.id, url: tab.url, rank: (tab.active ? 1e15 : 0) + lastAccessed });
  }
  candidates.sort((a, b) => b.rank - a.rank);
  const [best] = candidates;
  return best ? { origin: best.origin, repo: best.repo, tabId: best.tabId, url: best.url } : undefined;
}

/** The repository of the tab at hand; without one, a valid repository last seen on the last origin, else autoland. */
export async function repositoryAtHand(): Promise<string> {
  const tab = await treeherderTabAtHand();
  if (tab) return tab.repo;
  const known = await knownTreeherderOrigins();
  const last = known['*'];
  const seen = Object.entries(known).filter(
    ([repo, origin]) => repo !== '*' && origin === last && isTreeherderRepoName(repo),
  );
  return seen.at(-1)?.[0] ?? 'autoland';
}
