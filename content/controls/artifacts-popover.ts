import './artifacts-popover.css';
import { sendToBackground } from '../../platform/messaging';
import { compileGlob } from '../../src/artifacts/glob';
import { formatSize } from '../../src/artifacts/entries';
import type { RunArtifacts, TaskArtifacts } from '../../src/artifacts/types';
import type { JobDescription } from '../../src/protocol';
import { button, element } from '../ui/dom';
import { openPopover, type Popover } from '../ui/popover';
import type { JobControlsContext } from './job-context';

/**
 * "Artifacts" for one job: a popover with every artifact of every run of the job, a glob filter, and
 * links to search the whole push or read the job's suspects. `context.host` is the element the popover
 * hangs from.
 */
export function createArtifactsControl(context: JobControlsContext): HTMLElement {
  let popover: Popover | undefined;
  const trigger: HTMLButtonElement = button(
    {
      class: 'cit-control',
      'data-testid': 'cit-artifacts-control',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
      title: 'Artifacts: every file of every run of this job',
      'aria-label': 'Artifacts of this job',
    },
    ['Artifacts'],
    () => {
      if (popover && !popover.closed) {
        popover.close({ restoreFocus: true });
        popover = undefined;
        return;
      }
      popover = openArtifactsPopover({ ...context, trigger });
    },
  );
  return trigger;
}

type PopoverContext = JobControlsContext & { trigger: HTMLElement };

function openArtifactsPopover(context: PopoverContext): Popover {
  const status = element('p', { class: 'cit-popover-notes', role: 'status', 'data-testid': 'cit-artifacts-status' }, [
    'Listing the artifacts of every run…',
  ]);
  const body = element('div', { class: 'cit-artifacts-body', 'data-testid': 'cit-artifacts-body' });
  const popover = openPopover({
    layer: context.layer,
    host: context.host,
    trigger: context.trigger,
    label: 'Artifacts of this job',
    testid: 'cit-artifacts-popover',
    className: 'cit-artifacts-popover',
    content: [
      element('p', { class: 'cit-popover-heading', 'data-testid': 'cit-artifacts-heading' }, [
        `Artifacts of job ${context.jobId}`,
      ]),
      status,
      body,
    ],
    signal: context.signal,
  });
  void (async () => {
    try {
      const job = await context.data.describeJob(context.repo, context.jobId);
      const task = await sendToBackground('taskArtifacts', { repo: context.repo, taskId: job.taskId });
      if (popover.closed) return;
      status.textContent = `${task.label} · ${task.runs.length} run${task.runs.length === 1 ? '' : 's'}`;
      body.replaceChildren(...artifactsView(task, job, context));
    } catch (error) {
      if (popover.closed) return;
      status.textContent = error instanceof Error ? error.message : String(error);
      status.dataset.citState = 'error';
      status.setAttribute('role', 'alert');
    }
  })();
  return popover;
}

function artifactsView(task: TaskArtifacts, job: JobDescription, context: PopoverContext): Node[] {
  const filter = element('input', {
    class: 'cit-input cit-artifacts-filter',
    type: 'search',
    placeholder: 'Filter, e.g. *.log or **/crashes/*',
    'aria-label': 'Filter artifacts by glob',
    'data-testid': 'cit-artifacts-filter',
  });
  const filterNote = element('span', {
    class: 'cit-popover-notes',
    role: 'status',
    'data-testid': 'cit-artifacts-filter-note',
  });
  const runs = element('div', { class: 'cit-artifacts-runs', 'data-testid': 'cit-artifacts-runs' });
  const render = () => {
    let test: ((name: string) => boolean) | undefined;
    filterNote.textContent = '';
    if (filter.value.trim()) {
      try {
        test = compileGlob(filter.value).test;
      } catch (error) {
        filterNote.textContent = error instanceof Error ? error.message : String(error);
      }
    }
    runs.replaceChildren(...task.runs.map((run, index) => runView(run, index === 0, test)));
  };
  filter.addEventListener('input', render);
  render();
  const open = (page: 'artifacts' | 'revisions', params: Record<string, string>) =>
    void sendToBackground('openToolPage', { page, params: { repo: context.repo, ...params } }).catch(() => undefined);
  const actions = element('div', { class: 'cit-popover-actions', 'data-testid': 'cit-artifacts-actions' }, [
    button({ class: 'cit-button', 'data-testid': 'cit-artifacts-open-task' }, ['Open in a tab'], () =>
      open('artifacts', { task: task.taskId }),
    ),
    button({ class: 'cit-button', 'data-testid': 'cit-artifacts-search-push' }, ['Search the push…'], () =>
      open('artifacts', { push: String(job.pushId) }),
    ),
    button({ class: 'cit-button', 'data-testid': 'cit-artifacts-suspects' }, ['Suspect pushes'], () =>
      open('revisions', { job: String(job.jobId) }),
    ),
  ]);
  return [
    element('div', { class: 'cit-field', 'data-testid': 'cit-artifacts-filter-field' }, [filter]),
    filterNote,
    runs,
    actions,
  ];
}

function runView(run: RunArtifacts, open: boolean, test: ((name: string) => boolean) | undefined): HTMLElement {
  const shown = test ? run.artifacts.filter((a) => test(a.name)) : run.artifacts;
  const count =
    shown.length === run.artifacts.length ? `${run.artifacts.length}` : `${shown.length} of ${run.artifacts.length}`;
  const list = element(
    'ul',
    { class: 'cit-artifacts-list', 'data-testid': 'cit-artifacts-list' },
    shown.map((artifact) =>
      element('li', { 'data-testid': 'cit-artifact', 'data-name': artifact.name }, [
        artifact.storageType === 'error'
          ? element('span', { class: 'cit-artifact-name', 'data-testid': 'cit-artifact-link' }, [
              `${artifact.name} (error)`,
            ])
          : element(
              'a',
              {
                class: 'cit-artifact-name',
                href: artifact.url,
                target: '_blank',
                rel: 'noreferrer',
                'data-testid': 'cit-artifact-link',
              },
              [artifact.name],
            ),
        element('span', { class: 'cit-artifact-meta', 'data-testid': 'cit-artifact-meta' }, [
          ` ${formatSize(artifact.size)} · ${artifact.contentType}`,
        ]),
      ]),
    ),
  );
  return element(
    'details',
    { class: 'cit-artifacts-run', open, 'data-testid': 'cit-artifacts-run', 'data-run-id': run.runId },
    [
      element('summary', { 'data-testid': 'cit-artifacts-run-summary' }, [
        `Run ${run.runId}: ${run.state}${run.reasonResolved ? ` (${run.reasonResolved})` : ''} · ${count} artifacts`,
      ]),
      ...(run.error
        ? [
            element('p', { class: 'cit-popover-notes', role: 'alert', 'data-testid': 'cit-artifacts-run-error' }, [
              run.error,
            ]),
          ]
        : []),
      list,
    ],
  );
}
