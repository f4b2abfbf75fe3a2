import type { TreeherderClient } from '../../src/ci/treeherder';

/** Similar-job runs the flake prior is read from: six pages of Treeherder's 50 (what the benchmark assumes). */
export const HISTORY_RUNS = 300;
const PAGE = 50;
/** Pages read at most, when many similar jobs fall inside the range or are unfinished. */
const MAX_PAGES = 12;

/**
 * The job's history before the range (`push_id < beforePushId`), newest first, paged through similar_jobs with
 * `offset` until it holds HISTORY_RUNS finished runs or Treeherder has no more. With one page (50 runs), "culprit
 * at the first push with q ≈ 0.1" and "no culprit" stay apart only by the flake rate, which 50 runs pin too loosely:
 * about 7 % of no-culprit ranges at f = 0.1 never reached a verdict within 1,500 jobs; with 300, none.
 */
export async function similarJobHistory(
  client: Pick<TreeherderClient, 'similarJobs'>,
  repo: string,
  jobId: number,
  beforePushId: number,
): Promise<{ state: string; result: string; push_id: number }[]> {
  const runs: { state: string; result: string; push_id: number }[] = [];
  let finished = 0;
  for (let page = 0; page < MAX_PAGES && finished < HISTORY_RUNS; page++) {
    const rows = await client.similarJobs(repo, jobId, { count: PAGE, offset: page * PAGE });
    for (const row of rows) {
      if (row.push_id >= beforePushId) continue;
      runs.push(row);
      if (row.state === 'completed') finished++;
    }
    if (rows.length < PAGE) break;
  }
  return runs;
}
