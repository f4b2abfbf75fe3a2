import { fetchJobs, fetchPushes } from './api';
import { params, allJobs, mergeJobs, type Store } from './store';
import type { Job, Push } from './types';

export interface PollHooks {
  /** New pushes (newest first) to put at the top. */
  addPushes(pushes: Push[]): Promise<void>;
  /** Re-render the pushes whose jobs changed. */
  rerender(pushIds: number[]): void;
}

/**
 * Treeherder's poll (pushesStore.js): new pushes with `fromchange=<top revision>`, then changed jobs with
 * `push_id__in=<ids>&last_modified__gt=<max last_modified − 3 s>`, announced with `apply-new-jobs-EVT`.
 */
export function startPolling(store: Store, hooks: PollHooks): void {
  const status = document.getElementById('poll-status');
  const tick = async (): Promise<void> => {
    try {
      await pollPushes(store, hooks);
      const changed = await pollJobs(store);
      if (changed.size) {
        const detail: Record<string, Job[]> = {};
        for (const [pushId, jobs] of changed) detail[String(pushId)] = jobs;
        window.dispatchEvent(new CustomEvent('apply-new-jobs-EVT', { detail: { jobs: detail } }));
        hooks.rerender([...changed.keys()]);
      }
      if (status) status.textContent = `polled ${new Date().toLocaleTimeString('en-US', { hour12: false })}`;
    } catch (err) {
      if (status) status.textContent = `poll failed: ${String(err)}`;
    } finally {
      window.setTimeout(() => void tick(), store.pollMs);
    }
  };
  window.setTimeout(() => void tick(), store.pollMs);
}

async function pollPushes(store: Store, hooks: PollHooks): Promise<void> {
  const p = params();
  const top = store.pushes[0];
  if (!top || p.has('revision') || p.has('tochange') || p.has('author')) return;
  const fresh = await fetchPushes(
    store.repo.name,
    new URLSearchParams({ full: 'true', count: '10', fromchange: top.revision }),
  );
  const known = new Set(store.pushes.map((x) => x.id));
  const added = fresh.filter((x) => !known.has(x.id));
  if (added.length) await hooks.addPushes(added);
}

async function pollJobs(store: Store): Promise<Map<number, Job[]>> {
  const ids = store.pushes.map((x) => x.id);
  if (!ids.length) return new Map();
  const stamps = allJobs(store)
    .map((j) => Date.parse(`${j.last_modified}Z`))
    .filter(Number.isFinite);
  const since = stamps.length ? Math.max(...stamps) - 3000 : 0;
  const iso = new Date(since).toISOString().replace('Z', '');
  const jobs = await fetchJobs(
    new URLSearchParams({ push_id__in: ids.join(','), last_modified__gt: iso, count: '2000' }).toString(),
  );
  return mergeJobs(store, jobs);
}
