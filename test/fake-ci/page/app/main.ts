import { fetchJobs, fetchPushes, getJson } from './api';
import { el } from './dom';
import { renderJobs } from './jobs-table';
import { startPolling } from './poll';
import { applyCollapsed, createPushView, updateHeader, type PushView } from './push-view';
import { installShortcuts } from './keyboard';
import { jobFromUrl, onTableMouseDown, selectJob } from './selection';
import { createStore, mergeJobs, params, type Store } from './store';
import type { Push, Repo } from './types';

/**
 * The fake jobs view: loads like Treeherder (repositories, user, classifications, frameworks, revision.txt,
 * then pushes and one jobs query per push), renders `#push-list`, marks `.ready`, polls for changes.
 */
async function boot(): Promise<void> {
  const root = document.getElementById('root') as HTMLElement;
  const p = params();
  const repoName = p.get('repo') ?? root.dataset['defaultRepo'] ?? 'autoland';
  const pollMs = Number(p.get('poll') ?? root.dataset['pollInterval'] ?? 60_000) || 60_000;
  const [repos] = await Promise.all([
    getJson<Repo[]>('/api/repository/'),
    getJson('/api/user/'),
    getJson('/api/failureclassification/'),
    getJson('/api/performance/framework/'),
    fetch('/revision.txt').then((r) => r.text()),
  ]);
  const repo = repos.find((r) => r.name === repoName);
  const content = document.querySelector('.th-view-content') as HTMLElement;
  if (!repo) {
    content.replaceChildren(el('div.alert', {}, [`Unknown repository ${repoName}`]));
    return;
  }
  const repoLabel = document.getElementById('repo-name');
  if (repoLabel) repoLabel.textContent = repo.name;
  const store = createStore(repo, pollMs);
  const views = new Map<number, PushView>();
  const pushList = el('div', { id: 'push-list', role: 'list' });
  const ready = el('span.hidden.ready');
  const getNext = nextButtons(store, views, pushList);
  pushList.append(getNext);
  content.replaceChildren(pushList);

  const onMenu = (view: PushView, button: HTMLButtonElement): void => togglePushMenu(view, button);
  const mount = (push: Push, where: 'top' | 'bottom'): PushView => {
    const view = createPushView(store, push, onMenu);
    view.tableWrap.addEventListener('mousedown', (e) => onTableMouseDown(store, views, e));
    views.set(push.id, view);
    if (where === 'top') pushList.insertBefore(view.root, ready.isConnected ? ready.nextSibling : pushList.firstChild);
    else pushList.insertBefore(view.root, getNext);
    return view;
  };
  const render = (ids: number[]): void => {
    for (const id of ids) {
      const view = views.get(id);
      if (!view) continue;
      updateHeader(store, view);
      renderJobs(store, view);
      applyCollapsed(view);
    }
  };
  const loadJobs = async (pushes: Push[]): Promise<void> => {
    await Promise.all(pushes.map(async (push) => mergeJobs(store, await fetchJobs(`push_id=${push.id}`))));
    render(pushes.map((x) => x.id));
  };

  // `count` is the fake's own knob (Treeherder always asks for 10, then "get next"): benchmarks open 50 at once.
  const query = new URLSearchParams({ full: 'true', count: p.get('count') ?? '10' });
  for (const key of ['revision', 'author', 'fromchange', 'tochange', 'startdate', 'enddate']) {
    const v = p.get(key);
    if (v) query.set(key, v);
  }
  const pushes = await fetchPushes(repo.name, query);
  store.pushes = pushes;
  for (const push of pushes) mount(push, 'bottom');
  await loadJobs(pushes);
  pushList.insertBefore(ready, pushList.firstChild);

  const fromUrl = jobFromUrl(store);
  if (fromUrl) selectJob(store, views, fromUrl, false);
  window.addEventListener('popstate', () => {
    const job = jobFromUrl(store) ?? null;
    if ((job?.id ?? null) !== store.selectedJobId) selectJob(store, views, job, false);
  });
  installShortcuts(store, views);
  startPolling(store, {
    addPushes: async (added) => {
      store.pushes = [...added, ...store.pushes];
      for (const push of [...added].reverse()) mount(push, 'top');
      await loadJobs(added);
    },
    rerender: render,
  });
}

function nextButtons(store: Store, views: Map<number, PushView>, pushList: HTMLElement): HTMLElement {
  const buttons = [10, 20, 50].map((n) => {
    const b = el('button.btn-light-bordered.btn.btn-outline-dark', { type: 'button', 'data-testid': `get-next-${n}` }, [
      String(n),
    ]);
    b.addEventListener('click', () => void getNext(store, views, pushList, n));
    return b;
  });
  return el('div.card.card-body.get-next', {}, [el('span', {}, ['get next:']), el('div.btn-group', {}, buttons)]);
}

async function getNext(store: Store, views: Map<number, PushView>, pushList: HTMLElement, n: number): Promise<void> {
  const oldest = store.pushes[store.pushes.length - 1];
  if (!oldest) return;
  const more = await fetchPushes(
    store.repo.name,
    new URLSearchParams({ full: 'true', count: String(n + 1), push_timestamp__lte: String(oldest.push_timestamp) }),
  );
  const known = new Set(store.pushes.map((x) => x.id));
  const added = more.filter((x) => !known.has(x.id));
  store.pushes.push(...added);
  const anchor = pushList.querySelector('.get-next');
  for (const push of added) {
    const view = createPushView(store, push, (v, b) => togglePushMenu(v, b));
    view.tableWrap.addEventListener('mousedown', (e) => onTableMouseDown(store, views, e));
    views.set(push.id, view);
    pushList.insertBefore(view.root, anchor);
  }
  await Promise.all(added.map(async (push) => mergeJobs(store, await fetchJobs(`push_id=${push.id}`))));
  for (const push of added) {
    const view = views.get(push.id);
    if (view) {
      updateHeader(store, view);
      renderJobs(store, view);
    }
  }
}

const PUSH_MENU_ITEMS = [
  ['Add new jobs', null],
  ['Add new jobs (Search)', null],
  ['Retrigger all failed test jobs', null],
  ['Trigger missing jobs', null],
  ['Custom Push Action...', null],
  ['Set as top of range', 'top-of-range-menu-item'],
  ['Set as bottom of range', 'bottom-of-range-menu-item'],
] as const;

/** The push action menu: its items exist only while it is open. */
function togglePushMenu(view: PushView, button: HTMLButtonElement): void {
  const open = view.menu.querySelector('.dropdown-menu');
  if (open) {
    open.remove();
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  button.setAttribute('aria-expanded', 'true');
  view.menu.append(
    el(
      'div.dropdown-menu.show',
      {},
      PUSH_MENU_ITEMS.map(([label, testid]) =>
        el('a.dropdown-item', { ...(testid ? { 'data-testid': testid } : {}) }, [label]),
      ),
    ),
  );
}

void boot().catch((err: unknown) => {
  console.error(err);
  const content = document.querySelector('.th-view-content');
  content?.replaceChildren(`Failed to load: ${String(err)}`);
});
