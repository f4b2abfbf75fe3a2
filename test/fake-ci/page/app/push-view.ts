import { el, icon, own, placeChildren } from './dom';
import { FAILURES, statusOf } from './job-status';
import { collapsedPushes, params, type Store } from './store';
import type { Push } from './types';

/** DOM nodes of one push that survive re-renders. */
export interface PushView {
  push: Push;
  root: HTMLDivElement;
  bar: HTMLDivElement;
  left: HTMLSpanElement;
  done: SVGSVGElement;
  progressBox: HTMLDivElement;
  counts: HTMLSpanElement;
  progress: HTMLSpanElement;
  buttons: HTMLSpanElement;
  watch: HTMLButtonElement;
  cancelAll: HTMLButtonElement;
  pin: HTMLButtonElement;
  menu: HTMLDivElement;
  body: HTMLDivElement;
  /** The unclassed div that owns the mousedown handler, around the table. */
  tableWrap: HTMLDivElement;
  tbody: HTMLTableSectionElement;
  rows: Map<string, RowView>;
  buttonsByJob: Map<number, HTMLButtonElement>;
  counters: Map<string, HTMLButtonElement>;
}

export interface RowView {
  tr: HTMLTableRowElement;
  label: HTMLSpanElement;
  jobRow: HTMLTableCellElement;
  groups: Map<string, GroupView>;
}

export interface GroupView {
  wrap: HTMLSpanElement;
  group: HTMLSpanElement;
  symbol: HTMLButtonElement;
  jobList: HTMLSpanElement;
  countList: HTMLSpanElement;
}

const DATE_FORMAT: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hour12: false,
};

/** `div.push[data-testid=push-<id>]` with its header, revisions and an (empty) job table. */
export function createPushView(
  store: Store,
  push: Push,
  onMenu: (view: PushView, button: HTMLButtonElement) => void,
): PushView {
  const repo = store.repo;
  const jobsHref = (extra: Record<string, string>): string =>
    `/jobs?${new URLSearchParams({ repo: repo.name, ...extra }).toString()}`;
  const collapse = icon('fa-square-minus pe-3 mt-2 text-muted pointable', 'Collapse push data');
  const dateLink = el('a', { title: 'View only this push', href: jobsHref({ revision: push.revision }) }, [
    `${new Date(push.push_timestamp * 1000).toLocaleString('en-US', DATE_FORMAT)} `,
    icon('fa-up-right-from-square icon-superscript'),
  ]);
  const counts = el('span.push-counts.badge.bg-danger');
  const progress = el('span.push-progress');
  const watch = el(
    'button.btn.btn-sm.btn-push.watch-commit-btn',
    { type: 'button', title: 'Get Desktop Notifications for this Push', 'data-watch-state': 'none' },
    ['Watch'],
  );
  const cancelAll = el(
    'button.btn.btn-sm.btn-push.cancel-all-jobs-btn',
    { type: 'button', title: 'Cancel all jobs', 'aria-label': 'Cancel all jobs' },
    [icon('fa-circle-xmark dim-quarter', 'Cancel jobs')],
  );
  const pin = el(
    'button.btn.btn-sm.btn-push.pin-all-jobs-btn',
    {
      type: 'button',
      title: 'Pin all available jobs in this push',
      'aria-label': 'Pin all available jobs in this push',
    },
    [icon('fa-thumbtack', 'Pin all jobs')],
  );
  const menuButton = el('button.btn-push.dropdown-toggle.btn.btn-primary.btn-sm', {
    type: 'button',
    'aria-expanded': 'false',
    title: 'Action menu',
    'data-testid': 'push-action-menu-button',
  });
  const menu = el('div.btn-group.dropdown', {}, [menuButton]);
  const buttons = el('span.push-buttons', {}, [pin, menu]);
  const left = el('span.push-left', {}, [
    el('span.push-title-left', {}, [
      collapse,
      el('span', {}, [dateLink, ' - ']),
      el('a', { href: jobsHref({ author: push.author }) }, [push.author]),
    ]),
  ]);
  const done = icon('fa-circle-check text-success', 'All jobs completed');
  const progressBox = el('div', {}, [progress]);
  const bar = el('div.push-bar', {}, [left, progressBox, buttons]);
  [watch, cancelAll, pin, menu, left, counts, done, progressBox, buttons].forEach(own);
  const header = el('div.push-header', { 'data-testid': 'push-header' }, [bar]);
  const tbody = el('tbody');
  const tableWrap = el('div', {}, [el('table.table-hover', { id: escapeTableId(repo.name, push) }, [tbody])]);
  const body = el('div.push.g-1.flex-nowrap.ms-5.row', {}, [
    el('div.col-5', {}, [el('div.mb-3.ms-4', {}, revisionNodes(store, push))]),
    el('div.job-list.job-list-pad.col-7', {}, [tableWrap]),
  ]);
  const root = el('div.push', { 'data-testid': `push-${push.id}` }, [
    el('div'),
    header,
    el('div.push-body-divider'),
    body,
  ]);
  own(root);
  const view: PushView = {
    push,
    root,
    bar,
    left,
    done,
    progressBox,
    counts,
    progress,
    buttons,
    watch,
    cancelAll,
    pin,
    menu,
    body,
    tableWrap,
    tbody,
    rows: new Map(),
    buttonsByJob: new Map(),
    counters: new Map(),
  };
  menuButton.addEventListener('click', () => onMenu(view, menuButton));
  collapse.addEventListener('click', () => toggleCollapsed(view));
  applyCollapsed(view);
  return view;
}

function escapeTableId(repo: string, push: Push): string {
  return `${repo}${push.id}${push.revision}`.replace(/[:[\]?,.\s]/g, '-');
}

function revisionNodes(store: Store, push: Push): HTMLElement[] {
  const repoUrl = store.repo.url;
  const nodes = push.revisions.slice(0, 20).map((r) => {
    const [name, email] = /^(.*?)\s*<(.*)>$/.exec(r.author)?.slice(1) ?? [r.author, ''];
    const initials = (name ?? '')
      .split(/\s+/)
      .map((w) => w[0] ?? '')
      .join('')
      .toUpperCase();
    const firstLine = r.comments.split('\n')[0] ?? '';
    return el('div.revision.d-flex.flex-nowrap', { 'data-testid': 'revision' }, [
      el('span.pe-1.text-nowrap', {}, [
        el('button.py-0.px-1.btn.btn-light', { type: 'button', title: 'Copy full hash' }, [icon('fa-clipboard')]),
        el(
          'a.font-monospace',
          { title: `Open revision ${r.revision} on ${repoUrl}`, href: `${repoUrl}/rev/${r.revision}` },
          [r.revision.slice(0, 12)],
        ),
      ]),
      el('span.text-nowrap', { title: `${name}: ${email}` }, [
        el('span.text-secondary', {}, [icon('fa-user')]),
        el('span.ms-1.icon-superscript.font-italic.font-weight-bold.text-secondary.user-push-initials', {}, [initials]),
      ]),
      el('span.ms-2.revision-comment.overflow-hidden.text-truncate.text-secondary', { 'data-testid': firstLine }, [
        el('span.text-wrap', {}, [el('span.Linkify', {}, [firstLine])]),
      ]),
    ]);
  });
  if (push.revision_count > 20) {
    nodes.push(
      el('div.ms-2.row', {}, [
        el(
          'a',
          { href: `${repoUrl}/pushloghtml?changeset=${push.revision}`, target: '_blank', rel: 'noopener noreferrer' },
          ['…and more'],
        ),
      ]),
    );
  }
  return nodes;
}

/** Header counts, progress and the buttons that come and go with in-progress jobs. */
export function updateHeader(store: Store, view: PushView): void {
  const jobs = [...(store.jobs.get(view.push.id)?.values() ?? [])].filter((j) => j.tier !== 3);
  const failed = jobs.filter((j) => FAILURES.includes(statusOf(j)) && j.failure_classification_id <= 1).length;
  const inProgress = jobs.filter((j) => j.state === 'pending' || j.state === 'running').length;
  const completed = jobs.filter((j) => j.state === 'completed').length;
  const counted = jobs.filter((j) => j.state !== 'unscheduled').length;
  view.counts.title = `${failed} jobs failed`;
  view.counts.textContent = `${failed} ${failed === 1 ? 'job' : 'jobs'} failed`;
  const pct = counted ? Math.floor((completed / counted) * 100) : 0;
  const inner = inProgress
    ? el('span', { title: 'Proportion of jobs that are complete' }, [`${pct}% - ${inProgress} in progress`])
    : el('span', {}, ['- Complete -']);
  view.progress.replaceChildren(inner);
  const allDone = !inProgress && failed === 0 && counted > 0 && completed === counted;
  placeChildren(view.bar, [
    view.left,
    ...(failed ? [view.counts] : []),
    ...(allDone ? [view.done] : []),
    view.progressBox,
    view.buttons,
  ]);
  placeChildren(view.buttons, inProgress ? [view.watch, view.cancelAll, view.pin, view.menu] : [view.pin, view.menu]);
}

function toggleCollapsed(view: PushView): void {
  const set = collapsedPushes();
  if (set.has(view.push.id)) set.delete(view.push.id);
  else set.add(view.push.id);
  const p = params();
  if (set.size) p.set('collapsedPushes', [...set].join(','));
  else p.delete('collapsedPushes');
  history.replaceState(history.state, '', `${location.pathname}?${p.toString()}`);
  applyCollapsed(view);
}

/** A collapsed push shows its tip revision only and unmounts the job table. */
export function applyCollapsed(view: PushView): void {
  const collapsed = collapsedPushes().has(view.push.id);
  const revisions = view.body.querySelectorAll<HTMLElement>('[data-testid="revision"]');
  for (const [i, r] of [...revisions].entries()) r.classList.toggle('hidden', collapsed && i > 0);
  const list = view.body.querySelector('.job-list');
  if (collapsed) view.tableWrap.remove();
  else if (list && !view.tableWrap.isConnected) list.append(view.tableWrap);
}
