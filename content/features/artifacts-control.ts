import './artifacts-control.css';
import { sendToBackground } from '../../platform/messaging';
import { compileGlob } from '../../src/artifacts/glob';
import { formatSize } from '../../src/artifacts/entries';
import type { RunArtifacts, TaskArtifacts } from '../../src/artifacts/types';
import type { JobDescription } from '../../src/protocol';
import { observe } from '../observe';
import { repoOf, selectedJobIdOf } from '../page-context';
import { selectors } from '../selectors';
import { button, element } from '../ui/dom';
import { overlayLayer, type Placement } from '../ui/layer';
import { openPopover, type Popover } from '../ui/popover';
import { backgroundData, type BackgroundData } from '../data/background-data';

/** Room left at the bar's right end for Treeherder's own "…" menu (as the job controls leave it). */
const MENU_ROOM_PX = 48;
const GAP_PX = 4;

/**
 * Just left of our job controls at the action bar's right end (right of Treeherder's own buttons), or
 * where they would be when they are not shown. The widget has no width; its button hangs to the left.
 * It is anchored to the details panel, since the overlay layer gives each anchor one widget and the
 * action bar's is the job controls'; the action bar's box is read here.
 */
const leftOfJobControls: Placement = (panel) => {
  const bar = document.querySelector(selectors.actionBar)?.getBoundingClientRect() ?? panel;
  const controls = document.querySelector('[data-testid="cit-actionbar-widget"] .cit-toolbar')?.getBoundingClientRect();
  const right = controls && controls.width > 0 ? controls.left - GAP_PX : bar.right - MENU_ROOM_PX;
  return { x: right, y: bar.top, width: 0, height: bar.height };
};

/**
 * "Artifacts" beside the details panel's action bar: a popover with every artifact of every run of
 * the selected job, a glob filter, and links to search the whole push or read the job's suspects.
 */
export function startArtifactsControl(signal: AbortSignal): void {
  const layer = overlayLayer(signal);
  const data = backgroundData(signal);
  observe(
    selectors.actionBar,
    (actionBar) => {
      const panel = actionBar.closest(selectors.detailsPanel);
      if (!panel) return;
      const widget = layer.mount(
        panel,
        {
          key: 'details-artifacts',
          place: leftOfJobControls,
          keep: () => actionBar.isConnected,
        },
        () => element('div', { class: 'cit-artifacts-widget', 'data-testid': 'cit-artifacts-widget' }),
      );
      const jobId = selectedJobIdOf(document);
      const shown = jobId === undefined ? '' : String(jobId);
      if (widget.dataset.citJobId === shown) return;
      widget.dataset.citJobId = shown;
      widget.removeAttribute('data-cit-open');
      widget.replaceChildren(
        ...(jobId === undefined ? [] : [artifactsButton(widget, repoOf(location.href), jobId, data, signal)]),
      );
    },
    { signal, name: 'artifacts-control' },
  );
}

function artifactsButton(
  host: HTMLElement,
  repo: string,
  jobId: number,
  data: BackgroundData,
  signal: AbortSignal,
): HTMLElement {
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
      popover = openArtifactsPopover({ host, trigger, repo, jobId, data, signal });
    },
  );
  return trigger;
}

interface PopoverContext {
  host: HTMLElement;
  trigger: HTMLElement;
  repo: string;
  jobId: number;
  data: BackgroundData;
  signal: AbortSignal;
}

function openArtifactsPopover(context: PopoverContext): Popover {
  const status = element('p', { class: 'cit-popover-notes', role: 'status', 'data-testid': 'cit-artifacts-status' }, [
    'Listing the artifacts of every run…',
  ]);
  const body = element('div', { class: 'cit-artifacts-body', 'data-testid': 'cit-artifacts-body' });
  const popover = openPopover({
    host: context.host,
    trigger: context.trigger,
    label: 'Artifacts of this job',
    testid: 'cit-artifacts-popover',
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
