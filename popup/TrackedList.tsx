import { taskclusterTaskUrl, treeherderPushUrl } from '../src/links';
import type { TrackedTriggerView } from '../src/protocol';
import { backfillResults, backfillSummary } from '../src/bisection-session/verdict-summary';
import { CancelAll, STATE_LABEL, TaskCounts, TaskList } from './tasks';
import { VerdictPanel } from './VerdictPanel';

/** Trigger cards shown per operation before "show all N" (60 cancels are not 60 cards in view). */
const FOLDED_CARDS = 3;

/**
 * In-flight and recent triggers, grouped by operation, one card per trigger with its counts; a bisection's probes
 * are not here but under their bisection (BisectionList).
 */
export function TrackedList(props: {
  groups?: TrackedTriggerView[] | undefined;
  error?: string | undefined;
  now: number;
}) {
  const { groups, error, now } = props;
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!groups) return <p class="muted">Loading triggered jobs…</p>;
  const triggers = groups.filter((g) => !g.bisectionId);
  if (!triggers.length)
    return groups.length ? null : (
      <p class="muted" data-testid="cit-tracked-empty">
        Nothing triggered yet. Use the controls beside failing jobs on Treeherder.
      </p>
    );

  const byOperation = new Map<string, TrackedTriggerView[]>();
  for (const g of triggers) byOperation.set(g.operation, [...(byOperation.get(g.operation) ?? []), g]);

  return (
    <div data-testid="cit-tracked">
      {[...byOperation].map(([operation, list]) => (
        <section key={operation}>
          <h2>
            {operation} <span class="muted small">({list.length})</span>
          </h2>
          {list.slice(0, FOLDED_CARDS).map((g) => (
            <TrackedGroupCard key={g.logId} group={g} now={now} />
          ))}
          {list.length > FOLDED_CARDS ? (
            <details class="more-cards" data-testid="cit-tracked-more-cards">
              <summary>
                Show all {list.length} {operation} triggers ({list.length - FOLDED_CARDS} more)
              </summary>
              {list.slice(FOLDED_CARDS).map((g) => (
                <TrackedGroupCard key={g.logId} group={g} now={now} />
              ))}
            </details>
          ) : null}
        </section>
      ))}
    </div>
  );
}

/** "done: 4 failed, 3 passed" · "3 running, 1 failed" · "action task running" · "2 pushes to go". */
function statusLine(group: TrackedTriggerView): string {
  if (group.finished)
    return ['failed', 'exception'].includes(group.actionState)
      ? `the action task ${STATE_LABEL[group.actionState]}; no jobs were created`
      : `done: ${group.progressText}`;
  if (group.actionState !== 'completed') return `action task ${STATE_LABEL[group.actionState]}`;
  const waiting = group.pushesPending
    ? `waiting for the backfill on ${group.pushesPending} more push${group.pushesPending === 1 ? '' : 'es'}`
    : '';
  if (group.tasks.length === 0) return waiting || 'listing the created tasks';
  return [group.progressText, waiting].filter(Boolean).join(' · ');
}

function pushUrlOf(group: TrackedTriggerView) {
  return (revision: string) =>
    group.treeherderUrl ? treeherderPushUrl(group.treeherderUrl, group.repo, revision) : undefined;
}

function TrackedGroupCard({ group, now }: { group: TrackedTriggerView; now: number }) {
  const elapsed = formatElapsed((group.finishedAt ?? now) - group.createdAt);
  const pushUrl = pushUrlOf(group);
  const pushLink = pushUrl(group.revision);
  return (
    <div class="card tracked" data-testid="cit-tracked-group" data-finished={String(group.finished)}>
      <div class="row spread">
        <strong>{group.summary}</strong>
        <span class="muted">{elapsed}</span>
      </div>
      <div class="row small">
        {group.tasks.length ? <TaskCounts progress={group.progress} /> : null}
        {!group.finished ? <CancelAll group={group} /> : null}
      </div>
      <div class="muted small" data-testid="cit-tracked-status">
        {statusLine(group)}
        {pushLink ? (
          <>
            {' '}
            ·{' '}
            <a href={pushLink} target="_blank" rel="noreferrer">
              push
            </a>
          </>
        ) : null}
        {group.taskclusterUrl ? (
          <>
            {' '}
            ·{' '}
            <a href={taskclusterTaskUrl(group.taskclusterUrl, group.actionTaskId)} target="_blank" rel="noreferrer">
              action task
            </a>
          </>
        ) : null}
      </div>
      {group.outcome ? <BackfillOutcomeLine group={group} pushUrl={pushUrl} /> : null}
      {group.notes?.map((note) => (
        <p key={note} class="muted small">
          {note}
        </p>
      ))}
      {group.problem ? <p class="error small">{group.problem}</p> : null}
      <TaskList group={group} />
    </div>
  );
}

/** What a backfill found: the first push (going back) where the job failed and the last where it passed. */
function BackfillOutcomeLine({
  group,
  pushUrl,
}: {
  group: TrackedTriggerView;
  pushUrl: (revision: string) => string | undefined;
}) {
  const outcome = group.outcome;
  if (!outcome) return null;
  const label = group.runnable[0] ?? '';
  const link = (point: { revision: string } | undefined, text: string, testId: string) => {
    if (!point) return null;
    const href = pushUrl(point.revision);
    const shown = `${text} ${point.revision.slice(0, 12)}`;
    return (
      <span data-testid={testId} data-revision={point.revision}>
        {href ? (
          <a href={href} target="_blank" rel="noreferrer">
            {shown}
          </a>
        ) : (
          shown
        )}
      </span>
    );
  };
  const first = outcome.firstFailing;
  return (
    <>
      <p class="small" data-testid="cit-backfill-outcome">
        {outcome.sentence} {link(first, 'first failing:', 'cit-backfill-first-failing')}
        {first && outcome.lastPassing ? ' · ' : null}
        {link(outcome.lastPassing, 'last passing:', 'cit-backfill-last-passing')}
      </p>
      <VerdictPanel
        summarize={(push) =>
          backfillSummary({ label, repo: group.repo, outcome, results: backfillResults(label, group.tasks) }, push)
        }
        push={first ? { repo: group.repo, pushId: first.pushId, label } : undefined}
      />
    </>
  );
}

function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}
