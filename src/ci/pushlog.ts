/**
 * hg.mozilla.org pushlog client (reference/taskcluster.md §7): pushes between two points and the
 * files a push touched. The hg base URL comes from settings; repositories are addressed by path
 * (e.g. `integration/autoland`), see `repoPathFromUrl`.
 */
import type { HttpClient, RequestOptions } from '../http/client';
import type { ServiceUrls } from '../settings';
import {
  AutomationRelevanceSchema,
  JsonPushesSchema,
  type JsonPushes,
  type RelevantChangeset,
} from './schemas/pushlog';
import { trimSlashes, withQuery } from './url';

/** One changeset of a pushlog push; `author`, `desc` and `files` only when requested with `full`. */
export interface PushlogChangesetEntry {
  node: string;
  author?: string;
  desc?: string;
  files?: string[];
}

/** A pushlog push (hg pushlog id, not Treeherder's push id). */
export interface PushlogEntry {
  pushId: number;
  /** Unix seconds. */
  date: number;
  user: string;
  /** DAG order, tip last. */
  changesets: PushlogChangesetEntry[];
}

export interface FilesTouched {
  changesets: RelevantChangeset[];
  /** Union of the files of every changeset, sorted. */
  files: string[];
}

export interface PushlogClientOptions {
  http: HttpClient;
  urls: Pick<ServiceUrls, 'hgUrl'>;
}

export interface PushlogClient {
  /** Pushes with `startId < id <= endId`, oldest first. */
  pushesBetweenIds(
    repoPath: string,
    range: { startId: number; endId: number; full?: boolean },
  ): Promise<PushlogEntry[]>;
  /** Pushes after the one containing `fromRevision` up to the one containing `toRevision`, oldest first. */
  pushesBetweenRevisions(
    repoPath: string,
    range: { fromRevision: string; toRevision: string; full?: boolean },
  ): Promise<PushlogEntry[]>;
  /** The changesets of the push up to `revision` and every file they touch. */
  filesTouched(repoPath: string, revision: string): Promise<FilesTouched>;
}

const HOUR_MS = 60 * 60 * 1000;

export function createPushlogClient(options: PushlogClientOptions): PushlogClient {
  const { http } = options;
  const hgBase = trimSlashes(options.urls.hgUrl);
  const repoBase = (repoPath: string) => `${hgBase}/${repoPath.replace(/^\/+|\/+$/g, '')}`;
  const describe = (endpoint: string, what: string): RequestOptions => ({ source: 'pushlog', endpoint, what });

  async function jsonPushes(repoPath: string, params: Record<string, string>, full: boolean, what: string) {
    const url = withQuery(`${repoBase(repoPath)}/json-pushes`, {
      version: '2',
      ...(full ? { full: '1' } : {}),
      ...params,
    });
    // Not cached: a range reaching past the newest push grows as pushes land.
    const result = await http.getJson(url, JsonPushesSchema, describe('json-pushes?version=2', what));
    return toEntries(result);
  }

  return {
    pushesBetweenIds(repoPath, range) {
      return jsonPushes(
        repoPath,
        { startID: String(range.startId), endID: String(range.endId) },
        range.full ?? false,
        `the ${repoPath} pushes ${range.startId + 1}–${range.endId}`,
      );
    },

    pushesBetweenRevisions(repoPath, range) {
      return jsonPushes(
        repoPath,
        { fromchange: range.fromRevision, tochange: range.toRevision },
        range.full ?? false,
        `the ${repoPath} pushes from ${range.fromRevision} to ${range.toRevision}`,
      );
    },

    async filesTouched(repoPath, revision) {
      const url = `${repoBase(repoPath)}/json-automationrelevance/${encodeURIComponent(revision)}`;
      const result = await http.getJson(url, AutomationRelevanceSchema, {
        ...describe('json-automationrelevance/<rev>', `the files touched by ${revision} on ${repoPath}`),
        cacheTtlMs: HOUR_MS,
      });
      const files = new Set<string>();
      for (const changeset of result.changesets) for (const file of changeset.files) files.add(file);
      return { changesets: result.changesets, files: [...files].sort() };
    },
  };
}

function toEntries(result: JsonPushes): PushlogEntry[] {
  return Object.entries(result.pushes)
    .map(([pushId, push]) => ({
      pushId: Number(pushId),
      date: push.date,
      user: push.user,
      changesets: push.changesets.map((changeset) =>
        typeof changeset === 'string'
          ? { node: changeset }
          : { node: changeset.node, author: changeset.author, desc: changeset.desc, files: changeset.files },
      ),
    }))
    .sort((a, b) => a.pushId - b.pushId);
}

/** `https://hg.mozilla.org/integration/autoland` → `integration/autoland`. */
export function repoPathFromUrl(repositoryUrl: string): string {
  return new URL(repositoryUrl).pathname.replace(/^\/+|\/+$/g, '');
}
