import type { Artifact, TaskDefinitionAndStatus } from '../ci';
import { userMessageFor } from '../http/errors';
import { forEachBounded } from './bounded';
import { artifactEntry } from './entries';
import type { CompiledGlob } from './glob';
import type { ArtifactMatch, ArtifactSearchCounts } from './types';

export interface ArtifactSearchSources {
  listTaskGroup(taskGroupId: string): Promise<TaskDefinitionAndStatus[]>;
  listArtifacts(taskId: string, runId: number): Promise<Artifact[]>;
  artifactUrl(taskId: string, name: string, runId: number): string;
}

export interface ArtifactSearchRequest {
  /** The push's task group (= its decision task id). */
  taskGroupId: string;
  glob: CompiledGlob;
  /** Artifact listings in flight at once. */
  concurrency: number;
  /** Stop collecting after this many matches (a pattern like `**` would match every artifact). */
  maxMatches: number;
}

export interface ArtifactSearchCallbacks {
  /** New matches, as each run's listing is searched. */
  onMatches?: (matches: ArtifactMatch[]) => void;
  onProgress?: (counts: ArtifactSearchCounts, phase: 'tasks' | 'artifacts') => void;
  signal?: AbortSignal;
}

export interface ArtifactSearchOutcome {
  counts: ArtifactSearchCounts;
  /** True when the search stopped at maxMatches. */
  truncated: boolean;
}

interface RunToSearch {
  taskId: string;
  runId: number;
  label: string;
}

/**
 * Lists the push's tasks, then every run's artifacts with bounded concurrency, and hands over the
 * names matching the glob as each listing arrives. A listing that fails is counted and the search goes
 * on; only failing to list the tasks themselves fails the search.
 */
export async function searchPushArtifacts(
  sources: ArtifactSearchSources,
  request: ArtifactSearchRequest,
  callbacks: ArtifactSearchCallbacks = {},
): Promise<ArtifactSearchOutcome> {
  const counts: ArtifactSearchCounts = {
    tasksTotal: 0,
    runsTotal: 0,
    runsSearched: 0,
    artifactsSeen: 0,
    matches: 0,
    failures: 0,
  };
  callbacks.onProgress?.({ ...counts }, 'tasks');
  const tasks = await sources.listTaskGroup(request.taskGroupId);
  callbacks.signal?.throwIfAborted();
  const runs = runsOf(tasks);
  counts.tasksTotal = tasks.length;
  counts.runsTotal = runs.length;
  callbacks.onProgress?.({ ...counts }, 'artifacts');

  let truncated = false;
  const stopAtLimit = new AbortController();
  const signal = callbacks.signal ? AbortSignal.any([callbacks.signal, stopAtLimit.signal]) : stopAtLimit.signal;
  await forEachBounded(
    runs,
    request.concurrency,
    async (run) => {
      try {
        const artifacts = await sources.listArtifacts(run.taskId, run.runId);
        if (signal.aborted) return;
        counts.artifactsSeen += artifacts.length;
        const found: ArtifactMatch[] = [];
        for (const artifact of artifacts) {
          if (!request.glob.test(artifact.name)) continue;
          if (counts.matches + found.length >= request.maxMatches) {
            truncated = true;
            stopAtLimit.abort();
            break;
          }
          found.push({
            ...artifactEntry(artifact, sources.artifactUrl(run.taskId, artifact.name, run.runId)),
            taskId: run.taskId,
            runId: run.runId,
            label: run.label,
          });
        }
        counts.matches += found.length;
        if (found.length) callbacks.onMatches?.(found);
      } catch (error) {
        counts.failures++;
        counts.lastFailure = userMessageFor(error);
      }
      counts.runsSearched++;
      callbacks.onProgress?.({ ...counts }, 'artifacts');
    },
    signal,
  );
  callbacks.signal?.throwIfAborted();
  return { counts: { ...counts }, truncated };
}

/** Every run that may have artifacts (a pending run has none yet), task by task in label order. */
function runsOf(tasks: readonly TaskDefinitionAndStatus[]): RunToSearch[] {
  const sorted = [...tasks].sort((a, b) => a.task.metadata.name.localeCompare(b.task.metadata.name));
  return sorted.flatMap(({ task, status }) =>
    status.runs
      .filter((run) => run.state !== 'pending')
      .map((run) => ({ taskId: status.taskId, runId: run.runId, label: task.metadata.name })),
  );
}
