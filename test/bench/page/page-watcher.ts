/**
 * Runs in the jobs page's main world from document start (Playwright init script, passed as source text
 * so no build helper leaks into it). It timestamps, with performance.now():
 * - `readyAt`: the page's own data is in (`#push-list > span.hidden.ready` appears);
 * - each badge's first final state (gap badge per failing job, completeness badge per push);
 * - `viewportDoneAt`: every badge whose anchor was in the viewport when the data was ready is final;
 * - `doneAt`: every badge is final.
 * It polls every POLL_MS rather than observing mutations, so its own cost stays small and bounded.
 * After `.ready` it reads only the extension's layer (a few hundred nodes), not the 100k-node push list.
 * It also counts the page's `apply-new-jobs-EVT` re-renders and the jobs each one carried.
 */
export const WATCHER_POLL_MS = 20;

export interface WatcherState {
  readyAt: number | null;
  doneAt: number | null;
  viewportDoneAt: number | null;
  /** End of the first frame after the data was in (the page's own render of it); performance.timeOrigin too. */
  paintedAt: number | null;
  timeOrigin: number;
  /** Failing job ids and push ids on the page when its data was ready. */
  failingJobIds: string[];
  pushIds: string[];
  /** Of those, the badges (`job:<id>`, `push:<id>`) whose anchor was in the viewport then. */
  viewportKeys: string[];
  /** First time each badge was final, by `job:<id>` / `push:<id>`. */
  finalAt: Record<string, number>;
  /** Badges whose final state is an error (the background's sentence in their title). */
  errors: Record<string, string>;
  renders: number;
  renderedJobs: number[];
}

export const PAGE_WATCHER_SOURCE = `(() => {
  const state = { readyAt: null, doneAt: null, viewportDoneAt: null, paintedAt: null, timeOrigin: performance.timeOrigin, failingJobIds: [], pushIds: [], viewportKeys: [], finalAt: {}, errors: {}, renders: 0, renderedJobs: [] };
  const inViewport = (el) => {
    const r = el.getBoundingClientRect();
    return (r.width > 0 || r.height > 0) && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  };
  window.__citBench = state;
  window.addEventListener('apply-new-jobs-EVT', (event) => {
    state.renders += 1;
    const jobs = (event.detail && event.detail.jobs) || {};
    state.renderedJobs.push(Object.values(jobs).reduce((sum, list) => sum + list.length, 0));
  });
  const FAILING = ['testfailed', 'busted', 'exception']
    .map((status) => '#push-list button.job-btn[data-job-id][data-status="' + status + '"]').join(', ');
  const settle = (key, badge, now) => {
    const badgeState = badge && badge.getAttribute('data-cit-state');
    if (!badgeState || badgeState === 'loading' || key in state.finalAt) return;
    state.finalAt[key] = now;
    if (badgeState === 'error') state.errors[key] = badge.title;
  };
  const tick = () => {
    const now = performance.now();
    if (state.readyAt === null) {
      if (!document.querySelector('#push-list > span.hidden.ready')) return setTimeout(tick, ${WATCHER_POLL_MS});
      state.readyAt = now;
      requestAnimationFrame(() => setTimeout(() => { state.paintedAt = performance.now(); }, 0));
      const failing = Array.from(document.querySelectorAll(FAILING));
      const pushes = Array.from(document.querySelectorAll('#push-list div.push[data-testid^="push-"]'));
      state.failingJobIds = failing.map((b) => b.getAttribute('data-job-id'));
      state.pushIds = pushes.map((p) => p.getAttribute('data-testid').slice(5));
      state.viewportKeys = failing.filter(inViewport).map((b) => 'job:' + b.getAttribute('data-job-id'))
        .concat(pushes.filter((p) => inViewport(p.querySelector('.push-title-left') || p)).map((p) => 'push:' + p.getAttribute('data-testid').slice(5)));
    }
    const layer = document.querySelector('.cit-layer');
    if (layer) {
      for (const widget of layer.querySelectorAll('[data-testid="cit-job-widget"][data-cit-job-id]')) {
        settle('job:' + widget.getAttribute('data-cit-job-id'), widget.querySelector('[data-testid="cit-gap-badge"]'), now);
      }
      for (const widget of layer.querySelectorAll('[data-testid="cit-push-widget"][data-cit-push-id]')) {
        settle('push:' + widget.getAttribute('data-cit-push-id'), widget.querySelector('[data-testid="cit-completeness"]'), now);
      }
    }
    if (state.viewportDoneAt === null && state.viewportKeys.every((key) => key in state.finalAt)) state.viewportDoneAt = now;
    const keys = state.failingJobIds.map((id) => 'job:' + id).concat(state.pushIds.map((id) => 'push:' + id));
    if (keys.every((key) => key in state.finalAt)) {
      state.doneAt = now;
      return;
    }
    setTimeout(tick, ${WATCHER_POLL_MS});
  };
  tick();
})();`;
