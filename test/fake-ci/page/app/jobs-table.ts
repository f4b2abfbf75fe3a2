import { platformName, platformOrder } from '../../scenario/platforms';
import { el, escapeId, icon, own, placeChildren, setOwnText } from './dom';
import { compareSymbols, FAILURES, isClassified, jobButtonClass, jobTitle, optionRank, statusOf } from './job-status';
import type { GroupView, PushView, RowView } from './push-view';
import { groupsExpanded, shownTiers, statusShown, type Store } from './store';
import type { Job } from './types';

interface GroupPlan {
  key: string;
  symbol: string;
  name: string;
  tier: number;
  jobs: Job[];
}

interface RowPlan {
  key: string;
  platform: string;
  option: string;
  ungrouped: Job[];
  groups: Map<string, GroupPlan>;
}

/**
 * Renders a push's job table the way Treeherder's React tree does: rows keyed by platform+option, groups by
 * group key, buttons by job id. Nodes are reused; each job button's `className` is rewritten wholesale on
 * every render (wiping classes others added, keeping their attributes).
 */
export function renderJobs(store: Store, view: PushView): void {
  const rows = planRows(store, view.push.id);
  const desiredRows: HTMLTableRowElement[] = [];
  const liveButtons = new Set<number>();
  const liveCounters = new Set<string>();
  for (const plan of rows) {
    const row = view.rows.get(plan.key) ?? createRow(view, plan);
    const title = plan.option ? `${platformName(plan.platform)} ${plan.option}` : platformName(plan.platform);
    row.label.title = title;
    setOwnText(row.label, title);
    const cells: Node[] = [];
    for (const job of plan.ungrouped) cells.push(jobButton(store, view, job, liveButtons));
    for (const g of [...plan.groups.values()].sort((a, b) => compareSymbols(a.symbol, b.symbol))) {
      const group = row.groups.get(g.key) ?? createGroup(store, view, row, g);
      renderGroup(store, view, group, g, liveButtons, liveCounters);
      cells.push(group.wrap);
    }
    placeChildren(row.jobRow, cells);
    for (const key of [...row.groups.keys()]) if (!plan.groups.has(key)) row.groups.delete(key);
    desiredRows.push(row.tr);
  }
  placeChildren(view.tbody, desiredRows);
  const keep = new Set(rows.map((r) => r.key));
  for (const key of [...view.rows.keys()]) if (!keep.has(key)) view.rows.delete(key);
  for (const id of [...view.buttonsByJob.keys()]) if (!liveButtons.has(id)) view.buttonsByJob.delete(id);
  for (const key of [...view.counters.keys()]) if (!liveCounters.has(key)) view.counters.delete(key);
}

function planRows(store: Store, pushId: number): RowPlan[] {
  const tiers = shownTiers();
  const rows = new Map<string, RowPlan>();
  const jobs = [...(store.jobs.get(pushId)?.values() ?? [])].filter(
    (j) => tiers.has(j.tier) && statusShown(statusOf(j)),
  );
  jobs.sort((a, b) => compareSymbols(a.job_type_symbol, b.job_type_symbol) || a.id - b.id);
  for (const job of jobs) {
    const rowKey = `${job.platform}${job.platform_option}`;
    let row = rows.get(rowKey);
    if (!row) {
      row = { key: rowKey, platform: job.platform, option: job.platform_option, ungrouped: [], groups: new Map() };
      rows.set(rowKey, row);
    }
    const grouped = job.job_group_symbol !== '?';
    if (!grouped && job.tier === 1) {
      row.ungrouped.push(job);
      continue;
    }
    const symbol = grouped ? job.job_group_symbol : '';
    const key = escapeId(`${pushId}${symbol}${job.tier}${job.platform}${job.platform_option}`);
    let g = row.groups.get(key);
    if (!g) {
      g = { key, symbol, name: grouped ? job.job_group_name : 'unknown', tier: job.tier, jobs: [] };
      row.groups.set(key, g);
    }
    g.jobs.push(job);
  }
  return [...rows.values()].sort(
    (a, b) =>
      platformOrder(a.platform) - platformOrder(b.platform) ||
      a.platform.localeCompare(b.platform) ||
      optionRank(a.option) - optionRank(b.option),
  );
}

function createRow(view: PushView, plan: RowPlan): RowView {
  const label = el('span');
  const jobRow = el('td.job-row');
  const tr = own(el('tr', {}, [el('td.platform', {}, [label]), jobRow]));
  const row: RowView = { tr, label, jobRow, groups: new Map() };
  view.rows.set(plan.key, row);
  return row;
}

function createGroup(store: Store, view: PushView, row: RowView, g: GroupPlan): GroupView {
  const symbol = el('button.btn.group-symbol', { type: 'button' });
  const jobList = el('span.group-job-list');
  const countList = el('span.group-count-list');
  const group = el('span.disabled.job-group', { title: g.name }, [
    symbol,
    el('span.group-content', {}, [jobList, countList]),
  ]);
  const wrap = own(el('span.platform-group', { 'data-group-key': g.key }, [group]));
  const view_: GroupView = { wrap, group, symbol, jobList, countList };
  symbol.addEventListener('click', () => toggleGroup(store, view, g.key));
  row.groups.set(g.key, view_);
  return view_;
}

function toggleGroup(store: Store, view: PushView, key: string): void {
  if (store.expandedGroups.has(key)) store.expandedGroups.delete(key);
  else store.expandedGroups.add(key);
  renderJobs(store, view);
}

function renderGroup(
  store: Store,
  view: PushView,
  group: GroupView,
  g: GroupPlan,
  liveButtons: Set<number>,
  liveCounters: Set<string>,
): void {
  group.group.title = g.name;
  const symbolChildren: Array<Node | string> = [g.symbol];
  if (g.tier !== 1) symbolChildren.push(el('span.small', {}, [`[tier ${g.tier}]`]));
  if (group.symbol.textContent !== `${g.symbol}${g.tier !== 1 ? `[tier ${g.tier}]` : ''}`)
    group.symbol.replaceChildren(...symbolChildren);

  const expanded = groupsExpanded() || store.expandedGroups.has(g.key);
  const buttons: Node[] = [];
  const counters: Node[] = [];
  if (expanded) {
    for (const job of g.jobs) buttons.push(jobButton(store, view, job, liveButtons));
  } else {
    const byStatus = new Map<string, Job[]>();
    for (const job of g.jobs) {
      const status = statusOf(job);
      if (FAILURES.includes(status)) continue;
      byStatus.set(status, [...(byStatus.get(status) ?? []), job]);
    }
    for (const job of g.jobs) {
      const status = statusOf(job);
      if (FAILURES.includes(status) || byStatus.get(status)?.length === 1)
        buttons.push(jobButton(store, view, job, liveButtons));
    }
    for (const [status, jobs] of byStatus) {
      if (jobs.length < 2) continue;
      counters.push(countButton(store, view, g.key, status, jobs.length, liveCounters));
    }
  }
  placeChildren(group.jobList, buttons);
  placeChildren(group.countList, counters);
}

function jobButton(store: Store, view: PushView, job: Job, live: Set<number>): HTMLButtonElement {
  let button = view.buttonsByJob.get(job.id);
  if (!button) {
    button = own(el('button', { type: 'button' }));
    view.buttonsByJob.set(job.id, button);
  }
  live.add(job.id);
  button.setAttribute('data-job-id', String(job.id));
  button.setAttribute('data-status', statusOf(job));
  button.setAttribute('title', jobTitle(job));
  if (isClassified(job)) button.setAttribute('data-classified', 'true');
  else button.removeAttribute('data-classified');
  button.className = jobButtonClass(store.selectedJobId === job.id);
  button.setAttribute('data-testid', 'job-btn');
  setOwnText(button, job.job_type_symbol);
  const iconNode = [...button.children].find((c) => c.classList.contains('classified-icon'));
  if (isClassified(job) && !iconNode) button.append(own(icon('classified-icon')));
  if (!isClassified(job) && iconNode) iconNode.remove();
  return button;
}

function countButton(
  store: Store,
  view: PushView,
  groupKey: string,
  status: string,
  count: number,
  live: Set<string>,
): HTMLButtonElement {
  const key = `${groupKey}:${status}`;
  let button = view.counters.get(key);
  if (!button) {
    button = own(el('button', { type: 'button' }));
    button.addEventListener('click', () => toggleGroup(store, view, groupKey));
    view.counters.set(key, button);
  }
  live.add(key);
  button.className = ' btn group-btn btn-xs job-group-count filter-shown';
  button.setAttribute('data-status', status);
  button.setAttribute('title', `${count} ${status} jobs in group`);
  button.setAttribute('data-testid', 'job-group-count');
  setOwnText(button, String(count));
  return button;
}

/** Rewrites className of one job button (selection change), as React does for the changed props only. */
export function refreshButtonClass(store: Store, views: Iterable<PushView>, jobId: number | null): void {
  if (jobId === null) return;
  for (const v of views) {
    const b = v.buttonsByJob.get(jobId);
    if (b) b.className = jobButtonClass(store.selectedJobId === jobId);
  }
}
