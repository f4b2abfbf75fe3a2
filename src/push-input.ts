/**
 * What a sheriff pastes to name a push: a Treeherder push id, a revision, or a URL copied from Treeherder
 * (`/jobs?repo=autoland&revision=…`, the older `/#/jobs?…`, a range `fromchange=…&tochange=…`, push health's
 * `/push-health/push?repo=…&revision=…`) or from hg (`…/rev/<node>`, `…/pushloghtml?changeset=<node>`). One function
 * reads them all; anything else gets a sentence saying what is accepted.
 */
import { isRepoName, normalizeRevision } from './ids';

export type PushInput =
  /** `push` is the id (digits) or the revision, as the revisions page's push form takes it. */
  | { kind: 'push'; push: string; repo?: string | undefined }
  | { kind: 'range'; from: string; to: string; repo?: string | undefined }
  | { kind: 'invalid'; sentence: string };

const ACCEPTED =
  'Give a push id, a revision (12 to 40 hex digits) or a Treeherder or hg link to a push, e.g. https://treeherder.mozilla.org/jobs?repo=autoland&revision=<revision>.';

/** The repository hg serves at this path: its last segment (integration/autoland → autoland). */
function repoOfHgPath(segments: readonly string[]): string | undefined {
  const name = segments.at(-1);
  return name && isRepoName(name) ? name : undefined;
}

/** hg pages that name a changeset, after the repository's path. */
const HG_PAGES = new Set(['rev', 'raw-rev', 'json-automationrelevance', 'pushloghtml', 'json-pushes']);

function fromUrl(url: URL): PushInput {
  // Treeherder's older URLs keep the route and its query in the fragment: /#/jobs?repo=…
  const query = url.hash.includes('?') ? new URLSearchParams(url.hash.slice(url.hash.indexOf('?'))) : url.searchParams;
  const segments = url.pathname.split('/').filter(Boolean);
  const hgPage = segments.findIndex((s) => HG_PAGES.has(s));
  const repoParam = query.get('repo') ?? undefined;
  const repo =
    repoParam && isRepoName(repoParam) ? repoParam : hgPage > 0 ? repoOfHgPath(segments.slice(0, hgPage)) : undefined;
  const revision = normalizeRevision(query.get('revision') ?? query.get('changeset') ?? '');
  if (revision) return { kind: 'push', push: revision, repo };
  const from = normalizeRevision(query.get('fromchange') ?? '');
  const to = normalizeRevision(query.get('tochange') ?? '');
  if (from && to) return { kind: 'range', from, to, repo };
  if (to) return { kind: 'push', push: to, repo };
  // hg: <repo path>/rev/<node>, <repo path>/json-automationrelevance/<node>
  const node = hgPage > 0 ? normalizeRevision(segments[hgPage + 1] ?? '') : undefined;
  if (node) return { kind: 'push', push: node, repo };
  return { kind: 'invalid', sentence: `That link names no push (it has no revision). ${ACCEPTED}` };
}

export function parsePushInput(text: string): PushInput {
  const value = text.trim();
  if (/^\d+$/.test(value)) return { kind: 'push', push: value };
  const revision = normalizeRevision(value);
  if (revision) return { kind: 'push', push: revision };
  if (/^https?:\/\//i.test(value)) {
    try {
      return fromUrl(new URL(value));
    } catch {
      return { kind: 'invalid', sentence: `That is not a link a browser can open. ${ACCEPTED}` };
    }
  }
  return { kind: 'invalid', sentence: `"${value.slice(0, 60)}" is not a push. ${ACCEPTED}` };
}
