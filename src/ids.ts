/**
 * The ids the extension reads from pages, messages and APIs, checked the same way everywhere.
 * - Repository: Treeherder's names are lowercase letters, digits, `-`, `_` and `.` (autoland,
 *   mozilla-central, comm-esr115); an upper-case name is not one Treeherder knows.
 * - Task id: a Taskcluster slugid, 22 characters of url-safe base64 (`A-Z a-z 0-9 _ -`), case-sensitive.
 * - Revision: an hg (or git) commit hash, 12 to 40 hex digits (sheriffs and some Treeherder fields use
 *   the 12-digit short form). Real data is lowercase; either case is accepted and the schema
 *   normalises to lowercase, so equal commits compare equal.
 * The `*_PATTERN` strings are for HTML `pattern` attributes (anchored there implicitly) and are
 * escaped to also compile under the `v` flag browsers use for them.
 */
import { z } from './ci/zod';

export const REPO_NAME_PATTERN = '[a-z0-9._\\-]+';
export const TASK_ID_PATTERN = '[A-Za-z0-9_\\-]{22}';
export const REVISION_PATTERN = '[0-9a-fA-F]{12,40}';

const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const REPO_NAME = anchored(REPO_NAME_PATTERN);
const TASK_ID = anchored(TASK_ID_PATTERN);
const REVISION = anchored(REVISION_PATTERN);

export const isRepoName = (value: string): boolean => REPO_NAME.test(value);
export const isTaskId = (value: string): boolean => TASK_ID.test(value);
export const isRevision = (value: string): boolean => REVISION.test(value);

/** A revision in its one spelling (lowercase), or undefined when `value` is not a revision. */
export function normalizeRevision(value: string): string | undefined {
  return isRevision(value) ? value.toLowerCase() : undefined;
}

export const RepoNameSchema = z
  .string()
  .regex(REPO_NAME, 'is not a repository name (lowercase letters, digits, "-", "_" and ".")');
export const TaskIdSchema = z.string().regex(TASK_ID, 'is not a Taskcluster task id');
export const RevisionSchema = z.string().regex(REVISION, 'is not a revision hash').toLowerCase();
