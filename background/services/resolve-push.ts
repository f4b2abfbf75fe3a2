import type { Push } from '../../src/ci';
import type { PushLookup } from '../../src/push-ref';
import type { RepoServices } from './repository-services';

/** The Treeherder push a page names, or an error sentence saying which one was not found. */
export async function resolvePush(services: RepoServices, lookup: PushLookup): Promise<Push> {
  const { treeherder } = services.clients;
  const { repo, pushId, revision } = lookup;
  if (pushId !== undefined) return treeherder.pushById(repo, pushId);
  if (!revision) throw new Error('Name a push by its id or one of its revisions.');
  const push =
    (await treeherder.pushByRevision(repo, revision)) ?? (await treeherder.pushContainingRevision(repo, revision));
  if (!push) throw new Error(`Treeherder knows no ${repo} push with revision ${revision}.`);
  return push;
}
