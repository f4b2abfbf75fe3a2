import type { Push } from '../../src/ci';
import type { RepoServices } from './repository-services';

/** A push named by Treeherder id or by a revision of it (tip or any commit). */
export interface PushRef {
  pushId?: number | undefined;
  revision?: string | undefined;
}

/** The Treeherder push a page names, or an error sentence saying which one was not found. */
export async function resolvePush(services: RepoServices, repo: string, ref: PushRef): Promise<Push> {
  const { treeherder } = services.clients;
  if (ref.pushId !== undefined) return treeherder.pushById(repo, ref.pushId);
  if (!ref.revision) throw new Error('Name a push by its id or one of its revisions.');
  const push =
    (await treeherder.pushByRevision(repo, ref.revision)) ??
    (await treeherder.pushContainingRevision(repo, ref.revision));
  if (!push) throw new Error(`Treeherder knows no ${repo} push with revision ${ref.revision}.`);
  return push;
}
