import { errorSentence } from '../error-sentence';

/**
 * Long read-only jobs the report pages start here and then poll by id (a waste report over hundreds
 * of pushes, an artifact search over thousands of tasks). They live in memory only: read-only and
 * quick to redo, so a worker restart just means "start it again" (unlike triggers, nothing must
 * survive). A job nobody polls for a while is stopped, since its page was closed; starting a job
 * drops all but the newest few.
 */
export type PolledJobState = 'running' | 'done' | 'failed' | 'stopped';

export interface PolledJob<Progress, Outcome, Item> {
  readonly id: string;
  /** What the job computes (e.g. repository and push count), for answering the same request again. */
  readonly key: string;
  readonly startedAt: number;
  lastPolledAt: number;
  state: PolledJobState;
  progress: Progress;
  /** What the work returned, once done. */
  outcome?: Outcome;
  /** The sentence of the failure, once failed. */
  error?: string;
  /** Results so far, in arrival order; the page fetches them a page at a time. */
  readonly items: Item[];
  readonly signal: AbortSignal;
}

/** What the work of a job is given. */
export interface PolledJobWork<Progress, Item> {
  signal: AbortSignal;
  /** Records progress; stops the job when nobody polled it lately. */
  progress(progress: Progress): void;
  /** Adds results for the page to fetch. */
  found(items: readonly Item[]): void;
}

export interface PolledJobsOptions {
  /** Jobs kept: starting one stops and drops the oldest beyond this many. */
  keep: number;
  /** A running job nobody polled for this long is stopped (checked as it progresses). */
  abandonAfterMs: number;
  /** A job nobody polled for this long is dropped when another starts. */
  forgetAfterMs: number;
  /** The sentence for a poll of a job that is not in memory (the background restarted). */
  goneSentence: string;
  now?: () => number;
  newId?: () => string;
}

export interface PolledJobs<Progress, Outcome, Item> {
  /** Starts `work` as a new job and returns it at once, running. */
  start(
    key: string,
    progress: Progress,
    work: (run: PolledJobWork<Progress, Item>) => Promise<Outcome>,
  ): PolledJob<Progress, Outcome, Item>;
  /** A job for the same key still running, or done less than `maxAgeMs` ago; counts as a poll. */
  reuse(key: string, maxAgeMs: number): PolledJob<Progress, Outcome, Item> | undefined;
  /** The job with this id, marked as polled; throws the gone sentence when it is not in memory. */
  poll(id: string): PolledJob<Progress, Outcome, Item>;
  /** Stops a job (it ends as stopped unless it had already ended); undefined when not in memory. */
  stop(id: string): PolledJob<Progress, Outcome, Item> | undefined;
}

/** At most `limit` items of `job` from index `from`, and the index to ask from next. */
export function itemsFrom<Item>(
  job: PolledJob<unknown, unknown, Item>,
  from: number,
  limit: number,
): { items: Item[]; next: number } {
  const items = job.items.slice(from, from + limit);
  return { items, next: from + items.length };
}

export function createPolledJobs<Progress, Outcome, Item = never>(
  options: PolledJobsOptions,
): PolledJobs<Progress, Outcome, Item> {
  const { now = Date.now, newId = () => crypto.randomUUID() } = options;
  type Job = PolledJob<Progress, Outcome, Item>;
  const jobs = new Map<string, { job: Job; controller: AbortController }>();

  /** Keeps the newest few jobs, making room for one more; drops the ones nobody polls any more. */
  const prune = () => {
    const byAge = [...jobs.values()].sort((a, b) => b.job.startedAt - a.job.startedAt);
    byAge.forEach(({ job, controller }, index) => {
      if (index >= options.keep - 1 || now() - job.lastPolledAt > options.forgetAfterMs) {
        controller.abort();
        jobs.delete(job.id);
      }
    });
  };

  return {
    start(key, progress, work) {
      prune();
      const controller = new AbortController();
      const at = now();
      const job: Job = {
        id: newId(),
        key,
        startedAt: at,
        lastPolledAt: at,
        state: 'running',
        progress,
        items: [],
        signal: controller.signal,
      };
      jobs.set(job.id, { job, controller });
      const run: PolledJobWork<Progress, Item> = {
        signal: controller.signal,
        progress: (next) => {
          job.progress = next;
          if (now() - job.lastPolledAt > options.abandonAfterMs) controller.abort();
        },
        found: (items) => {
          job.items.push(...items);
        },
      };
      // Started after this turn, so even a work that throws at once ends as a failed job.
      Promise.resolve()
        .then(() => work(run))
        .then(
          (outcome) => {
            job.outcome = outcome;
            job.state = 'done';
          },
          (error: unknown) => {
            if (controller.signal.aborted) job.state = 'stopped';
            else {
              job.state = 'failed';
              job.error = errorSentence(error);
            }
          },
        );
      return job;
    },

    reuse(key, maxAgeMs) {
      for (const { job } of jobs.values()) {
        if (job.key !== key || job.signal.aborted) continue;
        if (job.state === 'running' || (job.state === 'done' && now() - job.startedAt < maxAgeMs)) {
          job.lastPolledAt = now();
          return job;
        }
      }
      return undefined;
    },

    poll(id) {
      const entry = jobs.get(id);
      if (!entry) throw new Error(options.goneSentence);
      entry.job.lastPolledAt = now();
      return entry.job;
    },

    stop(id) {
      const entry = jobs.get(id);
      if (!entry) return undefined;
      entry.controller.abort();
      if (entry.job.state === 'running') entry.job.state = 'stopped';
      return entry.job;
    },
  };
}
