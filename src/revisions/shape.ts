import type { PushlogEntry, RelevantChangeset } from '../ci';
import { backoutOf, bugsIn, firstLine } from './describe';
import type { ChangesetView, PushChangesets, RangeRevisions, TouchedFile } from './types';

/**
 * One push from `json-automationrelevance/<tip>` (changesets in DAG order, tip last). The endpoint may
 * omit authors; `authorsByNode` (e.g. from Treeherder's push) fills them in.
 */
export function pushFromRelevance(
  changesets: readonly RelevantChangeset[],
  extra: { pushId?: number; pusher?: string; authorsByNode?: ReadonlyMap<string, string> } = {},
): PushChangesets {
  const tip = changesets[changesets.length - 1];
  if (!tip) throw new Error('The pushlog returned no changesets for this push.');
  const views = changesets.map((c) =>
    changesetView({
      node: c.node,
      author: c.author ?? extra.authorsByNode?.get(c.node) ?? '',
      desc: c.desc,
      files: c.files,
      backsOut: c.backsoutnodes.map((b) => b.node),
      backedOutBy: c.backedoutby,
      bugs: c.bugs.map((b) => b.no),
    }),
  );
  return pushOf({
    pushlogId: tip.pushid,
    pushId: extra.pushId,
    revision: tip.pushhead,
    date: tip.pushdate[0],
    pusher: extra.pusher ?? pusherOf(tip),
    changesets: views,
  });
}

/** One push from `json-pushes?version=2&full=1` (changesets in DAG order, tip last). */
export function pushFromPushlog(entry: PushlogEntry): PushChangesets {
  const views = entry.changesets.map((c) =>
    changesetView({ node: c.node, author: c.author ?? '', desc: c.desc ?? '', files: c.files ?? [] }),
  );
  return pushOf({
    pushlogId: entry.pushId,
    revision: entry.changesets[entry.changesets.length - 1]?.node ?? '',
    date: entry.date,
    pusher: entry.user,
    changesets: views,
  });
}

/** The pushes of a range (any order) and the files they touched, for judging which push is the culprit. */
export function summarizeRange(
  fromRevision: string,
  toRevision: string,
  pushes: readonly PushChangesets[],
): RangeRevisions {
  const newestFirst = [...pushes].sort((a, b) => b.pushlogId - a.pushlogId);
  const files = new Map<string, TouchedFile>();
  const authors = new Set<string>();
  let changesets = 0;
  let backouts = 0;
  for (const push of newestFirst) {
    backouts += push.backouts;
    for (const changeset of push.changesets) {
      changesets++;
      if (changeset.author) authors.add(changeset.author);
      for (const path of new Set(changeset.files)) {
        let file = files.get(path);
        if (!file) {
          file = { path, pushlogIds: [], changesets: 0 };
          files.set(path, file);
        }
        file.changesets++;
        if (!file.pushlogIds.includes(push.pushlogId)) file.pushlogIds.push(push.pushlogId);
      }
    }
  }
  const sortedFiles = [...files.values()].sort(
    (a, b) => b.pushlogIds.length - a.pushlogIds.length || b.changesets - a.changesets || a.path.localeCompare(b.path),
  );
  return {
    fromRevision,
    toRevision,
    pushes: newestFirst,
    files: sortedFiles,
    totals: { pushes: newestFirst.length, changesets, files: sortedFiles.length, backouts, authors: authors.size },
  };
}

interface RawChangeset {
  node: string;
  author: string;
  desc: string;
  files: readonly string[];
  backsOut?: readonly string[];
  backedOutBy?: string;
  bugs?: readonly string[];
}

function changesetView(c: RawChangeset): ChangesetView {
  return {
    node: c.node,
    author: c.author,
    summary: firstLine(c.desc),
    description: c.desc,
    bugs: [...new Set([...(c.bugs ?? []), ...bugsIn(c.desc)])],
    files: [...c.files],
    backout: backoutOf(c.desc, c.backsOut ?? [], c.backedOutBy),
  };
}

function pushOf(
  p: Omit<PushChangesets, 'files' | 'backouts' | 'changesets'> & { changesets: ChangesetView[] },
): PushChangesets {
  const files = [...new Set(p.changesets.flatMap((c) => c.files))].sort();
  return {
    pushlogId: p.pushlogId,
    ...(p.pushId !== undefined ? { pushId: p.pushId } : {}),
    revision: p.revision,
    date: p.date,
    pusher: p.pusher,
    // Tip first, as Treeherder lists a push's commits.
    changesets: [...p.changesets].reverse(),
    files,
    backouts: p.changesets.filter((c) => c.backout.isBackout).length,
  };
}

function pusherOf(changeset: RelevantChangeset): string {
  const pushuser = (changeset as { pushuser?: unknown }).pushuser;
  return typeof pushuser === 'string' ? pushuser : '';
}
