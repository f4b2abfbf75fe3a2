import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { cachedArtifacts, createArtifactCache } from '../../../background/services/artifact-cache';

/** A JSON value of about `bytes` characters once serialized. */
const sized = (tag: string, bytes: number) => ({ tag, pad: 'x'.repeat(Math.max(0, bytes - 20 - tag.length)) });
const jsonBytes = (value: unknown) => JSON.stringify(value).length;

let dbCount = 0;
const freshName = () => `artifact-cache-test-${++dbCount}`;

describe('artifact cache (IndexedDB)', () => {
  it('downloads an artifact once, however often and however concurrently it is asked for', async () => {
    const cache = createArtifactCache({ name: freshName() });
    const download = vi.fn(async () => ({ labels: ['a', 'b'] }));
    const together = await Promise.all([cache.get('k', download), cache.get('k', download), cache.get('k', download)]);
    expect(together).toEqual([{ labels: ['a', 'b'] }, { labels: ['a', 'b'] }, { labels: ['a', 'b'] }]);
    expect(await cache.get('k', download)).toEqual({ labels: ['a', 'b'] });
    expect(download).toHaveBeenCalledTimes(1);
    await cache.close();
  });

  it('survives a restart: a new worker reads it from disk and never downloads it again', async () => {
    const name = freshName();
    const first = createArtifactCache({ name });
    await first.get('decision/runnable-jobs.json', async () => ({ 'test-linux/opt-xpcshell-1': { symbol: 'X1' } }));
    await first.close();

    const restarted = createArtifactCache({ name });
    const download = vi.fn(async () => ({ other: true }));
    expect(await restarted.get('decision/runnable-jobs.json', download)).toEqual({
      'test-linux/opt-xpcshell-1': { symbol: 'X1' },
    });
    expect(download).not.toHaveBeenCalled();
    expect(await restarted.usage()).toMatchObject({ entries: 1 });
    await restarted.close();
  });

  it('stays under its size cap, evicting the least recently used first', async () => {
    let clock = 1000;
    const a = sized('a', 400);
    const b = sized('b', 400);
    const c = sized('c', 400);
    const cache = createArtifactCache({ name: freshName(), maxBytes: 1000, now: () => clock++ });
    await cache.get('a', async () => a);
    await cache.get('b', async () => b);
    await cache.get('a', async () => ({ wrong: 'a was stored' })); // a is now used more recently than b
    await cache.get('c', async () => c); // 1,200 > 1,000: b goes
    const usage = await cache.usage();
    expect(usage.entries).toBe(2);
    expect(usage.bytes).toBe(jsonBytes(a) + jsonBytes(c));
    expect(usage.bytes).toBeLessThanOrEqual(1000);

    const again = vi.fn(async (tag: string) => ({ downloadedAgain: tag }));
    expect(await cache.get('a', () => again('a'))).toEqual(a);
    expect(await cache.get('c', () => again('c'))).toEqual(c);
    expect(await cache.get('b', () => again('b'))).toEqual({ downloadedAgain: 'b' });
    expect(again).toHaveBeenCalledTimes(1);
    await cache.close();
  });

  it('keeps nothing larger than the whole cap, and forgets a failed download', async () => {
    const cache = createArtifactCache({ name: freshName(), maxBytes: 100 });
    expect(await cache.get('big', async () => sized('big', 500))).toMatchObject({ tag: 'big' });
    expect(await cache.usage()).toEqual({ entries: 0, bytes: 0 });

    const flaky = vi
      .fn<() => Promise<{ ok: boolean }>>()
      .mockRejectedValueOnce(new Error('HTTP 503'))
      .mockResolvedValue({ ok: true });
    await expect(cache.get('small', flaky)).rejects.toThrow('HTTP 503');
    expect(await cache.get('small', flaky)).toEqual({ ok: true });
    expect(await cache.get('small', flaky)).toEqual({ ok: true });
    expect(flaky).toHaveBeenCalledTimes(2);
    await cache.close();
  });

  it('reads decision artifacts by root URL, task, run and name, without the HTTP layer’s memory cache', async () => {
    const cache = createArtifactCache({ name: freshName() });
    const publicArtifactJson = vi.fn(async (taskId: string, name: string, _schema: unknown, _options: unknown) => ({
      [`${taskId}:${name}`]: {},
    }));
    const taskcluster = { rootUrl: 'https://tc.example', publicArtifactJson } as unknown as Parameters<
      typeof cachedArtifacts
    >[0];
    const artifacts = cachedArtifacts(taskcluster, cache);
    await artifacts.runnableJobs('DECISION', 0);
    await artifacts.runnableJobs('DECISION', 0);
    await artifacts.runnableJobs('DECISION', 1);
    await artifacts.actionsJson('DECISION').catch(() => undefined);
    await artifacts.taskGraph('ACTION').catch(() => undefined);
    expect(publicArtifactJson.mock.calls.map(([taskId, name, , options]) => [taskId, name, options])).toEqual([
      ['DECISION', 'public/runnable-jobs.json', { runId: 0 }],
      ['DECISION', 'public/runnable-jobs.json', { runId: 1 }],
      ['DECISION', 'public/actions.json', {}],
      ['ACTION', 'public/task-graph.json', {}],
    ]);
    await cache.close();
  });
});
