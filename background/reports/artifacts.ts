import { compileGlob } from '../../src/artifacts/glob';
import { searchPushArtifacts } from '../../src/artifacts/search';
import { loadTaskArtifacts } from '../../src/artifacts/task-artifacts';
import type {
  ArtifactMatch,
  ArtifactSearchCounts,
  ArtifactSearchPhase,
  ArtifactSearchStatus,
  TaskArtifacts,
} from '../../src/artifacts/types';
import { errorSentence, withSentence } from '../error-sentence';
import type { PushLookup } from '../../src/push-ref';
import { resolvePush } from '../services/resolve-push';
import { servicesForRepo } from '../services/repository-services';

/** Listings in flight per search; the HTTP layer's per-host limit bounds them further. */
const SEARCH_CONCURRENCY = 8;
/** Beyond this many matches a pattern is too broad to be useful; the search stops and says so. */
const MAX_MATCHES = 5000;
/** Matches handed to the page per poll, so one message stays small. */
const MATCHES_PER_POLL = 500;
/** A search nobody polled for this long is stopped (its page was closed). */
const ABANDON_MS = 60_000;
const KEEP_SEARCHES = 5;

export function taskArtifacts(repo: string, taskId: string): Promise<TaskArtifacts> {
  return withSentence(async () => {
    const { clients } = await servicesForRepo(repo);
    return loadTaskArtifacts(clients.taskcluster, taskId);
  });
}

/**
 * Push-wide searches, run here while the page polls for new matches. In memory only: a search is
 * read-only and quick to redo, so a worker restart just asks the user to search again.
 */
interface SearchJob {
  id: string;
  pattern: string;
  push: ArtifactSearchStatus['push'];
  startedAt: number;
  lastPolledAt: number;
  phase: ArtifactSearchPhase;
  counts: ArtifactSearchCounts;
  matches: ArtifactMatch[];
  truncated: boolean;
  error?: string;
  controller: AbortController;
}

const searches = new Map<string, SearchJob>();

export function startArtifactSearch(request: PushLookup & { pattern: string }): Promise<ArtifactSearchStatus> {
  return withSentence(async () => {
    const glob = compileGlob(request.pattern);
    const services = await servicesForRepo(request.repo);
    const push = await resolvePush(services, request);
    const decision = await services.clients.treeherder.decisionTask(request.repo, push.id);
    if (!decision) throw new Error(`Push ${push.id} has no decision task yet, so its tasks cannot be listed.`);
    prune();
    const job: SearchJob = {
      id: crypto.randomUUID(),
      pattern: glob.pattern,
      push: { pushId: push.id, revision: push.revision, taskGroupId: decision.taskId },
      startedAt: Date.now(),
      lastPolledAt: Date.now(),
      phase: 'tasks',
      matches: [],
      truncated: false,
      controller: new AbortController(),
      counts: { tasksTotal: 0, runsTotal: 0, runsSearched: 0, artifactsSeen: 0, matches: 0, failures: 0 },
    };
    searches.set(job.id, job);
    void searchPushArtifacts(
      services.clients.taskcluster,
      {
        taskGroupId: decision.taskId,
        glob,
        concurrency: SEARCH_CONCURRENCY,
        maxMatches: MAX_MATCHES,
      },
      {
        signal: job.controller.signal,
        onMatches: (matches) => job.matches.push(...matches),
        onProgress: (counts, phase) => {
          job.counts = counts;
          job.phase = phase;
          if (Date.now() - job.lastPolledAt > ABANDON_MS) job.controller.abort();
        },
      },
    ).then(
      (outcome) => {
        job.counts = outcome.counts;
        job.truncated = outcome.truncated;
        job.phase = 'done';
      },
      (error: unknown) => {
        if (job.controller.signal.aborted) {
          job.phase = 'stopped';
          return;
        }
        job.phase = 'failed';
        job.error = errorSentence(error);
      },
    );
    return statusOf(job, 0);
  });
}

export function artifactSearchProgress(searchId: string, from: number): ArtifactSearchStatus {
  const job = searches.get(searchId);
  if (!job)
    throw new Error("This search is no longer in the extension's memory (its background restarted). Search again.");
  job.lastPolledAt = Date.now();
  return statusOf(job, from);
}

export function stopArtifactSearch(searchId: string): ArtifactSearchStatus | null {
  const job = searches.get(searchId);
  if (!job) return null;
  job.controller.abort();
  if (job.phase === 'tasks' || job.phase === 'artifacts') job.phase = 'stopped';
  return statusOf(job, job.matches.length);
}

function statusOf(job: SearchJob, from: number): ArtifactSearchStatus {
  const matches = job.matches.slice(from, from + MATCHES_PER_POLL);
  return {
    searchId: job.id,
    pattern: job.pattern,
    push: job.push,
    phase: job.phase,
    counts: { ...job.counts },
    matches,
    next: from + matches.length,
    truncated: job.truncated,
    ...(job.error ? { error: job.error } : {}),
  };
}

function prune(): void {
  const byAge = [...searches.values()].sort((a, b) => b.startedAt - a.startedAt);
  byAge.forEach((job, index) => {
    if (index >= KEEP_SEARCHES - 1 || Date.now() - job.lastPolledAt > 30 * 60_000) {
      job.controller.abort();
      searches.delete(job.id);
    }
  });
}
