import { getJson, reportEvent } from './api';
import { el, icon } from './dom';
import { FAILURES, statusOf } from './job-status';
import type { Store } from './store';
import type { Job } from './types';

interface JobDetail {
  logs: Array<{ name: string; url: string }>;
  start_timestamp: number;
  end_timestamp: number;
  submit_timestamp: number;
  build_platform: string;
}

interface BugSuggestion {
  search: string;
  bugs: { open_recent: Array<{ id: number; summary: string }>; all_others: Array<{ id: number; summary: string }> };
}

const panel = (): HTMLElement => document.getElementById('details-panel') as HTMLElement;

/** Empties `#details-panel` (it stays mounted, 0 high). */
export function clearDetails(): void {
  panel().replaceChildren();
  panel().classList.remove('details-panel-open');
  panel().style.height = '';
}

/** `#details-panel` for a selected job: action bar (`#retrigger-btn`, `a#backfill-btn` in the closed "…" menu), summary, tabs. */
export function showDetails(store: Store, job: Job): void {
  const repo = store.repo;
  const root = panel();
  root.classList.add('details-panel-open');
  const taskRun = `${job.task_id}.${job.retry_id}`;
  const rawLog = `${repo.tc_root_url}/api/queue/v1/task/${job.task_id}/runs/${job.retry_id}/artifacts/public/logs/live_backing.log`;
  const retrigger = el(
    'button.actionbar-nav-btn.bg-transparent.border-0.icon-green.btn.btn-primary',
    { type: 'button', id: 'retrigger-btn', title: 'Retrigger job (r)' },
    [icon('fa-arrows-rotate')],
  );
  retrigger.addEventListener('click', () =>
    reportEvent({ kind: 'button-retrigger', jobId: job.id, taskId: job.task_id }),
  );
  const find = el(
    'button.actionbar-nav-btn.bg-transparent.border-0.btn.btn-primary',
    { type: 'button', id: 'find-job-btn', title: 'Scroll to selection' },
    [icon('fa-crosshairs')],
  );
  find.addEventListener('click', () =>
    document.querySelector(`#push-list button[data-job-id='${job.id}']`)?.scrollIntoView({ block: 'center' }),
  );
  const pin = el(
    'button.actionbar-nav-btn.bg-transparent.border-0.btn.btn-primary',
    { type: 'button', id: 'pin-job-btn', title: 'Add this job to the pinboard' },
    [icon('fa-thumbtack')],
  );
  pin.addEventListener('click', () => reportEvent({ kind: 'pin', jobId: job.id, taskId: job.task_id }));
  const backfillDisabled = repo.is_try_repo;
  const backfill = el(
    backfillDisabled ? 'a.disabled.dropdown-item' : 'a.dropdown-item',
    {
      id: 'backfill-btn',
      title: backfillDisabled
        ? 'Backfill not available in this repository'
        : 'Backfill: run this job on earlier pushes',
      'data-rr-ui-dropdown-item': '',
    },
    ['Backfill'],
  );
  backfill.addEventListener('click', () => {
    if (!backfillDisabled) reportEvent({ kind: 'backfill-button', jobId: job.id, taskId: job.task_id });
  });
  const menu = el('div.actionbar-menu.dropdown-menu', { 'x-placement': 'bottom-start' }, [
    backfill,
    el(
      'a.ps-4.dropdown-item',
      {
        target: '_blank',
        rel: 'noopener noreferrer',
        href: `${repo.tc_root_url}/tasks/${job.task_id}`,
        'data-rr-ui-dropdown-item': '',
      },
      ['Inspect Task'],
    ),
    el('a.py-2.dropdown-item', { 'data-rr-ui-dropdown-item': '' }, ['Create Interactive Task']),
    el('a.dropdown-item', { 'data-rr-ui-dropdown-item': '' }, ['Confirm Test Failures']),
    el('a.dropdown-item', { 'data-rr-ui-dropdown-item': '' }, ['Custom Action...']),
  ]);
  const toggle = el(
    'button.bg-transparent.text-light.border-0.pe-2.py-2.m-0.d-flex.align-items-center.btn.btn.btn-primary',
    { type: 'button', 'aria-expanded': 'false' },
    [icon('fa-ellipsis-vertical')],
  );
  toggle.addEventListener('click', () => {
    const open = menu.classList.toggle('show');
    toggle.setAttribute('aria-expanded', String(open));
  });
  const nav = el('nav.navbar.navbar-dark.details-panel-navbar', {}, [
    el('ul.nav.actionbar-nav', {}, [
      el('li', {}, [
        el(
          'a.logviewer-btn',
          {
            'data-testid': 'logviewer-btn',
            href: `/logviewer?job_id=${job.id}&repo=${repo.name}&task=${taskRun}`,
            title: 'Open the log viewer in a new window (l)',
            target: `log-${job.id}`,
          },
          ['Log'],
        ),
      ]),
      el('li', {}, [
        el(
          'a.logviewer-btn.rawlog-btn',
          {
            'data-testid': 'logviewer-btn',
            href: rawLog,
            title: 'Open the raw log in a new window (shift+l)',
            target: '_blank',
            rel: 'noopener noreferrer',
          },
          [icon('fa-file-lines')],
        ),
      ]),
      el('li', {}, [pin]),
      el('li', {}, [retrigger]),
      el('li', {}, [find]),
      el('li.ms-auto.d-flex.align-items-center', {}, [el('div.dropdown', {}, [toggle, menu])]),
    ]),
  ]);
  const summaryContent = el('div', { id: 'summary-panel-content' }, [summaryList(job, taskRun, repo.tc_root_url)]);
  const failed = FAILURES.includes(statusOf(job));
  const tabs = ['Artifacts and Debugging Tools', 'Failure Summary', 'Annotations', 'Similar Jobs'];
  const selectedTab = failed ? 1 : 0;
  const tabPanel = el('div.react-tabs__tab-panel.react-tabs__tab-panel--selected', { role: 'tabpanel' }, [
    failed ? 'Loading failure summary…' : '',
  ]);
  root.replaceChildren(
    el('div.hidden', { id: 'pinboard-panel' }),
    el('div', { id: 'details-panel-content' }, [
      el('div', { id: 'summary-panel', role: 'region', 'aria-label': 'Summary', 'data-testid': 'summary-panel' }, [
        el('div', { id: 'actionbar' }, [nav]),
        summaryContent,
      ]),
      el('span.job-tabs-divider'),
      el('div', { id: 'tabs-panel', role: 'region', 'aria-label': 'Job' }, [
        el('div.react-tabs', {}, [
          el('div.tab-headers-wrapper', {}, [
            // As rendered by Treeherder (../shared/samples/treeherder/rendered-details-panel.html): the tabs, then
            // the PinBoard and close buttons at the row's end.
            el('ul.tab-headers', { role: 'tablist' }, [
              el(
                'span.tab-header-tabs',
                {},
                tabs.map((t, i) =>
                  el(
                    i === selectedTab ? 'li.react-tabs__tab.selected-tab' : 'li.react-tabs__tab',
                    { role: 'tab', 'aria-selected': String(i === selectedTab) },
                    [t],
                  ),
                ),
              ),
              el('span.details-panel-controls', { id: 'tab-header-buttons' }, [
                el('button.btn', { type: 'button', id: 'pinboard-btn', title: 'Open the pinboard' }, ['PinBoard']),
                el('button.btn.details-panel-close-btn', { type: 'button', 'aria-label': 'Close' }, ['×']),
              ]),
            ]),
          ]),
          tabPanel,
        ]),
      ]),
    ]),
  );
  void fillDetails(store, job, summaryContent, tabPanel, failed);
}

function summaryList(job: Job, taskRun: string, root: string): HTMLElement {
  return el('ul.list-unstyled', {}, [
    el(`li.fs-80.result-status-shading-${statusOf(job)}.p-0`, { id: 'result-status-pane' }, [
      el('div.ms-1', {}, [el('strong', {}, ['Result:']), el('span', {}, [` ${job.result}`])]),
      el('div', {}, [el('strong', {}, ['State:']), el('span', {}, [` ${job.state}`])]),
    ]),
    el('ul.list-unstyled.ms-1.fs-80', { id: 'job-info' }, [
      el('li', {}, [
        el('strong', {}, ['Task: ']),
        el(
          'a',
          { id: 'taskInfo', href: `${root}/tasks/${job.task_id}`, target: '_blank', rel: 'noopener noreferrer' },
          [job.task_id],
        ),
      ]),
      el('li', {}, [el('strong', {}, ['Job name: ']), el('span', {}, [job.job_type_name])]),
      el('li', {}, [el('strong', {}, ['Run: ']), el('span', {}, [taskRun])]),
      el('li', {}, [el('strong', {}, ['Duration: ']), el('span', {}, [`${job.duration} minutes`])]),
    ]),
  ]);
}

async function fillDetails(
  store: Store,
  job: Job,
  summary: HTMLElement,
  tabPanel: HTMLElement,
  failed: boolean,
): Promise<void> {
  try {
    const detail = await getJson<JobDetail>(`/api/project/${store.repo.name}/jobs/${job.id}/`);
    if (store.selectedJobId !== job.id) return;
    const info = summary.querySelector('#job-info');
    const when = (s: number): string => (s ? new Date(s * 1000).toLocaleString('en-US') : '—');
    info?.append(
      el('li', {}, [el('strong', {}, ['Build: ']), el('span', {}, [detail.build_platform])]),
      el('li', {}, [el('strong', {}, ['Requested: ']), el('span', {}, [when(detail.submit_timestamp)])]),
      el('li', {}, [el('strong', {}, ['Started: ']), el('span', {}, [when(detail.start_timestamp)])]),
      el('li', {}, [el('strong', {}, ['Ended: ']), el('span', {}, [when(detail.end_timestamp)])]),
    );
    if (!failed) {
      tabPanel.replaceChildren(
        el(
          'ul',
          {},
          detail.logs.map((l) => el('li', {}, [el('a', { href: l.url, target: '_blank' }, [l.name])])),
        ),
      );
      return;
    }
    const suggestions = await getJson<BugSuggestion[]>(
      `/api/project/${store.repo.name}/jobs/${job.id}/bug_suggestions/`,
    );
    if (store.selectedJobId !== job.id) return;
    tabPanel.replaceChildren(
      el(
        'ul.font-size-11.list-unstyled',
        { id: 'failure-summary-scroll-area' },
        suggestions.map((s) =>
          el('li', {}, [
            el('span.align-middle', {}, [s.search]),
            el(
              'ul.list-unstyled.failure-summary-bugs',
              {},
              [...s.bugs.open_recent, ...s.bugs.all_others].map((b) =>
                el('li', { 'data-testid': 'bug-list-item' }, [`${b.summary} (bug ${b.id})`]),
              ),
            ),
          ]),
        ),
      ),
    );
  } catch (err) {
    tabPanel.replaceChildren(`Could not load job details: ${String(err)}`);
  }
}
