import { useEffect, useRef, useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import type { ArtifactMatch, ArtifactSearchStatus } from '../src/artifacts/types';
import type { PushLookup } from '../src/push-ref';
import { errorText } from './page-shell';

const POLL_MS = 300;

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

const isRunning = (status: ArtifactSearchStatus | undefined) =>
  status?.phase === 'tasks' || status?.phase === 'artifacts';

/**
 * Starts a push-wide search in the background and polls it, asking each time for the matches after
 * the ones already shown, so results stream in while the search runs.
 */
export function useArtifactSearch(request: SearchRequest | undefined): SearchState {
  const [state, setState] = useState<Omit<SearchState, 'stop'>>({ matches: [] });
  const searchId = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!request) return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let matches: ArtifactMatch[] = [];
    setState({ matches });
    const apply = (status: ArtifactSearchStatus) => {
      if (status.matches.length) matches = [...matches, ...status.matches];
      setState({ status, matches });
      // Keep polling while it runs, and after it ends until every match has been fetched.
      if (isRunning(status) || status.next < status.counts.matches)
        timer = setTimeout(() => void poll(status.searchId, status.next), POLL_MS);
    };
    const poll = async (id: string, from: number) => {
      try {
        const status = await sendToBackground('artifactSearchProgress', { searchId: id, from });
        if (live) apply(status);
      } catch (error) {
        if (live) setState({ matches, error: errorText(error) });
      }
    };
    const { repo, pushId, revision, pattern } = request;
    sendToBackground('startArtifactSearch', { repo, pattern, ...(pushId !== undefined ? { pushId } : { revision }) })
      .then((status) => {
        if (!live) return;
        searchId.current = status.searchId;
        apply(status);
      })
      .catch((error: unknown) => live && setState({ matches, error: errorText(error) }));
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      if (searchId.current)
        void sendToBackground('stopArtifactSearch', { searchId: searchId.current }).catch(() => undefined);
      searchId.current = undefined;
    };
  }, [request?.run]);
  const stop = () => {
    if (searchId.current)
      void sendToBackground('stopArtifactSearch', { searchId: searchId.current }).catch(() => undefined);
  };
  return { ...state, stop };
}
