import { compileGlob } from '../../src/artifacts/glob';
import { searchPushArtifacts, type ArtifactSearchOutcome } from '../../src/artifacts/search';
import { loadTaskArtifacts } from '../../src/artifacts/task-artifacts';
import type {
  ArtifactMatch,
  ArtifactSearchCounts,
  ArtifactSearchStatus,
  TaskArtifacts,
} from '../../src/artifacts/types';
import { withSentence } from '../error-sentence';
import type { PushLookup } from '../../src/push-ref';
import { resolvePush } from '../services/resolve-push';
import { servicesForRepo } from '../services/repository-services';
import { createPolledJobs, itemsFrom, type PolledJob } from './polled-jobs';

/** Listings in flight per search; the HTTP layer's per-host limit bounds them further. */
const SEARCH_CONCURRENCY = 8;
/** Beyond this many matches a pattern is too broad to be useful; the search stops and says so. */
const MAX_MATCHES = 5000;
/** Matches handed to the page per poll, so one message stays small. */
const MATCHES_PER_POLL = 500;

export function taskArtifacts(repo: string, taskId: string): Promise<TaskArtifacts> {
  return withSentence(async () => {
    const { clients } = await servicesForRepo(repo);
    return loadTaskArtifacts(clients.taskcluster, taskId);
  });
}

/** What the page is shown of a running search: what it looks for, where, and how far it has come. */
interface SearchProgress {
  pattern: string;
  push: ArtifactSearchStatus['push'];
  phase: 'tasks' | 'artifacts';
  counts: ArtifactSearchCounts;
}

/** Push-wide searches, run here while the page polls for new matches. */
const searches = createPolledJobs<SearchProgress, ArtifactSearchOutcome, ArtifactMatch>({
  keep: 5,
  abandonAfterMs: 60_000,
  forgetAfterMs: 30 * 60_000,
  goneSentence: "This search is no longer in the extension's memory (its background restarted). Search again.",
});
type SearchJob = PolledJob<SearchProgress, ArtifactSearchOutcome, ArtifactMatch>;

export function startArtifactSearch(request: PushLookup & { pattern: string }): Promise<ArtifactSearchStatus> {
  return withSentence(async () => {
    const glob = compileGlob(request.pattern);
    const services = await servicesForRepo(request.repo);
    const push = await resolvePush(services, request);
    const decision = await services.clients.treeherder.decisionTask(request.repo, push.id);
    if (!decision) throw new Error(`Push ${push.id} has no decision task yet, so its tasks cannot be listed.`);
    const started: SearchProgress = {
      pattern: glob.pattern,
      push: { pushId: push.id, revision: push.revision, taskGroupId: decision.taskId },
      phase: 'tasks',
      counts: { tasksTotal: 0, runsTotal: 0, runsSearched: 0, artifactsSeen: 0, matches: 0, failures: 0 },
    };
    const job = searches.start(`${request.repo}:${push.id}:${glob.pattern}`, started, ({ signal, progress, found }) =>
      searchPushArtifacts(
        services.clients.taskcluster,
        { taskGroupId: decision.taskId, glob, concurrency: SEARCH_CONCURRENCY, maxMatches: MAX_MATCHES },
        {
          signal,
          onMatches: found,
          onProgress: (counts, phase) => progress({ ...started, counts, phase }),
        },
      ),
    );
    return statusOf(job, 0);
  });
}

export function artifactSearchProgress(searchId: string, from: number): ArtifactSearchStatus {
  return statusOf(searches.poll(searchId), from);
}

export function stopArtifactSearch(searchId: string): ArtifactSearchStatus | null {
  const job = searches.stop(searchId);
  return job ? statusOf(job, job.items.length) : null;
}

function statusOf(job: SearchJob, from: number): ArtifactSearchStatus {
  const { items, next } = itemsFrom(job, from, MATCHES_PER_POLL);
  const { pattern, push, phase, counts } = job.progress;
  return {
    searchId: job.id,
    pattern,
    push,
    phase: job.state === 'running' ? phase : job.state,
    counts: { ...(job.outcome?.counts ?? counts) },
    matches: items,
    next,
    truncated: job.outcome?.truncated ?? false,
    ...(job.error ? { error: job.error } : {}),
  };
}
