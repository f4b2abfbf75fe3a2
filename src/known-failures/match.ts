/**
 * What Treeherder's bug suggestions say about a failing job: a known intermittent (an open Bugzilla bug that
 * matches the failure line), a line new in this revision, or nothing. Facts from mozilla/treeherder:
 * `treeherder/model/error_summary.py` (`bug_suggestions_line`: per line `search`, `search_terms`, `path_end`,
 * `bugs: {open_recent, all_others}` — open_recent holds bugs whose resolution is empty, i.e. open —,
 * `line_number`, `counter`, `failure_new_in_rev`), `model/models.py` (`Bugscache.serialize`: bug `id` is the
 * Bugzilla id, null for Treeherder-internal issues), and the UI's rules in
 * `ui/shared/tabs/failureSummary/FailureSummaryTab.jsx` (a new-failure line has a three-part `search` and
 * `failure_new_in_rev`, or on try `counter === 0`; more than `thBugSuggestionLimit` = 20 bugs are too many
 * to be a suggestion).
 */

/** As much of a bug suggestion as matching needs (the validated API shape is wider). */
export interface SuggestionLine {
  search: string;
  search_terms: readonly (string | null)[];
  path_end: string | null;
  bugs: { open_recent: readonly SuggestedBugLike[]; all_others: readonly SuggestedBugLike[] };
  line_number?: number | undefined;
  counter?: number | undefined;
  failure_new_in_rev?: boolean | undefined;
}

export interface SuggestedBugLike {
  id: number | null;
  status: string;
  resolution: string;
  summary: string;
  keywords: string;
  crash_signature?: string | undefined;
}

export interface KnownBug {
  id: number;
  summary: string;
  status: string;
  url: string;
}

export type FailureKnowledge =
  | { kind: 'known-intermittent'; line: string; lineNumber?: number | undefined; bug: KnownBug }
  | { kind: 'new-failure'; line: string; lineNumber?: number | undefined }
  | { kind: 'nothing-known'; line?: string | undefined };

/** Treeherder shows no suggestion for a line with more bugs than this (`thBugSuggestionLimit`). */
export const BUG_SUGGESTION_LIMIT = 20;

export const BUGZILLA_URL = 'https://bugzilla.mozilla.org/';

export function bugUrl(id: number): string {
  return `${BUGZILLA_URL}show_bug.cgi?id=${id}`;
}

/** Treeherder's rule for the "NEW" flag of a failure line. */
export function isNewFailureLine(line: SuggestionLine, repo: string): boolean {
  if (line.search.split(' | ').length !== 3) return false;
  return line.failure_new_in_rev === true || (repo === 'try' && line.counter === 0);
}

/** An open bug filed as an intermittent (keyword `intermittent-failure`, or the sheriffs' "Intermittent …" title). */
export function isOpenIntermittent(bug: SuggestedBugLike): bug is SuggestedBugLike & { id: number } {
  if (bug.id === null || bug.resolution !== '') return false;
  const keywords = bug.keywords.split(',').map((k) => k.trim());
  return keywords.includes('intermittent-failure') || /^intermittent\b/i.test(bug.summary);
}

/**
 * How well a bug's summary matches the line: the test file (search term) must appear in it (or the line's
 * crash signature in the bug's); then the full path and the share of the message's words it repeats rank it.
 */
export function bugMatchScore(bug: SuggestedBugLike, line: SuggestionLine): number {
  const summary = bug.summary.toLowerCase();
  const crash = /\[@ ([^\]]+)\]/.exec(line.search)?.[1]?.trim().toLowerCase();
  const crashMatch = !!crash && (bug.crash_signature ?? '').toLowerCase().includes(crash);
  const terms = line.search_terms.flatMap((t) => (t === null ? [] : [t.toLowerCase()])).filter((t) => t.length > 4);
  const termMatch = terms.some((t) => summary.includes(t));
  if (!termMatch && !crashMatch) return 0;
  const path = line.path_end?.toLowerCase();
  const message = line.search.split(' | ').slice(2).join(' | ');
  return (
    (termMatch ? 1 : 0) + (crashMatch ? 2 : 0) + (path && summary.includes(path) ? 1 : 0) + overlap(message, summary)
  );
}

/** The best open intermittent bug for one line, or undefined (none, or too many to mean anything). */
export function bestBugFor(line: SuggestionLine): KnownBug | undefined {
  if (line.bugs.open_recent.length > BUG_SUGGESTION_LIMIT) return undefined;
  let best: { bug: SuggestedBugLike & { id: number }; score: number } | undefined;
  for (const bug of line.bugs.open_recent) {
    if (!isOpenIntermittent(bug)) continue;
    const score = bugMatchScore(bug, line);
    // Ties keep Treeherder's order (by trigram similarity of the summary).
    if (score > 0 && (!best || score > best.score)) best = { bug, score };
  }
  return best && { id: best.bug.id, summary: best.bug.summary, status: best.bug.status, url: bugUrl(best.bug.id) };
}

/**
 * The job's knowledge: the first failure line (in log order) that says something decides — new in this
 * revision, else its best open intermittent bug. Lines too short to search (Treeherder's `is_helpful_search_term`:
 * more than 4 characters) are skipped.
 */
export function classifyFailure(lines: readonly SuggestionLine[], repo: string): FailureKnowledge {
  const useful = lines.filter((l) => l.search.trim().length > 4);
  for (const line of useful) {
    const lineNumber = line.line_number;
    if (isNewFailureLine(line, repo)) return { kind: 'new-failure', line: line.search, lineNumber };
    const bug = bestBugFor(line);
    if (bug) return { kind: 'known-intermittent', line: line.search, lineNumber, bug };
  }
  return { kind: 'nothing-known', line: useful[0]?.search };
}

/** Share of the message's words (3+ letters) found in the summary, 0..1. */
function overlap(message: string, summary: string): number {
  const words = [...new Set(message.toLowerCase().match(/[a-z0-9_]{3,}/g) ?? [])];
  if (!words.length) return 0;
  return words.filter((w) => summary.includes(w)).length / words.length;
}
