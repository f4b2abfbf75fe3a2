/**
 * When Treeherder offers no backfill, and why (mozilla/treeherder `ui/job-view/details/summary/ActionBar.jsx`,
 * `canBackfill` / `backfillButtonTitle`): not on try repositories, not for a task whose definition expired.
 */
export interface BackfillFacts {
  isTryRepo: boolean;
  /** `expires` of the task to backfill (ISO), when known. */
  taskExpires?: string | undefined;
}

/** The sentence saying why a backfill cannot be done, or undefined when it can. */
export function backfillUnavailable(facts: BackfillFacts, now: number): string | undefined {
  if (facts.isTryRepo)
    return 'Backfill is not available on try: it would schedule this job on other people’s pushes (Treeherder does not offer it there either).';
  if (facts.taskExpires && Date.parse(facts.taskExpires) <= now)
    return `Backfill is not available: this job’s Taskcluster task expired on ${facts.taskExpires.slice(0, 10)}, and a backfill needs its definition.`;
  return undefined;
}
