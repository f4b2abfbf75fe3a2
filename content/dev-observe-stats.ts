import type { ContentFeature } from './feature';
import { observeStats } from './observe';

/** Attribute on <html> holding `observeStats` as JSON, for `npm run bench`. */
export const OBSERVE_STATS_ATTRIBUTE = 'data-cit-observe-stats';
const PUBLISH_INTERVAL_MS = 1000;

/**
 * Development builds only: `observeStats` lives in the content script's isolated world, where the page
 * benchmark cannot read it, so it is copied onto <html> every second (the observer ignores this
 * attribute, so publishing causes no batch). A `{ citDevResetObserveStats: true }` window message
 * zeroes the counters, so a benchmark can measure re-render batches apart from the first render.
 * Stripped from store builds.
 */
export const observeStatsPublisher: ContentFeature = {
  id: 'dev-observe-stats',
  start: ({ signal }) => publishObserveStats(signal),
};

function publishObserveStats(signal: AbortSignal): void {
  const publish = () => document.documentElement.setAttribute(OBSERVE_STATS_ATTRIBUTE, JSON.stringify(observeStats));
  const timer = window.setInterval(publish, PUBLISH_INTERVAL_MS);
  signal.addEventListener('abort', () => window.clearInterval(timer), { once: true });
  window.addEventListener(
    'message',
    (event: MessageEvent) => {
      if (
        event.source !== window ||
        (event.data as { citDevResetObserveStats?: unknown } | null)?.citDevResetObserveStats !== true
      )
        return;
      observeStats.batches = 0;
      observeStats.totalMs = 0;
      observeStats.maxMs = 0;
      publish();
    },
    { signal },
  );
  publish();
}
