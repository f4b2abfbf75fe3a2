import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../../../src/http/errors';
import { answerInOrder, createTestHttp, jsonResponse } from './fake-fetch';

const Ok = z.looseObject({ ok: z.boolean() });
const request = { source: 'treeherder' as const, endpoint: '/api/test/', what: 'the test resource' };
const URL_A = 'https://treeherder.example/api/test/';

describe('retries', () => {
  it('retries 503 and succeeds on the third try, waiting longer each time', async () => {
    const t = createTestHttp(answerInOrder(jsonResponse({}, 503), jsonResponse({}, 503), jsonResponse({ ok: true })));
    await expect(t.http.getJson(URL_A, Ok, request)).resolves.toEqual({ ok: true });
    expect(t.fake.requests).toHaveLength(3);
    expect(t.sleeps).toHaveLength(2);
    expect(t.sleeps[1]!).toBeGreaterThan(t.sleeps[0]!);
  });

  it('makes at most 3 tries by default, then reports the status and the tries', async () => {
    const t = createTestHttp(answerInOrder(jsonResponse({}, 502)));
    const error = await t.http.getJson(URL_A, Ok, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ kind: 'http', status: 502, tries: 3 });
    expect((error as HttpError).userMessage).toMatch(/server error \(HTTP 502\).*even after 3 tries/);
    expect(t.fake.requests).toHaveLength(3);
  });

  it('never retries a 404 or another 4xx', async () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      const t = createTestHttp(answerInOrder(jsonResponse({ detail: 'nope' }, status)));
      await expect(t.http.getJson(URL_A, Ok, request)).rejects.toMatchObject({ status, tries: 1 });
      expect(t.fake.requests).toHaveLength(1);
      expect(t.sleeps).toHaveLength(0);
    }
  });

  it('retries 429 and honours Retry-After (capped)', async () => {
    const t = createTestHttp(answerInOrder(jsonResponse({}, 429, { 'retry-after': '7' }), jsonResponse({ ok: true })));
    await expect(t.http.getJson(URL_A, Ok, request)).resolves.toEqual({ ok: true });
    expect(t.sleeps).toEqual([7000]);

    const capped = createTestHttp(
      answerInOrder(jsonResponse({}, 429, { 'retry-after': '3600' }), jsonResponse({ ok: true })),
    );
    await capped.http.getJson(URL_A, Ok, request);
    expect(capped.sleeps).toEqual([30_000]);
  });

  it('retries network failures and says so when they persist', async () => {
    const t = createTestHttp(answerInOrder(new TypeError('fetch failed'), jsonResponse({ ok: true })));
    await expect(t.http.getJson(URL_A, Ok, request)).resolves.toEqual({ ok: true });
    expect(t.fake.requests).toHaveLength(2);

    const down = createTestHttp(answerInOrder(new TypeError('fetch failed')));
    const error = (await down.http.getJson(URL_A, Ok, request).catch((e: unknown) => e)) as HttpError;
    expect(error).toMatchObject({ kind: 'network', tries: 3 });
    expect(error.userMessage).toMatch(/^Could not reach treeherder\.example to load the test resource/);
  });

  it('times out a hanging request, retries it, then reports a timeout', async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const t = createTestHttp(hang, { timeoutMs: 20 });
    const error = (await t.http.getJson(URL_A, Ok, request).catch((e: unknown) => e)) as HttpError;
    expect(error).toMatchObject({ kind: 'timeout', tries: 3 });
    expect(error.userMessage).toMatch(/did not answer in time/);
  });

  it('retries a 200 whose JSON body is cut off, within the same try budget', async () => {
    const truncated = () => new Response('{"ok": tr', { status: 200, headers: { 'content-type': 'application/json' } });
    const t = createTestHttp(answerInOrder(truncated, jsonResponse({ ok: true })));
    await expect(t.http.getJson(URL_A, Ok, request)).resolves.toEqual({ ok: true });
    expect(t.fake.requests).toHaveLength(2);

    const broken = createTestHttp(answerInOrder(truncated));
    await expect(broken.http.getJson(URL_A, Ok, request)).rejects.toThrow(
      'field "(root)" is not valid JSON (after 3 tries)',
    );
    expect(broken.fake.requests).toHaveLength(3);
  });

  it('respects a per-request maxTries of 1 (actions are never blindly repeated)', async () => {
    const t = createTestHttp(answerInOrder(jsonResponse({}, 503)));
    await expect(t.http.postJson(URL_A, { a: 1 }, Ok, { ...request, maxTries: 1 })).rejects.toMatchObject({
      status: 503,
      tries: 1,
    });
    expect(t.fake.requests).toHaveLength(1);
  });

  it('retries idempotent POST reads (e.g. bulk statuses, marked idempotent) like GETs', async () => {
    const t = createTestHttp(answerInOrder(jsonResponse({}, 500), jsonResponse({ ok: true })));
    await expect(t.http.postJson(URL_A, { taskIds: [] }, Ok, { ...request, idempotent: true })).resolves.toEqual({
      ok: true,
    });
    expect(t.fake.requests).toHaveLength(2);
    expect(t.fake.bodies[1]).toBe('{"taskIds":[]}');
  });

  it('stops without retrying when the caller aborts', async () => {
    const controller = new AbortController();
    const t = createTestHttp((req) => {
      controller.abort();
      return new Promise<Response>((_resolve, reject) => {
        if (req.signal.aborted) reject(new DOMException('aborted', 'AbortError'));
        req.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    });
    const error = await t.http.getJson(URL_A, Ok, { ...request, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(HttpError);
    expect((error as Error).name).toBe('AbortError');
    expect(t.fake.requests).toHaveLength(1);
  });

  it('asks for a fresh Authorization header on every try', async () => {
    let signed = 0;
    const t = createTestHttp(answerInOrder(jsonResponse({}, 503), jsonResponse({ ok: true })));
    await t.http.getJson(URL_A, Ok, { ...request, authorize: async () => `Hawk mac="${++signed}"` });
    expect(t.fake.requests.map((r) => r.headers.get('authorization'))).toEqual(['Hawk mac="1"', 'Hawk mac="2"']);
  });
});
