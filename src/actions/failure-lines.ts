import type { BugSuggestion } from '../ci/schemas/treeherder';

/**
 * The distinct failing tests of a job, from its failure lines (Treeherder's bug suggestions): each
 * "TEST-UNEXPECTED-… | path | message" or "PROCESS-CRASH | … | path" line names one in `path_end`; lines with no
 * path (mozharness's "Return code: 1", `search_terms: [null]`) name none.
 */
export function failingTestPaths(suggestions: readonly BugSuggestion[]): string[] {
  const paths = suggestions
    .filter((s) => /^(TEST-UNEXPECTED-|PROCESS-CRASH)/.test(s.search.trim()))
    .flatMap((s) => (s.path_end ? [s.path_end] : []));
  return [...new Set(paths)];
}
