import type { Push, PushlogEntry, RelevantChangeset } from '../ci';
import { pushFromPushlog, pushFromRelevance, summarizeRange } from './shape';
import type { PushChangesets, RangeRevisions } from './types';

/** The pushlog reads the panel needs (the background binds them to a repository). */
export interface RevisionSources {
  /** `json-automationrelevance/<revision>?backouts=1`: the push's changesets up to `revision`. */
  automationRelevance(revision: string): Promise<RelevantChangeset[]>;
  /** `json-pushes?version=2&full=1&fromchange=&tochange=`: pushes after `from` up to and including `to`. */
  pushesBetween(fromRevision: string, toRevision: string): Promise<PushlogEntry[]>;
}

/** Treeherder's view of a push: its id, tip and the authors of its (up to 20) commits. */
type TreeherderPush = Pick<Push, 'id' | 'revision' | 'author' | 'revisions'>;

/** More pushes than this in one range is not something a person reads; narrow it instead. */
export const MAX_RANGE_PUSHES = 200;

export async function loadPushRevisions(sources: RevisionSources, push: TreeherderPush): Promise<PushChangesets> {
  const changesets = await sources.automationRelevance(push.revision);
  const authorsByNode = new Map(push.revisions.map((r) => [r.revision, r.author] as const));
  return pushFromRelevance(changesets, { pushId: push.id, pusher: push.author, authorsByNode });
}

export async function loadRangeRevisions(
  sources: RevisionSources,
  fromRevision: string,
  toRevision: string,
): Promise<RangeRevisions> {
  if (fromRevision === toRevision) return summarizeRange(fromRevision, toRevision, []);
  const entries = await sources.pushesBetween(fromRevision, toRevision);
  if (entries.length > MAX_RANGE_PUSHES) {
    throw new Error(
      `The range holds ${entries.length} pushes; the panel shows at most ${MAX_RANGE_PUSHES}. Narrow it.`,
    );
  }
  return summarizeRange(fromRevision, toRevision, entries.map(pushFromPushlog));
}
