import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import { bugCommentText, type PushFacts, type VerdictSummary } from '../src/bisection-session/verdict-summary';
import { errorText } from '../ui/error-text';
import { CopyButton } from './CopyButton';

/** Which push to read the details of: the one the verdict names, and the label whose runs there to link. */
export interface PushRequest {
  repo: string;
  pushId?: number | undefined;
  revision?: string | undefined;
  label?: string | undefined;
}

/**
 * A finished verdict, made actionable: the push it names (revision, author, first commit line), links to that push
 * in Treeherder, its changes (this extension's revisions page and hg) and its tasks in Taskcluster, the evidence,
 * and "Copy for bug comment".
 */
export function VerdictPanel(props: {
  summarize: (push?: PushFacts) => VerdictSummary;
  push?: PushRequest | undefined;
}) {
  const [facts, setFacts] = useState<{ push?: PushFacts; error?: string }>({});
  const key = JSON.stringify(props.push ?? null);
  useEffect(() => {
    if (!props.push) return undefined;
    let live = true;
    sendToBackground('pushDetails', props.push).then(
      (push) => live && setFacts({ push }),
      (error: unknown) => live && setFacts({ error: errorText(error) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const summary = props.summarize(facts.push);
  const push = facts.push;
  return (
    <div class="verdict" data-testid="cit-verdict">
      {summary.named && push ? (
        <div class="small" data-testid="cit-verdict-push" data-revision={push.revision} data-author={push.author}>
          <div>
            {summary.named.role}:{' '}
            <a href={push.treeherderUrl} target="_blank" rel="noreferrer" class="mono">
              {push.revision.slice(0, 12)}
            </a>{' '}
            by <span data-testid="cit-verdict-author">{push.author}</span>
            {summary.named.certainty && !summary.sentence.includes(summary.named.certainty) ? (
              <span class="muted"> · {summary.named.certainty}</span>
            ) : null}
          </div>
          {push.commits[0] ? (
            <div class="commit" data-testid="cit-verdict-commit">
              {push.commits[0]}
              {push.commits.length > 1 ? <span class="muted"> (+{push.commits.length - 1} more)</span> : null}
            </div>
          ) : null}
          <div class="links" data-testid="cit-verdict-links">
            <a href={push.treeherderUrl} target="_blank" rel="noreferrer" data-testid="cit-verdict-treeherder">
              Push in Treeherder
            </a>
            <a
              href={`../report/revisions.html?repo=${encodeURIComponent(push.repo)}&push=${push.pushId}`}
              target="_blank"
              rel="noreferrer"
              data-testid="cit-verdict-revisions"
            >
              Changes
            </a>
            {push.hgUrl ? (
              <a href={push.hgUrl} target="_blank" rel="noreferrer" data-testid="cit-verdict-hg">
                hg
              </a>
            ) : null}
            {push.tasks.length ? (
              <span data-testid="cit-verdict-tasks">
                Taskcluster:{' '}
                {push.tasks.map((task, i) => (
                  <a
                    key={`${task.taskId}.${task.runId}`}
                    href={task.url}
                    target="_blank"
                    rel="noreferrer"
                    class="task-link"
                    data-testid="cit-verdict-task"
                    data-result={task.result}
                    title={`Task ${task.taskId} run ${task.runId}: ${task.result}`}
                    aria-label={`Run ${i + 1} in Taskcluster: ${task.result}`}
                  >
                    {i + 1}
                  </a>
                ))}{' '}
                <span class="muted">({tally(push.tasks.map((t) => t.result))})</span>
              </span>
            ) : push.taskGroupUrl ? (
              <a href={push.taskGroupUrl} target="_blank" rel="noreferrer" data-testid="cit-verdict-task-group">
                Tasks in Taskcluster
              </a>
            ) : null}
          </div>
        </div>
      ) : null}
      {facts.error ? <p class="error small">{facts.error}</p> : null}
      {summary.evidence.length ? (
        <details class="evidence small" data-testid="cit-verdict-evidence">
          <summary>Evidence: {summary.evidenceTitle.charAt(0).toLowerCase() + summary.evidenceTitle.slice(1)}</summary>
          <ul>
            {summary.evidence.map((row) => (
              <li key={row.label} class={row.named ? 'named' : undefined}>
                <span class="mono">{row.label}</span>: {row.text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <CopyButton text={() => bugCommentText(props.summarize(facts.push))} />
    </div>
  );
}

/** "3 testfailed, 1 success". */
function tally(results: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([result, n]) => `${n} ${result}`).join(', ');
}
