import type { Artifact, TaskDefinition, TaskStatus } from '../ci';
import { userMessageFor } from '../http/errors';
import { forEachBounded } from './bounded';
import { artifactEntry } from './entries';
import type { RunArtifacts, TaskArtifacts } from './types';

export interface TaskArtifactSources {
  task(taskId: string): Promise<TaskDefinition>;
  taskStatus(taskId: string): Promise<TaskStatus>;
  listArtifacts(taskId: string, runId: number): Promise<Artifact[]>;
  artifactUrl(taskId: string, name: string, runId: number): string;
  taskUiUrl(taskId: string): string;
}

/** Runs listed at once for one task (a task rarely has more than a few runs). */
const RUN_CONCURRENCY = 4;

/**
 * Every artifact of every run of a task, newest run first. A run whose listing fails keeps its place
 * with a sentence, so one expired or broken run does not hide the others.
 */
export async function loadTaskArtifacts(sources: TaskArtifactSources, taskId: string): Promise<TaskArtifacts> {
  const [task, status] = await Promise.all([sources.task(taskId), sources.taskStatus(taskId)]);
  const runs: RunArtifacts[] = status.runs.map((run) => ({
    runId: run.runId,
    state: run.state,
    ...(run.reasonResolved ? { reasonResolved: run.reasonResolved } : {}),
    artifacts: [],
  }));
  await forEachBounded(runs, RUN_CONCURRENCY, async (run) => {
    if (run.state === 'pending') return; // nothing is uploaded before a run starts
    try {
      const artifacts = await sources.listArtifacts(taskId, run.runId);
      run.artifacts = artifacts
        .map((a) => artifactEntry(a, sources.artifactUrl(taskId, a.name, run.runId)))
        .sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      run.error = userMessageFor(error);
    }
  });
  return {
    taskId,
    label: task.metadata.name,
    taskGroupId: task.taskGroupId,
    state: status.state,
    taskUrl: sources.taskUiUrl(taskId),
    runs: runs.reverse(),
  };
}
