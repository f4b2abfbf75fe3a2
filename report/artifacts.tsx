import '../src/zod-setup';
import '../ui/theme.css';
import './report.css';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import { compileGlob, type CompiledGlob } from '../src/artifacts/glob';
import type { TaskArtifacts } from '../src/artifacts/types';
import { ArtifactTable, type TaskRunLinks } from './ArtifactTable';
import { taskclusterGroupUrl, taskclusterTaskUrl, treeherderTaskRunUrl } from '../src/links';
import { useBackground } from '../ui/use-background';
import { formatCount } from './format';
import { TASK_ID_PATTERN } from '../src/ids';
import { PUSH_ID_OR_REVISION_PATTERN, pushLookupOf } from '../src/push-ref';
import { LabeledInput } from '../ui/LabeledInput';
import { errorText } from '../ui/error-text';
import { PageShell, queryParam, RepositoryInput, replaceQuery } from './page-shell';
import { useArtifactSearch, type SearchRequest } from './use-artifact-search';

function ArtifactsPage() {
  const [repo, setRepo] = useState(queryParam('repo') ?? 'autoland');
  return (
    <PageShell page="artifacts">
      <p class="row">
        <RepositoryInput value={repo} onChange={setRepo} testid="cit-artifacts-repo" />
        <span class="muted">Tasks and pushes are looked up in this repository's Taskcluster.</span>
      </p>
      <TaskSection repo={repo} />
      <PushSearchSection repo={repo} />
    </PageShell>
  );
}

/** (a) Every artifact of every run of one task. */
function TaskSection(props: { repo: string }) {
  const [taskId, setTaskId] = useState(queryParam('task'));
  const [state, setState] = useState<{ task?: TaskArtifacts; error?: string; loading: boolean }>({ loading: false });
  const services = useBackground('serviceUrls', { repo: props.repo });
  useEffect(() => {
    if (!taskId) return undefined;
    let live = true;
    setState({ loading: true });
    sendToBackground('taskArtifacts', { repo: props.repo, taskId })
      .then((task) => live && setState({ task, loading: false }))
      .catch((error: unknown) => live && setState({ error: errorText(error), loading: false }));
    return () => {
      live = false;
    };
  }, [taskId]);
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget as HTMLFormElement).get('task') ?? '').trim();
    replaceQuery({ repo: props.repo, task: value });
    setTaskId(value);
  };
  return (
    <section class="block" aria-labelledby="task-heading">
      <h2 id="task-heading">Artifacts of a task</h2>
      <form class="query" onSubmit={onSubmit} data-testid="cit-task-form">
        <LabeledInput
          label="Task id"
          name="task"
          required
          pattern={TASK_ID_PATTERN}
          defaultValue={taskId ?? ''}
          class="mono"
          size={26}
        />
        <button type="submit" class="primary">
          List artifacts
        </button>
      </form>
      {state.loading ? <p role="status">Listing the artifacts of every run…</p> : null}
      {state.error ? (
        <p class="error" role="alert" data-testid="cit-task-error">
          {state.error}
        </p>
      ) : null}
      {state.task ? <TaskRuns task={state.task} taskclusterUrl={services.value?.taskclusterRootUrl} /> : null}
    </section>
  );
}

function TaskRuns(props: { task: TaskArtifacts; taskclusterUrl?: string | undefined }) {
  const { task, taskclusterUrl } = props;
  const [filter, setFilter] = useState('');
  const glob = useGlob(filter);
  return (
    <div data-testid="cit-task-artifacts" data-task-id={task.taskId}>
      <p>
        <span class="mono">{task.label}</span> ·{' '}
        <a href={task.taskUrl} target="_blank" rel="noreferrer" class="mono">
          {task.taskId}
        </a>{' '}
        · {task.state} · {task.runs.length} run{task.runs.length === 1 ? '' : 's'}
        {taskclusterUrl ? (
          <>
            {' '}
            ·{' '}
            <a
              href={taskclusterGroupUrl(taskclusterUrl, task.taskGroupId)}
              target="_blank"
              rel="noreferrer"
              data-testid="cit-task-group-link"
            >
              its task group
            </a>
          </>
        ) : null}
      </p>
      <p class="row">
        <label>
          Filter{' '}
          <input
            value={filter}
            placeholder="e.g. *.log or public/test_info/**"
            onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
            class="mono"
          />
        </label>
        {glob.error ? (
          <span class="error" role="alert">
            {glob.error}
          </span>
        ) : null}
      </p>
      {task.runs.length === 0 ? <p class="muted">The task has no runs yet.</p> : null}
      {task.runs.map((run, index) => {
        const shown = glob.glob ? run.artifacts.filter((a) => glob.glob!.test(a.name)) : run.artifacts;
        return (
          <details key={run.runId} class="run" open={index === 0} data-testid="cit-task-run" data-run-id={run.runId}>
            <summary>
              {taskclusterUrl ? (
                <a
                  href={taskclusterTaskUrl(taskclusterUrl, task.taskId, run.runId)}
                  target="_blank"
                  rel="noreferrer"
                  title="This run in Taskcluster"
                >
                  Run {run.runId}
                </a>
              ) : (
                `Run ${run.runId}`
              )}
              : {run.state}
              {run.reasonResolved ? ` (${run.reasonResolved})` : ''} ·{' '}
              {shown.length === run.artifacts.length
                ? run.artifacts.length
                : `${shown.length} of ${run.artifacts.length}`}{' '}
              artifacts
            </summary>
            {run.error ? (
              <p class="error" role="alert">
                {run.error}
              </p>
            ) : null}
            {shown.length ? <ArtifactTable artifacts={shown} testid="cit-task-artifact-table" /> : null}
          </details>
        );
      })}
    </div>
  );
}

/** (b) A glob over the artifacts of every task of a push, streamed as the background finds them. */
function PushSearchSection(props: { repo: string }) {
  const initialPush = queryParam('push') ?? queryParam('revision');
  const initialPattern = queryParam('pattern');
  const [request, setRequest] = useState<SearchRequest | undefined>(() =>
    initialPush && initialPattern
      ? { repo: props.repo, ...pushLookupOf(initialPush), pattern: initialPattern, run: 1 }
      : undefined,
  );
  const search = useArtifactSearch(request);
  const services = useBackground('serviceUrls', { repo: props.repo });
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const push = String(form.get('push') ?? '').trim();
    const pattern = String(form.get('pattern') ?? '').trim();
    replaceQuery({ repo: props.repo, push, pattern });
    setRequest((r) => ({ repo: props.repo, ...pushLookupOf(push), pattern, run: (r?.run ?? 0) + 1 }));
  };
  const status = search.status;
  const running = status?.phase === 'tasks' || status?.phase === 'artifacts';
  return (
    <section class="block" aria-labelledby="search-heading">
      <h2 id="search-heading">Search a push</h2>
      <form class="query" onSubmit={onSubmit} data-testid="cit-search-form">
        <LabeledInput
          label="Push id or revision"
          name="push"
          required
          pattern={PUSH_ID_OR_REVISION_PATTERN}
          defaultValue={initialPush ?? ''}
          class="mono"
        />
        <LabeledInput
          label="Glob"
          name="pattern"
          required
          defaultValue={initialPattern ?? '**/*.dmp'}
          placeholder="**/*.dmp or public/build/target.*"
        />
        <button type="submit" class="primary" disabled={running}>
          Search
        </button>
        {running ? (
          <button type="button" onClick={search.stop} data-testid="cit-search-stop">
            Stop
          </button>
        ) : null}
      </form>
      <p class="muted">
        <code>*</code> stays within a folder, <code>**</code> crosses folders, <code>?</code> is one character,{' '}
        <code>{'{a,b}'}</code> either; a pattern without <code>/</code> matches file names in any folder.
      </p>
      {search.error ? (
        <p class="error" role="alert" data-testid="cit-search-error">
          {search.error}
        </p>
      ) : null}
      {status ? <SearchStatusLine status={status} /> : null}
      {search.matches.length ? (
        <ArtifactTable
          artifacts={search.matches}
          testid="cit-search-results"
          showTask
          links={runLinks(props.repo, status?.push.revision, services.value)}
        />
      ) : null}
    </section>
  );
}

function SearchStatusLine(props: { status: NonNullable<ReturnType<typeof useArtifactSearch>['status']> }) {
  const { status } = props;
  const { counts } = status;
  const words = {
    tasks: "Listing the push's tasks…",
    artifacts: `Searched ${formatCount(counts.runsSearched)} of ${formatCount(counts.runsTotal)} task runs (${formatCount(counts.artifactsSeen)} artifacts)…`,
    done: `Searched ${formatCount(counts.runsSearched)} runs of ${formatCount(counts.tasksTotal)} tasks (${formatCount(counts.artifactsSeen)} artifacts).`,
    stopped: `Stopped after ${formatCount(counts.runsSearched)} of ${formatCount(counts.runsTotal)} task runs.`,
    failed: 'The search failed.',
  }[status.phase];
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="cit-search-status"
      data-phase={status.phase}
      data-matches={counts.matches}
    >
      <p class="status-line">
        {status.phase === 'artifacts' || status.phase === 'tasks' ? (
          <progress max={Math.max(1, counts.runsTotal)} value={counts.runsSearched} aria-label="Task runs searched" />
        ) : null}
        <span>
          {words} {formatCount(counts.matches)} match{counts.matches === 1 ? '' : 'es'} for{' '}
          <code>{status.pattern}</code> in push {status.push.pushId}.
        </span>
      </p>
      {status.truncated ? (
        <p class="error">
          The search stopped at {formatCount(counts.matches)} matches; narrow the pattern to see the rest.
        </p>
      ) : null}
      {counts.failures ? (
        <p class="error">
          {counts.failures} run listing{counts.failures === 1 ? '' : 's'} failed, so their matches are missing. Last
          reason: {counts.lastFailure}
        </p>
      ) : null}
    </div>
  );
}

/** Links of the push's task runs, once the repository's services and the push are known. */
function runLinks(
  repo: string,
  revision: string | undefined,
  urls: { treeherderUrl: string; taskclusterRootUrl: string } | undefined,
): TaskRunLinks {
  if (!urls) return {};
  return {
    treeherder: revision
      ? (taskId, runId) => treeherderTaskRunUrl(urls.treeherderUrl, repo, revision, taskId, runId)
      : undefined,
    taskcluster: (taskId, runId) => taskclusterTaskUrl(urls.taskclusterRootUrl, taskId, runId),
  };
}

function useGlob(pattern: string): { glob?: CompiledGlob; error?: string } {
  return useMemo(() => {
    if (!pattern.trim()) return {};
    try {
      return { glob: compileGlob(pattern) };
    } catch (error) {
      return { error: errorText(error) };
    }
  }, [pattern]);
}

render(<ArtifactsPage />, document.getElementById('app')!);
