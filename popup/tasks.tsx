import { useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import { taskclusterTaskUrl, treeherderTaskRunUrl } from '../src/links';
import type { TaskState } from '../src/monitor/tracked-group';
import type { TrackedTriggerView } from '../src/protocol';
import { errorText } from '../ui/error-text';

type Task = TrackedTriggerView['tasks'][number];

export const STATE_LABEL: Record<TaskState, string> = {
  unscheduled: 'waiting',
  pending: 'pending',
  running: 'running',
  completed: 'passed',
  failed: 'failed',
  exception: 'exception',
};

/** What a sheriff looks at first: failures, then what still runs, then what passed. */
const STATE_ORDER: Record<TaskState, number> = {
  failed: 0,
  exception: 1,
  running: 2,
  pending: 3,
  unscheduled: 4,
  completed: 5,
};

/** Tasks shown before "show all N". */
export const FOLDED_TASKS = 5;

export function isUnfinished(task: Task): boolean {
  return !['completed', 'failed', 'exception'].includes(task.state);
}

/** The task in Treeherder (its run on its push) and in Taskcluster. */
export function taskLinks(group: TrackedTriggerView, task: Task): { treeherder?: string; taskcluster?: string } {
  return {
    treeherder: group.treeherderUrl
      ? treeherderTaskRunUrl(group.treeherderUrl, group.repo, task.revision, task.taskId, task.runId)
      : undefined,
    taskcluster: group.taskclusterUrl ? taskclusterTaskUrl(group.taskclusterUrl, task.taskId) : undefined,
  };
}

/** "60 tasks: 12 running · 40 passed · 8 failed", each count its own chip. */
export function TaskCounts(props: { progress: TrackedTriggerView['progress']; testid?: string }) {
  const { total, inFlight, passed, failed } = props.progress;
  return (
    <span
      class="counts small"
      data-testid={props.testid ?? 'cit-tracked-counts'}
      data-total={total}
      data-running={inFlight}
      data-passed={passed}
      data-failed={failed}
    >
      <span>
        {total} task{total === 1 ? '' : 's'}:
      </span>
      {inFlight ? <span class="count count-running">{inFlight} running</span> : null}
      {passed ? <span class="count count-passed">{passed} passed</span> : null}
      {failed ? <span class="count count-failed">{failed} failed</span> : null}
    </span>
  );
}

/** A trigger's tasks, failures first; long lists fold after the first few behind "show all N". */
export function TaskList(props: { group: TrackedTriggerView }) {
  const { group } = props;
  const tasks = [...group.tasks].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state]);
  const first = tasks.length > FOLDED_TASKS + 1 ? tasks.slice(0, FOLDED_TASKS) : tasks;
  const rest = tasks.slice(first.length);
  const row = (t: Task) => <TaskRow key={t.taskId} group={group} task={t} />;
  return (
    <>
      <ul class="tasks">{first.map(row)}</ul>
      {rest.length ? (
        <details class="more-tasks" data-testid="cit-tracked-more">
          <summary>
            Show all {tasks.length} tasks ({rest.length} more)
          </summary>
          <ul class="tasks">{rest.map(row)}</ul>
        </details>
      ) : null}
    </>
  );
}

function TaskRow({ group, task }: { group: TrackedTriggerView; task: Task }) {
  const links = taskLinks(group, task);
  return (
    <li data-testid="cit-tracked-task" data-state={task.state}>
      <span class={`state state-${task.state}`}>{STATE_LABEL[task.state]}</span>{' '}
      {links.treeherder ? (
        <a href={links.treeherder} target="_blank" rel="noreferrer" title="This run in Treeherder">
          {task.label}
        </a>
      ) : (
        task.label
      )}
      {links.taskcluster ? (
        <>
          {' '}
          <a
            href={links.taskcluster}
            target="_blank"
            rel="noreferrer"
            class="small tc-link"
            data-testid="cit-tracked-task-tc"
            aria-label={`${task.label} in Taskcluster`}
            title={`Task ${task.taskId} in Taskcluster`}
          >
            TC
          </a>
        </>
      ) : null}
      {task.waiting ? <span class="muted small"> — {task.waiting}</span> : null}
      {isUnfinished(task) ? <CancelButton group={group} task={task} /> : null}
    </li>
  );
}

/** One cancel through the one trigger pipeline's `cancel` intent; resolves to a sentence. */
async function cancelTask(group: TrackedTriggerView, task: Task): Promise<{ ok: boolean; text: string }> {
  try {
    const result = await sendToBackground('trigger', {
      intent: {
        kind: 'cancel',
        push: { repo: group.repo, pushId: group.pushId, revision: group.revision },
        job: { taskId: task.taskId, label: task.label },
      },
      confirmed: true,
    });
    if (result.status === 'triggered' || result.status === 'merged') return { ok: true, text: 'cancel requested' };
    return { ok: false, text: result.reason };
  } catch (e) {
    return { ok: false, text: errorText(e) };
  }
}

function CancelButton({ group, task }: { group: TrackedTriggerView; task: Task }) {
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    setMessage((await cancelTask(group, task)).text);
    setBusy(false);
  };
  return (
    <>
      {' '}
      <button type="button" class="small" disabled={busy} aria-label={`Cancel ${task.label}`} onClick={cancel}>
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

/**
 * "Cancel all" of one trigger: every unfinished task, each through the pipeline's `cancel` intent, after the user
 * confirmed the number (a bulk action is never one click away).
 */
export function CancelAll(props: { group: TrackedTriggerView; tasks?: readonly Task[] }) {
  const tasks = (props.tasks ?? props.group.tasks).filter(isUnfinished);
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'confirm' }
    | { kind: 'busy'; done: number }
    | { kind: 'said'; text: string; error: boolean }
  >({ kind: 'idle' });
  if (tasks.length === 0 && state.kind !== 'said') return null;
  const cancelAll = async () => {
    const failures: string[] = [];
    for (const [i, task] of tasks.entries()) {
      setState({ kind: 'busy', done: i });
      const outcome = await cancelTask(props.group, task);
      if (!outcome.ok) failures.push(outcome.text);
    }
    const asked = tasks.length - failures.length;
    setState(
      failures.length
        ? {
            kind: 'said',
            text: `Cancel requested for ${asked} of ${tasks.length} jobs; the rest failed: ${failures[0]}`,
            error: true,
          }
        : { kind: 'said', text: `Cancel requested for ${asked} job${asked === 1 ? '' : 's'}.`, error: false },
    );
  };
  return (
    <span class="cancel-all small" data-testid="cit-tracked-cancel-all">
      {state.kind === 'idle' ? (
        <button type="button" class="small" onClick={() => setState({ kind: 'confirm' })}>
          Cancel all ({tasks.length})
        </button>
      ) : null}
      {state.kind === 'confirm' ? (
        <span class="row" role="alert">
          Cancel the {tasks.length} unfinished job{tasks.length === 1 ? '' : 's'} of this trigger?
          <button type="button" class="small primary" onClick={cancelAll} data-testid="cit-tracked-cancel-all-confirm">
            Cancel {tasks.length} job{tasks.length === 1 ? '' : 's'}
          </button>
          <button type="button" class="small" onClick={() => setState({ kind: 'idle' })}>
            Keep them
          </button>
        </span>
      ) : null}
      {state.kind === 'busy' ? (
        <span role="status">
          Cancelling {state.done + 1} of {tasks.length}…
        </span>
      ) : null}
      {state.kind === 'said' ? (
        <span role="status" class={state.error ? 'error' : 'muted'} data-testid="cit-tracked-cancel-all-result">
          {state.text}
        </span>
      ) : null}
    </span>
  );
}
