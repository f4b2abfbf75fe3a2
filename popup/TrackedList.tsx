import { useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import type { TrackedGroupView } from '../src/monitor/view';
import type { TaskState } from '../src/monitor/tracked-group';
import { errorText } from '../ui/error-text';
import { useRefreshed } from '../ui/use-refreshed';

const STATE_LABEL: Record<TaskState, string> = {
  unscheduled: 'waiting',
  pending: 'pending',
  running: 'running',
  completed: 'passed',
  failed: 'failed',
  exception: 'exception',
};

/** In-flight and recent triggers, grouped by operation, refreshed while the popup is open. */
export function TrackedList() {
  const {
    value: groups,
    error,
    at: now,
  } = useRefreshed(
    { first: () => sendToBackground('listTracked', {}), next: () => sendToBackground('pollTrackedNow', {}) },
    5000,
  );

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!groups) return <p class="muted">Loading triggered jobs…</p>;
  if (!groups.length)
    return (
      <p class="muted" data-testid="cit-tracked-empty">
        Nothing triggered yet. Use the controls beside failing jobs on Treeherder.
      </p>
    );

  const byOperation = new Map<string, TrackedGroupView[]>();
  for (const g of groups) byOperation.set(g.operation, [...(byOperation.get(g.operation) ?? []), g]);

  return (
    <div data-testid="cit-tracked">
      {[...byOperation].map(([operation, list]) => (
        <section key={operation}>
          <h2>{operation}</h2>
          {list.map((g) => (
            <TrackedGroupCard key={g.logId} group={g} now={now} />
          ))}
        </section>
      ))}
    </div>
  );
}

/** "done: 4 failed, 3 passed" · "3 running, 1 failed" · "action task running" · "2 pushes to go". */
function statusLine(group: TrackedGroupView): string {
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

function TrackedGroupCard({ group, now }: { group: TrackedGroupView; now: number }) {
  const elapsed = formatElapsed((group.finishedAt ?? now) - group.createdAt);
  const pushUrl = (revision: string) =>
    group.treeherderUrl ? `${group.treeherderUrl}/jobs?repo=${group.repo}&revision=${revision}` : undefined;
  const pushLink = pushUrl(group.revision);
  return (
    <div class="card tracked" data-testid="cit-tracked-group" data-finished={String(group.finished)}>
      <div class="row spread">
        <strong>{group.summary}</strong>
        <span class="muted">{elapsed}</span>
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
      </div>
      {group.outcome ? <BackfillOutcomeLine group={group} pushUrl={pushUrl} /> : null}
      {group.notes?.map((note) => (
        <p key={note} class="muted small">
          {note}
        </p>
      ))}
      {group.problem ? <p class="error small">{group.problem}</p> : null}
      <ul class="tasks">
        {group.tasks.map((t) => (
          <li key={t.taskId} data-testid="cit-tracked-task" data-state={t.state}>
            <span class={`state state-${t.state}`}>{STATE_LABEL[t.state]}</span>{' '}
            {group.treeherderUrl ? (
              <a
                href={`${group.treeherderUrl}/jobs?repo=${group.repo}&revision=${t.revision}&selectedTaskRun=${t.taskId}.${t.runId}`}
                target="_blank"
                rel="noreferrer"
              >
                {t.label}
              </a>
            ) : (
              t.label
            )}
            {t.waiting ? <span class="muted small"> — {t.waiting}</span> : null}
            {!['completed', 'failed', 'exception'].includes(t.state) ? (
              <CancelButton group={group} taskId={t.taskId} label={t.label} />
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a backfill found: the first push (going back) where the job failed and the last where it passed. */
function BackfillOutcomeLine({
  group,
  pushUrl,
}: {
  group: TrackedGroupView;
  pushUrl: (revision: string) => string | undefined;
}) {
  const outcome = group.outcome;
  if (!outcome) return null;
  const link = (point: { revision: string } | undefined, text: string, testId: string) => {
    if (!point) return null;
    const href = pushUrl(point.revision);
    const label = `${text} ${point.revision.slice(0, 12)}`;
    return (
      <span data-testid={testId} data-revision={point.revision}>
        {href ? (
          <a href={href} target="_blank" rel="noreferrer">
            {label}
          </a>
        ) : (
          label
        )}
      </span>
    );
  };
  return (
    <p class="small" data-testid="cit-backfill-outcome">
      {outcome.sentence} {link(outcome.firstFailing, 'first failing:', 'cit-backfill-first-failing')}
      {outcome.firstFailing && outcome.lastPassing ? ' · ' : null}
      {link(outcome.lastPassing, 'last passing:', 'cit-backfill-last-passing')}
    </p>
  );
}

function CancelButton({ group, taskId, label }: { group: TrackedGroupView; taskId: string; label: string }) {
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      const result = await sendToBackground('trigger', {
        intent: {
          kind: 'cancel',
          push: { repo: group.repo, pushId: group.pushId, revision: group.revision },
          job: { taskId, label },
        },
        confirmed: true,
      });
      setMessage(result.status === 'triggered' ? 'cancel requested' : result.reason);
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {' '}
      <button type="button" class="small" disabled={busy} aria-label={`Cancel ${label}`} onClick={cancel}>
        cancel
      </button>
      {message ? (
        <span class="muted small" role="status">
          {' '}
          {message}
        </span>
      ) : null}
    </>
  );
}

function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}
