import { describe, expect, it } from 'vitest';
import { createPolledJobs, itemsFrom, type PolledJobsOptions } from '../../../background/reports/polled-jobs';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function registry(overrides: Partial<PolledJobsOptions> = {}) {
  const clock = { t: 1_000 };
  let ids = 0;
  const jobs = createPolledJobs<{ done: number }, string, number>({
    keep: 3,
    abandonAfterMs: 60_000,
    forgetAfterMs: 30 * 60_000,
    goneSentence: 'Gone: load it again.',
    now: () => clock.t,
    newId: () => `job-${++ids}`,
    ...overrides,
  });
  return { jobs, clock };
}

describe('polled background jobs', () => {
  it('runs a job, streams its items by index and keeps what the work returned', async () => {
    const { jobs } = registry();
    const finish = deferred<string>();
    const job = jobs.start('autoland:100', { done: 0 }, async ({ progress, found }) => {
      progress({ done: 1 });
      found([10, 11, 12]);
      return finish.promise;
    });
    expect(job.state).toBe('running');
    await settle();
    const polled = jobs.poll(job.id);
    expect(polled.progress).toEqual({ done: 1 });
    expect(itemsFrom(polled, 0, 2)).toEqual({ items: [10, 11], next: 2 });
    expect(itemsFrom(polled, 2, 2)).toEqual({ items: [12], next: 3 });
    expect(itemsFrom(polled, 3, 2)).toEqual({ items: [], next: 3 });
    finish.resolve('the report');
    await settle();
    expect(jobs.poll(job.id)).toMatchObject({ state: 'done', outcome: 'the report' });
  });

  it('ends as failed with the sentence of the error, also when the work throws at once', async () => {
    const { jobs } = registry();
    const a = jobs.start('a', { done: 0 }, async () => {
      throw new Error('Treeherder does not know the repository "nope".');
    });
    const b = jobs.start('b', { done: 0 }, () => {
      throw new Error('Bad pattern.');
    });
    await settle();
    expect(jobs.poll(a.id)).toMatchObject({
      state: 'failed',
      error: 'Treeherder does not know the repository "nope".',
    });
    expect(jobs.poll(b.id)).toMatchObject({ state: 'failed', error: 'Bad pattern.' });
  });

  it('says a job is gone when it is not in memory, and stop of an unknown job is undefined', () => {
    const { jobs } = registry();
    expect(() => jobs.poll('job-99')).toThrow('Gone: load it again.');
    expect(jobs.stop('job-99')).toBeUndefined();
  });

  it('stops a job on request: its signal aborts and it ends as stopped', async () => {
    const { jobs } = registry();
    let seen: AbortSignal | undefined;
    const job = jobs.start('a', { done: 0 }, ({ signal }) => {
      seen = signal;
      return new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    await settle();
    expect(jobs.stop(job.id)?.state).toBe('stopped');
    expect(seen?.aborted).toBe(true);
    await settle();
    expect(jobs.poll(job.id)).toMatchObject({ state: 'stopped' });
    expect(jobs.poll(job.id).error).toBeUndefined();
  });

  it('stops a job that progresses while nobody polls it, but not one that is polled', async () => {
    const { jobs, clock } = registry();
    const steps: Array<(n: number) => void> = [];
    const make = () =>
      jobs.start('k', { done: 0 }, ({ progress, signal }) => {
        steps.push((n) => progress({ done: n }));
        return new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(new Error('x'))));
      });
    const watched = make();
    const abandoned = make();
    await settle();
    clock.t += 50_000;
    jobs.poll(watched.id);
    clock.t += 20_000;
    steps[0]!(1);
    steps[1]!(1);
    await settle();
    expect(jobs.poll(watched.id).state).toBe('running');
    expect(jobs.poll(abandoned.id).state).toBe('stopped');
  });

  it('reuses a running job or a recently finished one for the same key, never a failed or stopped one', async () => {
    const { jobs, clock } = registry({ keep: 10 });
    const running = jobs.start('running', { done: 0 }, () => new Promise<string>(() => undefined));
    const done = jobs.start('done', { done: 0 }, async () => 'r');
    const failed = jobs.start('failed', { done: 0 }, async () => {
      throw new Error('no');
    });
    const stopped = jobs.start('stopped', { done: 0 }, () => new Promise<string>(() => undefined));
    jobs.stop(stopped.id);
    await settle();
    expect(jobs.reuse('running', 1000)?.id).toBe(running.id);
    expect(jobs.reuse('done', 1000)?.id).toBe(done.id);
    expect(jobs.reuse('failed', 1000)).toBeUndefined();
    expect(jobs.reuse('stopped', 1000)).toBeUndefined();
    expect(jobs.reuse('other', 1000)).toBeUndefined();
    clock.t += 1000;
    expect(jobs.reuse('done', 1000)).toBeUndefined();
    expect(jobs.reuse('running', 1000)?.id).toBe(running.id);
    expect(failed.state).toBe('failed');
  });

  it('keeps the newest few jobs and drops, stopping them, the oldest and the long unpolled', async () => {
    const { jobs, clock } = registry({ keep: 3 });
    const signals: AbortSignal[] = [];
    const start = () =>
      jobs.start('k', { done: 0 }, ({ signal }) => {
        signals.push(signal);
        return new Promise<string>(() => undefined);
      });
    const first = start();
    clock.t += 1;
    const second = start();
    clock.t += 1;
    const third = start();
    await settle();
    expect([first, second, third].map((job) => jobs.poll(job.id).state)).toEqual(['running', 'running', 'running']);
    clock.t += 1;
    const fourth = start();
    await settle();
    expect(() => jobs.poll(first.id)).toThrow('Gone');
    expect(first.signal.aborted).toBe(true);
    clock.t += 31 * 60_000;
    jobs.poll(fourth.id);
    const fifth = start();
    await settle();
    expect(() => jobs.poll(second.id)).toThrow('Gone');
    expect(() => jobs.poll(third.id)).toThrow('Gone');
    expect(jobs.poll(fourth.id).state).toBe('running');
    expect(jobs.poll(fifth.id).state).toBe('running');
    expect(signals.filter((s) => s.aborted)).toHaveLength(3);
  });
});
