import { sendToBackground } from '../platform/messaging';
import type { ArtifactMatch, ArtifactSearchStatus } from '../src/artifacts/types';
import type { PushLookup } from '../src/push-ref';
import { type PolledJobCalls, usePolledJob } from './use-polled-job';

export type SearchRequest = PushLookup & {
  pattern: string;
  /** Changes on each "Search" click. */
  run: number;
};

export interface SearchState {
  status?: ArtifactSearchStatus;
  /** Every match so far, in arrival order. */
  matches: ArtifactMatch[];
  error?: string;
  stop: () => void;
}

const isRunning = (status: ArtifactSearchStatus) => status.phase === 'tasks' || status.phase === 'artifacts';

/** Each poll asks for the matches after the ones already shown, so results stream in while the search runs. */
const artifactSearch: PolledJobCalls<SearchRequest, ArtifactSearchStatus, ArtifactMatch> = {
  start: ({ repo, pushId, revision, pattern }) =>
    sendToBackground('startArtifactSearch', { repo, pattern, ...(pushId !== undefined ? { pushId } : { revision }) }),
  poll: ({ searchId, next }) => sendToBackground('artifactSearchProgress', { searchId, from: next }),
  // Keep polling while it runs, and after it ends until every match has been fetched.
  pollAgain: (status) => isRunning(status) || status.next < status.counts.matches,
  itemsOf: (status) => status.matches,
  stop: ({ searchId }) => sendToBackground('stopArtifactSearch', { searchId }),
  pollMs: 300,
};

/** Starts a push-wide search in the background and polls it; a new search or leaving the page stops it. */
export function useArtifactSearch(request: SearchRequest | undefined): SearchState {
  const { status, items, error, stop } = usePolledJob(artifactSearch, request, [request?.run]);
  return { ...(status ? { status } : {}), matches: items, ...(error ? { error } : {}), stop };
}
