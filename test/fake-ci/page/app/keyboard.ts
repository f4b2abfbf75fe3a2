import { reportEvent } from './api';
import { selectJob } from './selection';
import type { PushView } from './push-view';
import { findJob, type Store } from './store';

/**
 * Treeherder's shortcuts listen on `document` and skip a key only when the target is INPUT or SELECT (or a
 * modal is open): TEXTAREA, contenteditable and shadow hosts are not exempt. `r` retriggers the selected job;
 * here that is reported to the fake so tests can see a shortcut leaking out of an extension's UI.
 */
export function installShortcuts(store: Store, views: Map<number, PushView>): void {
  document.addEventListener('keydown', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    const tag = target?.tagName ?? '';
    if (tag === 'INPUT' || tag === 'SELECT' || document.querySelector('.modal.show')) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'r') {
      const job = store.selectedJobId !== null ? findJob(store, store.selectedJobId) : undefined;
      if (job) reportEvent({ kind: 'keyboard-retrigger', jobId: job.id, taskId: job.task_id, target: tag, key: e.key });
    } else if (e.key === 'Escape') {
      selectJob(store, views, null);
    }
  });
}
