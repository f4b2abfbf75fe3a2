import type { App } from '../app';
import { json, type Reply } from '../http';
import type { Router } from '../router';
import { knownIntermittents } from '../scenario/known-bugs';

/** Treeherder's repository groups for `tree=` (mozilla/treeherder `webapp/api/utils.py` REPO_GROUPS, by name). */
const REPO_GROUPS: Record<string, string[]> = {
  trunk: ['mozilla-central', 'autoland', 'comm-central'],
  'firefox-releases': ['mozilla-beta', 'mozilla-release'],
  'comm-releases': ['comm-beta', 'comm-release'],
};
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/api/failurecount/?startday=&endday=&tree=&bug=` (mozilla/treeherder `webapp/api/intermittents_view.py`
 * `FailureCount`): for each day of the range that had pushes on the tree, `test_runs` (its pushes) and
 * `failure_count` (failures classified as the bug; without `bug`, every job classified intermittent). Query
 * errors are DRF serializer errors (`FailuresQueryParamsSerializer`). The fake classifies each finished failed
 * run of a known intermittent's test as its bug (scenario/known-bugs.ts).
 */
export function registerFailureCountRoutes(router: Router, app: App): void {
  router.get(/^\/api\/failurecount\/?$/, (ctx): Reply => {
    const q = ctx.query;
    const errors: Record<string, string[]> = {};
    for (const field of ['startday', 'endday', 'tree']) if (!q.get(field)) errors[field] = ['This field is required.'];
    for (const field of ['startday', 'endday']) {
      const value = q.get(field);
      if (value && !DAY_RE.test(value))
        errors[field] = ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DD.'];
    }
    const bugParam = q.get('bug');
    if (bugParam && !/^\d+$/.test(bugParam)) errors['bug'] = ['A valid integer is required.'];
    const tree = q.get('tree') ?? '';
    const repos = tree === 'all' ? [...app.world.repos.keys()] : (REPO_GROUPS[tree] ?? [tree]);
    if (tree && tree !== 'all' && !REPO_GROUPS[tree] && !app.world.repo(tree))
      errors['tree'] = [`${tree} does not exist.`];
    if (Object.keys(errors).length) return json(errors, 400);

    const start = Date.parse(`${q.get('startday')}T00:00:00Z`);
    const end = Date.parse(`${q.get('endday')}T00:00:00Z`) + 86_400_000; // end of that day
    const bugId = bugParam ? Number(bugParam) : undefined;
    const known = knownIntermittents(app.scenario.specials).filter((k) => bugId === undefined || k.bug.id === bugId);
    const now = app.now();
    const days = new Map<string, { test_runs: number; failure_count: number }>();
    for (const name of repos) {
      for (const push of app.world.repo(name)?.pushes ?? []) {
        const ms = push.timestamp * 1000;
        if (ms < start || ms >= end || ms > now) continue;
        const date = new Date(ms).toISOString().slice(0, 10);
        const day = days.get(date) ?? { test_runs: 0, failure_count: 0 };
        day.test_runs += 1;
        if (name === app.scenario.spec.repo) {
          for (const task of app.world.tasksByPush.get(push.id) ?? []) {
            if (!known.some((k) => k.label === task.label && task.failingTests?.includes(k.test))) continue;
            day.failure_count += app.world
              .timeline(task)
              .filter((r) => r.outcome === 'failed' && r.resolved <= now).length;
          }
        }
        days.set(date, day);
      }
    }
    return json([...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, counts]) => ({ date, ...counts })));
  });
}
