import { clearDetails, showDetails } from './details';
import { refreshButtonClass } from './jobs-table';
import type { PushView } from './push-view';
import { allJobs, findJob, params, type Store } from './store';
import type { Job } from './types';

/**
 * Selecting a job: `selected-job btn-lg-xform` on its button, `selectedTaskRun=<taskId>.<runId>` pushed into
 * the URL followed by a synthetic `popstate` (Treeherder's updateUrlSearch), and the details panel.
 */
export function selectJob(store: Store, views: Map<number, PushView>, job: Job | null, updateUrl = true): void {
  const previous = store.selectedJobId;
  if (previous === null && job === null) return;
  store.selectedJobId = job?.id ?? null;
  refreshButtonClass(store, views.values(), previous);
  refreshButtonClass(store, views.values(), store.selectedJobId);
  if (updateUrl) {
    const p = params();
    if (job) p.set('selectedTaskRun', `${job.task_id}.${job.retry_id}`);
    else p.delete('selectedTaskRun');
    history.pushState({}, '', `${location.pathname}?${p.toString()}`);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }
  if (job) {
    document.title = 'Treeherder Jobs View';
    showDetails(store, job);
  } else clearDetails();
}

/** Finds the job named by `selectedTaskRun` (`<taskId>.<run>`, `<taskId>-<run>` or a bare taskId). */
export function jobFromUrl(store: Store): Job | undefined {
  const raw = params().get('selectedTaskRun');
  if (!raw) return undefined;
  const m = /^(.{22})(?:[.-](\d+))?$/.exec(raw);
  if (!m) return undefined;
  const [, taskId, run] = m;
  const candidates = allJobs(store).filter((j) => j.task_id === taskId);
  return run === undefined
    ? candidates.sort((a, b) => b.retry_id - a.retry_id)[0]
    : candidates.find((j) => j.retry_id === Number(run));
}

/** mousedown on a push's table wrapper: select the job under the pointer, or clear the selection. */
export function onTableMouseDown(store: Store, views: Map<number, PushView>, event: MouseEvent): void {
  if (event.button !== 0) return;
  const target = event.target instanceof Element ? event.target.closest('[data-job-id]') : null;
  if (!target) {
    if (event.target instanceof Element && event.target.closest('.job-group-count, .group-symbol')) return;
    if (store.selectedJobId !== null) selectJob(store, views, null);
    return;
  }
  const job = findJob(store, Number(target.getAttribute('data-job-id')));
  if (job && job.id !== store.selectedJobId) selectJob(store, views, job);
}
