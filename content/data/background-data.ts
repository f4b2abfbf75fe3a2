import pLimit from 'p-limit';
import { sendToBackground } from '../../platform/messaging';
import { memoize } from '../../src/util/memoize';
import type { JobDescription } from '../../src/protocol';
import type { JobGap } from '../../src/gap/compute-gap';
import type { PushCompleteness } from '../../src/completeness/compute-completeness';

/**
 * What the page's widgets ask the background, cached for this content-script lifetime so re-renders
 * (which recreate widgets) never repeat a request, and throttled so 50 pushes of failing jobs do not
 * queue hundreds of messages at once. A failed request is forgotten so a later widget may retry.
 */
export interface BackgroundData {
  describeJob(repo: string, jobId: number): Promise<JobDescription>;
  jobGap(repo: string, jobId: number): Promise<JobGap>;
  pushCompleteness(repo: string, pushId: number): Promise<PushCompleteness>;
  /** After jobs were added to a push, its completeness must be asked again. */
  forgetPushCompleteness(repo: string, pushId: number): void;
}

/** Badge requests in flight at once, per kind. */
export const BADGE_CONCURRENCY = 4;

/** The client of one content-script lifetime (the features' context holds it); queued requests go on abort. */
export function createBackgroundData(signal: AbortSignal): BackgroundData {
  const gapLimit = pLimit(BADGE_CONCURRENCY);
  const completenessLimit = pLimit(BADGE_CONCURRENCY);
  signal.addEventListener(
    'abort',
    () => {
      gapLimit.clearQueue();
      completenessLimit.clearQueue();
    },
    { once: true },
  );

  const describeJob = memoize((repo: string, jobId: number) => sendToBackground('describeJob', { repo, jobId }));
  const jobGap = memoize((repo: string, jobId: number) => gapLimit(() => sendToBackground('jobGap', { repo, jobId })));
  const pushCompleteness = memoize((repo: string, pushId: number) =>
    completenessLimit(() => sendToBackground('pushCompleteness', { repo, pushId })),
  );
  return {
    describeJob,
    jobGap,
    pushCompleteness,
    forgetPushCompleteness: (repo, pushId) => pushCompleteness.forget(repo, pushId),
  };
}
