import {
  createCiClients,
  createTreeherderClient,
  repoPathFromUrl,
  type CiClients,
  type Repository,
} from '../../src/ci';
import { createHttpClient, pageHostBudget } from '../../src/http';
import { memoize } from '../../src/util/memoize';
import { treeherderPageOf } from '../../src/messaging/treeherder-page';
import { resolveServiceUrls, type ServiceUrls } from '../../src/settings';
import { loadSettings } from '../storage/settings-store';
import { readKey, writeKey } from '../storage/storage';

/**
 * Where each repository's services are (docs/design.md, decision 1): the Treeherder origin of the page the
 * user is on, and that repository's tc_root_url and hg url from /api/repository/. Learned from content
 * script senders and kept in storage so a restarted worker (or a bisection) still knows.
 */
const ORIGINS_KEY = 'treeherderOrigins';
/** Hosts of the Treeherder pages seen: the extension's reads there stay within a smaller budget (host-budget.ts). */
const treeherderHosts = new Set<string>();
const http = createHttpClient({ perHostConcurrency: pageHostBudget((host) => treeherderHosts.has(host)) });
const clientsByUrls = new Map<string, CiClients>();
const REPOSITORIES_TTL_MS = 3_600_000;

export interface RepoServices {
  clients: CiClients;
  urls: ServiceUrls;
  repository: Repository;
  /** Path of the repository on hg, e.g. integration/autoland. */
  repoPath: string;
}

/** Repository → Treeherder origin, as learned from content scripts; `'*'` is the last origin seen. */
export async function knownTreeherderOrigins(): Promise<Record<string, string>> {
  return (await readKey<Record<string, string>>('local', ORIGINS_KEY)) ?? {};
}

/** Records the Treeherder origin a content script runs on, for the repository in its URL. */
export async function noteTreeherderPage(
  pageUrl: string | undefined,
): Promise<{ origin: string; repo: string } | undefined> {
  // Only a valid repository name is stored (src/messaging/treeherder-page.ts).
  const page = treeherderPageOf(pageUrl);
  if (!page) return undefined;
  const { origin, repo } = page;
  const known = await knownTreeherderOrigins();
  if (known[repo] !== origin || known['*'] !== origin) {
    await writeKey('local', ORIGINS_KEY, { ...known, [repo]: origin, '*': origin });
  }
  return { origin, repo };
}

export function clientsFor(urls: ServiceUrls): CiClients {
  const key = JSON.stringify(urls);
  let clients = clientsByUrls.get(key);
  if (!clients) {
    clients = createCiClients(urls, http);
    clientsByUrls.set(key, clients);
  }
  return clients;
}

/** The clients for a repository: its page origin (or the override), then its own tc_root_url and hg url. */
export async function servicesForRepo(repo: string): Promise<RepoServices> {
  const settings = await loadSettings();
  const known = await knownTreeherderOrigins();
  const treeherderUrl = resolveServiceUrls({ treeherderUrl: known[repo] ?? known['*'] }, settings).treeherderUrl;
  treeherderHosts.add(new URL(treeherderUrl).host);
  const repositories = await repositoriesOf(treeherderUrl);
  const repository = repositories.find((r) => r.name === repo);
  if (!repository) throw new Error(`Treeherder at ${treeherderUrl} does not know the repository "${repo}".`);
  const hg = new URL(repository.url);
  const urls = resolveServiceUrls(
    { treeherderUrl, taskclusterRootUrl: repository.tc_root_url, hgUrl: hg.origin },
    settings,
  );
  return { clients: clientsFor(urls), urls, repository, repoPath: repoPathFromUrl(repository.url) };
}

/** A Treeherder's repositories, read once an hour, and kept in storage so a restarted worker need not ask first. */
const repositoriesOf = memoize(
  async (treeherderUrl: string): Promise<Repository[]> => {
    const key = `repositories:${treeherderUrl}`;
    const stored = await readKey<{ at: number; repositories: Repository[] }>('local', key).catch(() => undefined);
    if (stored && Date.now() - stored.at < REPOSITORIES_TTL_MS) return stored.repositories;
    const repositories = await createTreeherderClient({ http, urls: { treeherderUrl } }).repositories();
    await writeKey('local', key, { at: Date.now(), repositories }).catch(() => undefined);
    return repositories;
  },
  { ttlMs: REPOSITORIES_TTL_MS },
);
