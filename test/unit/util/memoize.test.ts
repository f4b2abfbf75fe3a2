import { describe, expect, it } from 'vitest';
import { memoize } from '../../../src/util/memoize';

describe('memoize', () => {
  it('shares one load between callers with the same key, and loads again for another key', async () => {
    let loads = 0;
    const get = memoize(async (repo: string, id: number) => `${repo}/${id}#${++loads}`);
    const [a, b] = await Promise.all([get('autoland', 1), get('autoland', 1)]);
    expect(a).toBe('autoland/1#1');
    expect(b).toBe(a);
    expect(await get('autoland', 2)).toBe('autoland/2#2');
  });

  it('forgets a failure so the next call tries again', async () => {
    let calls = 0;
    const get = memoize(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return 'ok';
    });
    await expect(get()).rejects.toThrow('offline');
    expect(await get()).toBe('ok');
    expect(calls).toBe(2);
  });

  it('keeps a value for ttlMs and loads again after it', async () => {
    let t = 0;
    let loads = 0;
    const get = memoize(async () => ++loads, { ttlMs: 1000, now: () => t });
    expect(await get()).toBe(1);
    t = 999;
    expect(await get()).toBe(1);
    t = 1000;
    expect(await get()).toBe(2);
  });

  it('forget drops one key or everything', async () => {
    let loads = 0;
    const get = memoize(async (k: string) => `${k}${++loads}`, { key: (k) => k });
    await get('a');
    await get('b');
    get.forget('a');
    expect(await get('a')).toBe('a3');
    expect(await get('b')).toBe('b2');
    get.forget();
    expect(await get('b')).toBe('b4');
  });

  it('a load that throws synchronously still rejects and is forgotten', async () => {
    let calls = 0;
    const get = memoize((): Promise<number> => {
      calls++;
      if (calls === 1) throw new Error('bad');
      return Promise.resolve(calls);
    });
    await expect(get()).rejects.toThrow('bad');
    expect(await get()).toBe(2);
  });
});
