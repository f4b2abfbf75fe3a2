/** What the revisions panel shows: pushlog changesets shaped for a person judging suspects. */

export interface BackoutInfo {
  /** This changeset backs something out (by its description or the pushlog's backsoutnodes). */
  isBackout: boolean;
  /** Changesets it backs out (12-character or full hashes, as written). */
  backsOut: string[];
  /** The changeset that later backed this one out, when the pushlog knows. */
  backedOutBy?: string;
}

export interface ChangesetView {
  node: string;
  author: string;
  /** First line of the description. */
  summary: string;
  description: string;
  bugs: string[];
  files: string[];
  backout: BackoutInfo;
}

export interface PushChangesets {
  /** hg pushlog id. */
  pushlogId: number;
  /** Treeherder push id, when known. */
  pushId?: number;
  /** Tip revision. */
  revision: string;
  /** Unix seconds. */
  date: number;
  pusher: string;
  /** Newest first (tip first), as Treeherder lists them. */
  changesets: ChangesetView[];
  /** Every file touched by the push, sorted. */
  files: string[];
  backouts: number;
  /** hg repository URL, for changeset links (added by the background). */
  repoUrl?: string;
}

export interface TouchedFile {
  path: string;
  /** Pushlog ids of the pushes touching it, newest first. */
  pushlogIds: number[];
  changesets: number;
}

export interface RangeRevisions {
  /** Exclusive lower bound (e.g. the last push where the job ran). */
  fromRevision: string;
  /** Inclusive upper bound (e.g. the push where it failed). */
  toRevision: string;
  /** Newest first. */
  pushes: PushChangesets[];
  /** Files touched anywhere in the range: most-touched first, then by path. */
  files: TouchedFile[];
  totals: { pushes: number; changesets: number; files: number; backouts: number; authors: number };
  /** hg repository URL, for changeset links (added by the background). */
  repoUrl?: string;
}

/** The range a failing job's gap spans: the pushes after its last run up to the failing push. */
export interface GapRevisions {
  job: { jobId: number; label: string; pushId: number; revision: string; result: string };
  /** Pushes between the last run and the failing push that did not run the job. */
  gap: number;
  lastRun: { pushId: number; revision: string; results: string[] };
  range: RangeRevisions;
}
