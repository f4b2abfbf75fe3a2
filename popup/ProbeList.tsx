import { treeherderPushUrl } from '../src/links';
import type { TrackedTriggerView } from '../src/protocol';
import { STATE_LABEL, TaskCounts, taskLinks } from './tasks';

/**
 * A bisection's probes, nested under it: one summary line (rounds, jobs and their states), then one line per
 * round with its push and a chip per task (each linked to Taskcluster) — not one card per round.
 */
export function ProbeList(props: { probes: readonly TrackedTriggerView[] }) {
  const probes = [...props.probes].sort(
    (a, b) => (a.bisectionRound ?? 0) - (b.bisectionRound ?? 0) || a.createdAt - b.createdAt,
  );
  const progress = probes.reduce(
    (sum, g) => ({
      total: sum.total + g.progress.total,
      passed: sum.passed + g.progress.passed,
      failed: sum.failed + g.progress.failed,
      inFlight: sum.inFlight + g.progress.inFlight,
    }),
    { total: 0, passed: 0, failed: 0, inFlight: 0 },
  );
  const rounds = new Set(probes.map((g) => g.bisectionRound)).size;
  return (
    <details class="probes small" data-testid="cit-bisection-probes" data-probes={probes.length}>
      <summary>
        Probes: {rounds} round{rounds === 1 ? '' : 's'} · <TaskCounts progress={progress} testid="cit-probe-counts" />
      </summary>
      <ul class="probe-rounds">
        {probes.map((g) => (
          <li key={g.logId} data-testid="cit-bisection-probe">
            <span class="muted">R{(g.bisectionRound ?? 0) + 1}</span>{' '}
            {g.treeherderUrl ? (
              <a href={treeherderPushUrl(g.treeherderUrl, g.repo, g.revision)} target="_blank" rel="noreferrer">
                push {g.pushId}
              </a>
            ) : (
              `push ${g.pushId}`
            )}{' '}
            {g.tasks.map((t) => {
              const links = taskLinks(g, t);
              const title = `${t.label}: ${STATE_LABEL[t.state]} (task ${t.taskId})`;
              return links.taskcluster ? (
                <a
                  key={t.taskId}
                  class={`chip state-${t.state}`}
                  href={links.taskcluster}
                  target="_blank"
                  rel="noreferrer"
                  title={title}
                >
                  <span class="visually-hidden">{title}</span>
                </a>
              ) : (
                <span key={t.taskId} class={`chip state-${t.state}`} title={title} />
              );
            })}
            {g.tasks.length === 0 ? <span class="muted">{g.finished ? 'no tasks' : 'starting…'}</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
