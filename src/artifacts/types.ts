/** What the artifact finder shows: one artifact of one task run, with its Taskcluster link. */
export interface ArtifactEntry {
  name: string;
  /** Bytes, when Taskcluster knows (object artifacts); absent for most s3 ones. */
  size?: number;
  contentType: string;
  /** s3, object, reference, link or error (an error artifact has no content). */
  storageType: string;
  expires: string;
  /** Queue URL of this run's artifact; the queue redirects to storage. */
  url: string;
}

export interface RunArtifacts {
  runId: number;
  state: string;
  reasonResolved?: string;
  artifacts: ArtifactEntry[];
  /** A sentence when this run's artifacts could not be listed. */
  error?: string;
}

export interface TaskArtifacts {
  taskId: string;
  label: string;
  taskGroupId: string;
  state: string;
  /** Taskcluster UI page of the task. */
  taskUrl: string;
  runs: RunArtifacts[];
}

/** A search hit: an artifact of a run of a task of the push. */
export interface ArtifactMatch extends ArtifactEntry {
  taskId: string;
  runId: number;
  label: string;
}

export type ArtifactSearchPhase = 'tasks' | 'artifacts' | 'done' | 'failed' | 'stopped';

export interface ArtifactSearchCounts {
  tasksTotal: number;
  runsTotal: number;
  runsSearched: number;
  artifactsSeen: number;
  matches: number;
  /** Runs whose listing failed (after the HTTP layer's retries). */
  failures: number;
  lastFailure?: string;
}

/** A push-wide search running in the background, as the page polls it. */
export interface ArtifactSearchStatus {
  searchId: string;
  pattern: string;
  push: { pushId: number; revision: string; taskGroupId: string };
  phase: ArtifactSearchPhase;
  counts: ArtifactSearchCounts;
  /** Matches from the `from` index the poll asked for. */
  matches: ArtifactMatch[];
  /** Index to ask from next time (= matches found so far). */
  next: number;
  /** True when the search stopped at its match cap. */
  truncated: boolean;
  /** A sentence for the user when the search failed. */
  error?: string;
}
