import type { App } from '../app';
import type { SimTask } from '../model/types';
import { knownIntermittents, type FakeBug } from '../scenario/known-bugs';
import { errorLines, failureLine } from './job-detail';
import type { JobView } from './job-view';

/**
 * `/api/project/<repo>/jobs/<id>/bug_suggestions/`, modelled on mozilla/treeherder
 * `treeherder/model/error_summary.py` (`bug_suggestions_line`, `get_error_search_term_and_path`) and
 * `model/models.py` (`Bugscache.search`): per error line `search` (the cleaned line), `search_terms` (the test's
 * file name for `A | path | message` lines, else the line itself), `path_end`, `bugs` (bugs whose summary holds
 * a search term at a word start; `open_recent` the open ones, `all_others` the rest), `line_number`, `counter`
 * (sightings of the line before) and `failure_new_in_rev` (the line was first seen on this job's revision; counted
 * only on autoland, mozilla-central and comm-central). The fake's bugs are those of `scenario/known-bugs.ts`; a
 * known intermittent's line was seen before the scenario, so it is never new.
 */
export function bugSuggestions(app: App, job: JobView): unknown[] {
  const repo = job.task.repo;
  const bugs = repo === app.scenario.spec.repo ? knownIntermittents(app.scenario.specials) : [];
  const allBugs = bugs.flatMap((k) => [k.bug, k.resolved]);
  const push = app.world.pushOfTask(job.task);
  const history = lineHistory(app, repo);
  return errorLines(app, job).map((line, i) => {
    const tokens = line.split(' | ');
    const path = tokens.length >= 3 ? (tokens[1] ?? null) : null;
    // A line too generic to search for (mozharness's "Return code: 1") gives search_terms [null]
    // (mozilla/treeherder treeherder/model/error_summary.py, get_error_search_term_and_path).
    const terms: (string | null)[] = path
      ? searchTermsOf(path)
      : /^Return code: \d+$/.test(line)
        ? [null]
        : [line.slice(0, 100)];
    const matching = allBugs.filter((b) => terms.some((t) => t !== null && summaryHoldsTerm(b, t)));
    const preExisting = bugs.some((k) => path !== null && k.test === path);
    const seen = history.get(line);
    const before = seen ? seen.pushIndexes.filter((index) => index < push.index).length : 0;
    const counted = ['autoland', 'mozilla-central', 'comm-central'].includes(repo);
    return {
      search: line,
      search_terms: terms,
      path_end: path,
      bugs: {
        open_recent: matching.filter((b) => b.resolution === ''),
        all_others: matching.filter((b) => b.resolution !== ''),
      },
      line_number: 1200 + i * 17,
      counter: before + (preExisting ? 25 : 0),
      failure_new_in_rev: counted && !preExisting && seen?.first === push.index,
    };
  });
}

/** `get_error_search_term_and_path`: the last path segment; a web-platform test with `?` adds the name without it. */
function searchTermsOf(path: string): string[] {
  const name = path.split('/').pop() ?? path;
  return name.includes('?') ? [name, name.split('?')[0]!] : [name];
}

/** `Bugscache.search`'s filter: the summary starts with the term, or has it after `/`, a space, `\` or `,`. */
function summaryHoldsTerm(bug: FakeBug, term: string): boolean {
  const summary = bug.summary.toLowerCase();
  const t = term.toLowerCase();
  return summary.startsWith(t) || ['/', ' ', '\\', ','].some((c) => summary.includes(c + t));
}

/** Where each failure line of the repository was seen: the pushes (by index) of the finished runs that logged it. */
function lineHistory(app: App, repo: string): Map<string, { first: number; pushIndexes: number[] }> {
  const now = app.now();
  const out = new Map<string, { first: number; pushIndexes: number[] }>();
  for (const push of app.world.repo(repo)?.pushes ?? []) {
    for (const task of app.world.tasksByPush.get(push.id) ?? []) {
      if (!task.failingTests?.length) continue; // only failed runs log failure lines
      const failedRuns = app.world.timeline(task).filter((r) => r.outcome === 'failed' && r.resolved <= now).length;
      if (!failedRuns) continue;
      for (const line of linesOf(app, task)) {
        const entry = out.get(line) ?? { first: push.index, pushIndexes: [] };
        entry.first = Math.min(entry.first, push.index);
        for (let n = 0; n < failedRuns; n++) entry.pushIndexes.push(push.index);
        out.set(line, entry);
      }
    }
  }
  return out;
}

function linesOf(app: App, task: SimTask): string[] {
  return (task.failingTests ?? []).map((test) => failureLine(app, task, test));
}
