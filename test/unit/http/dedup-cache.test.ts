import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TtlCache } from '../../../src/http/ttl-cache';
import { createTestHttp, jsonResponse } from './fake-fetch';

const Value = z.looseObject({ n: z.number() });
const describeIt = { source: 'taskcluster' as const, endpoint: 'public/actions.json', what: 'actions.json' };

describe('de-duplication of GETs in flight', () => {
  it('sends one request for identical concurrent GETs and gives each caller the value', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const t = createTestHttp(async () => {
      await gate;
      return jsonResponse({ n: 1 });
    });
    const url = 'https://tc.example/api/queue/v1/task/abc/artifacts/public/actions.json';
    const calls = [
      t.http.getJson(url, Value, describeIt),
      t.http.getJson(url, Value, describeIt),
      t.http.getJson(url, Value, describeIt),
    ];
    release();
    const results = await Promise.all(calls);
    expect(results).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(results[0]).not.toBe(results[1]); // each caller validated its own copy
    expect(t.fake.requests).toHaveLength(1);
  });

  it('does not merge different URLs, authorized requests, or requests made after the first finished', async () => {
    const t = createTestHttp(() => jsonResponse({ n: 2 }));
    await Promise.all([
      t.http.getJson('https://a.example/x', Value, describeIt),
      t.http.getJson('https://a.example/y', Value, describeIt),
      t.http.getJson('https://a.example/x', Value, { ...describeIt, authorize: async () => 'Hawk x' }),
    ]);
    await t.http.getJson('https://a.example/x', Value, describeIt);
    expect(t.fake.requests).toHaveLength(4);
  });

  it('shares a failure with every waiting caller, then forgets it', async () => {
    let calls = 0;
    const t = createTestHttp(() => (++calls <= 3 ? jsonResponse({}, 500) : jsonResponse({ n: 3 })));
    const url = 'https://a.example/z';
    const results = await Promise.allSettled([
      t.http.getJson(url, Value, describeIt),
      t.http.getJson(url, Value, describeIt),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(t.fake.requests).toHaveLength(3); // one logical request, three tries
    await expect(t.http.getJson(url, Value, describeIt)).resolves.toEqual({ n: 3 });
  });
});

describe('TTL cache', () => {
  it('answers cacheable GETs from the cache until the TTL passes', async () => {
    let n = 0;
    const t = createTestHttp(() => jsonResponse({ n: ++n }));
    const url = 'https://tc.example/task/abc';
    const cached = { ...describeIt, cacheTtlMs: 60_000 };
    expect(await t.http.getJson(url, Value, cached)).toEqual({ n: 1 });
    t.clock.now += 59_000;
    expect(await t.http.getJson(url, Value, cached)).toEqual({ n: 1 });
    t.clock.now += 2_000;
    expect(await t.http.getJson(url, Value, cached)).toEqual({ n: 2 });
    expect(t.fake.requests).toHaveLength(2);
  });

  it('does not cache without a TTL, failures, or drifted responses; clearCache empties it', async () => {
    const answers = [
      jsonResponse({ n: 'bad' }),
      jsonResponse({}, 404),
      jsonResponse({ n: 5 }),
      jsonResponse({ n: 6 }),
      jsonResponse({ n: 7 }),
    ];
    const t = createTestHttp((_r, i) => answers[i] ?? jsonResponse({ n: 0 }));
    const url = 'https://tc.example/task/def';
    const cached = { ...describeIt, cacheTtlMs: 60_000 };
    await expect(t.http.getJson(url, Value, cached)).rejects.toThrow(/field "n"/);
    await expect(t.http.getJson(url, Value, cached)).rejects.toMatchObject({ status: 404 });
    expect(await t.http.getJson(url, Value, cached)).toEqual({ n: 5 });
    expect(await t.http.getJson(url, Value, cached)).toEqual({ n: 5 });
    expect(await t.http.getJson(url, Value, describeIt)).toEqual({ n: 6 });
    t.http.clearCache();
    expect(await t.http.getJson(url, Value, cached)).toEqual({ n: 7 });
  });

  it('evicts the oldest entries beyond its bound', () => {
    let now = 0;
    const cache = new TtlCache<number>(2, () => now);
    cache.set('a', 1, 1000);
    cache.set('b', 2, 1000);
    cache.set('c', 3, 1000);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    now = 1000;
    expect(cache.get('b')).toBeUndefined();
  });
});
