import type { Job, Push, Repo } from './types';

/** Page state; the URL is the source of truth for filters and selection, as in Treeherder. */
export interface Store {
  repo: Repo;
  /** Newest first. */
  pushes: Push[];
  jobs: Map<number, Map<number, Job>>;
  selectedJobId: number | null;
  /** Group keys toggled open by clicking their symbol or count. */
  expandedGroups: Set<string>;
  pollMs: number;
}

export function createStore(repo: Repo, pollMs: number): Store {
  return { repo, pushes: [], jobs: new Map(), selectedJobId: null, expandedGroups: new Set(), pollMs };
}

export function params(): URLSearchParams {
  return new URLSearchParams(location.search);
}

/** Tiers shown: `tier=1,2,3` in the URL, else 1 and 2 (tier 3 hidden by default). */
export function shownTiers(): Set<number> {
  const raw = params().get('tier');
  return new Set(raw ? raw.split(',').map(Number) : [1, 2]);
}

const DEFAULT_HIDDEN = new Set(['superseded', 'unscheduled']);

/** Statuses shown: `resultStatus=a,b` in the URL, else everything but superseded and unscheduled. */
export function statusShown(status: string): boolean {
  const raw = params().get('resultStatus');
  return raw ? raw.split(',').includes(status) : !DEFAULT_HIDDEN.has(status);
}

export function groupsExpanded(): boolean {
  return params().get('group_state') === 'expanded';
}

export function collapsedPushes(): Set<number> {
  const raw = params().get('collapsedPushes');
  return new Set(raw ? raw.split(',').map(Number) : []);
}

export function allJobs(store: Store): Job[] {
  return [...store.jobs.values()].flatMap((m) => [...m.values()]);
}

export function findJob(store: Store, jobId: number): Job | undefined {
  for (const m of store.jobs.values()) {
    const j = m.get(jobId);
    if (j) return j;
  }
  return undefined;
}

export function mergeJobs(store: Store, jobs: Job[]): Map<number, Job[]> {
  const byPush = new Map<number, Job[]>();
  for (const job of jobs) {
    let m = store.jobs.get(job.push_id);
    if (!m) {
      m = new Map();
      store.jobs.set(job.push_id, m);
    }
    m.set(job.id, job);
    const list = byPush.get(job.push_id) ?? [];
    list.push(job);
    byPush.set(job.push_id, list);
  }
  return byPush;
}
