import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SchemaDriftError } from '../../../src/ci/drift';
import { HttpError, mayHaveActed } from '../../../src/http/errors';
import { answerInOrder, createTestHttp, jsonResponse } from './fake-fetch';

const Ok = z.looseObject({ ok: z.boolean() });
const request = { source: 'taskcluster' as const, endpoint: '/api/hooks/v1/x', what: 'the trigger of hook x' };
const URL_A = 'https://tc.example/api/hooks/v1/hooks/g/h/trigger';

/** What Node's fetch (undici) throws when the connection is refused: the request never left. */
function refused(): TypeError {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });
}

describe('requests with side effects (POST) are never repeated once they may have reached the server', () => {
  it('a 5xx answer to a POST is not retried, and says it may have acted', async () => {
    const t = createTestHttp(answerInOrder(jsonResponse({}, 502), jsonResponse({ ok: true })));
    const error = await t.http.postJson(URL_A, { a: 1 }, Ok, request).catch((e: unknown) => e);
    expect(t.fake.requests).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'http', status: 502, tries: 1 });
    expect(mayHaveActed(error)).toBe(true);
  });

  it('a POST that timed out is not retried', async () => {
    const hang = (req: Request) =>
      new Promise<Response>((_resolve, reject) => {
        req.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const t = createTestHttp(hang, { timeoutMs: 20 });
    const error = await t.http.postJson(URL_A, { a: 1 }, Ok, request).catch((e: unknown) => e);
    expect(t.fake.requests).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'timeout', tries: 1 });
    expect(mayHaveActed(error)).toBe(true);
  });

  it('a 200 with a body that is not JSON is not retried for a POST: the server acted', async () => {
    const truncated = () =>
      new Response('{"taskId": "ab', { status: 200, headers: { 'content-type': 'application/json' } });
    const t = createTestHttp(answerInOrder(truncated, jsonResponse({ ok: true })));
    const error = await t.http.postJson(URL_A, { a: 1 }, Ok, request).catch((e: unknown) => e);
    expect(t.fake.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(SchemaDriftError);
    expect(mayHaveActed(error)).toBe(true);
  });

  it('a network failure of unknown kind (a browser says only "Failed to fetch") is not retried', async () => {
    const t = createTestHttp(answerInOrder(new TypeError('Failed to fetch'), jsonResponse({ ok: true })));
    const error = await t.http.postJson(URL_A, { a: 1 }, Ok, request).catch((e: unknown) => e);
    expect(t.fake.requests).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'network', notSent: false });
    expect(mayHaveActed(error)).toBe(true);
  });

  it('a refused connection or a DNS failure proves the POST did not leave: retried', async () => {
    const dns = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND tc.example'), { code: 'ENOTFOUND' }),
    });
    const t = createTestHttp(answerInOrder(refused(), dns, jsonResponse({ ok: true })));
    await expect(t.http.postJson(URL_A, { a: 1 }, Ok, request)).resolves.toEqual({ ok: true });
    expect(t.fake.requests).toHaveLength(3);

    const down = createTestHttp(answerInOrder(refused()));
    const error = await down.http.postJson(URL_A, { a: 1 }, Ok, request).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', notSent: true, tries: 3 });
    expect(mayHaveActed(error)).toBe(false);
  });

  it('a 4xx is a definite refusal: nothing was done', async () => {
    const t = createTestHttp(answerInOrder(jsonResponse({ code: 'InsufficientScopes', message: 'no' }, 403)));
    const error = await t.http.postJson(URL_A, { a: 1 }, Ok, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(mayHaveActed(error)).toBe(false);
  });

  it('a POST the caller marks idempotent (a bulk read) is retried like a GET', async () => {
    const t = createTestHttp(answerInOrder(jsonResponse({}, 500), jsonResponse({ ok: true })));
    await expect(t.http.postJson(URL_A, { taskIds: [] }, Ok, { ...request, idempotent: true })).resolves.toEqual({
      ok: true,
    });
    expect(t.fake.requests).toHaveLength(2);
  });
});

describe("the server's clock", () => {
  it('is learned from the Date header of each answer, per host', async () => {
    const t = createTestHttp(
      answerInOrder(jsonResponse({ ok: true }, 200, { date: new Date(Date.UTC(2026, 10, 1) - 120_000).toUTCString() })),
    );
    expect(t.http.serverClockOffsetMs('https://tc.example/')).toBeUndefined();
    await t.http.getJson('https://tc.example/api/queue/v1/x', Ok, request);
    // The header has whole seconds, so the offset is known to within a second.
    const offset = t.http.serverClockOffsetMs('https://tc.example/anything')!;
    expect(Math.abs(offset + 120_000)).toBeLessThanOrEqual(1000);
    expect(t.http.serverClockOffsetMs('https://other.example/')).toBeUndefined();
  });

  it('is learned from error answers too', async () => {
    const t = createTestHttp(
      answerInOrder(jsonResponse({}, 404, { date: new Date(Date.UTC(2026, 10, 1) + 300_000).toUTCString() })),
    );
    await t.http.getJson('https://tc.example/api/queue/v1/x', Ok, request).catch(() => undefined);
    expect(Math.abs(t.http.serverClockOffsetMs('https://tc.example/')! - 300_000)).toBeLessThanOrEqual(1000);
  });
});
