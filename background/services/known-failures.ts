import { memoize } from '../../src/util/memoize';
import { classifyFailure } from '../../src/known-failures/match';
import { linePriorOf, type RecentRate } from '../../src/known-failures/line-prior';
import type { KnownFailure } from '../../src/protocol';
import { servicesForRepo } from './repository-services';
import { describeJob } from './page-data';

/** Bug suggestions of a finished job change only when Treeherder re-parses its log: ten minutes is fresh enough. */
const KNOWN_FAILURE_TTL_MS = 10 * 60_000;
/** The window of a bug's recent rate: the week up to the failing push's day (Treeherder's Intermittent Failures View default). */
const RECENT_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * What is known about a failing job, for its widget and its Bisect popover: one bug-suggestions request per job,
 * then, when an open intermittent bug matches, its recent failures per push on the job's repository.
 */
export const knownFailure: (repo: string, jobId: number) => Promise<KnownFailure> = memoize(
  async (repo: string, jobId: number) => {
    const { clients } = await servicesForRepo(repo);
    const knowledge = classifyFailure(await clients.treeherder.bugSuggestions(repo, jobId), repo);
    const recent =
      knowledge.kind === 'known-intermittent'
        ? await recentRate(repo, knowledge.bug.id, jobId).catch(() => undefined)
        : undefined;
    return { jobId, knowledge, prior: linePriorOf(knowledge, recent) };
  },
  { ttlMs: KNOWN_FAILURE_TTL_MS },
);

/** The bug's classified failures over the repository's pushes in the week up to the job's push. */
async function recentRate(repo: string, bugId: number, jobId: number): Promise<RecentRate> {
  const job = await describeJob(repo, jobId);
  const { clients } = await servicesForRepo(repo);
  const push = await clients.treeherder.pushById(repo, job.pushId);
  const endDay = new Date(push.push_timestamp * 1000).toISOString().slice(0, 10);
  const startDay = new Date(Date.parse(`${endDay}T00:00:00Z`) - (RECENT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const days = await clients.treeherder.failureCount({ bugId, tree: repo, startDay, endDay });
  return {
    failures: days.reduce((n, d) => n + d.failure_count, 0),
    pushes: days.reduce((n, d) => n + d.test_runs, 0),
    days: RECENT_DAYS,
  };
}
