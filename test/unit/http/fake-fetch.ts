/** A scripted `fetch` for unit tests: records every request and answers from a handler. */
import {
  createHttpClient,
  type FetchFunction,
  type HttpClient,
  type HttpClientOptions,
} from '../../../src/http/client';

export type FakeHandler = (request: Request, callIndex: number) => Response | Promise<Response>;

export interface FakeFetch {
  fetch: FetchFunction;
  /** Every request received, in order. */
  requests: Request[];
  /** The body text of each request, read on arrival (ky cancels request bodies afterwards). */
  bodies: string[];
  urls(): string[];
}

export function createFakeFetch(handler: FakeHandler): FakeFetch {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const index = requests.push(request) - 1;
    bodies[index] = request.body ? await request.clone().text() : '';
    return handler(request, index);
  };
  return { fetch, requests, bodies, urls: () => requests.map((request) => request.url) };
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Answers the given responses in order (the last one repeats); a thrown Error simulates a network failure. */
export function answerInOrder(...answers: Array<Response | Error | (() => Response)>): FakeHandler {
  return (_request, index) => {
    const answer = answers[Math.min(index, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer();
    if (!answer) throw new Error('no scripted answer');
    return answer.clone();
  };
}

/** Routes by URL substring; unknown URLs get a 404 so a test notices unexpected calls. */
export function routes(table: Record<string, (request: Request) => Response | Promise<Response>>): FakeHandler {
  return (request) => {
    for (const [fragment, respond] of Object.entries(table)) {
      if (request.url.includes(fragment)) return respond(request);
    }
    return jsonResponse({ detail: `no fake route for ${request.url}` }, 404);
  };
}

export interface TestHttp {
  http: HttpClient;
  fake: FakeFetch;
  /** Every backoff wait requested, in ms. */
  sleeps: number[];
  clock: { now: number };
}

/** An HTTP client wired to a fake fetch, a manual clock and instant sleeps. */
export function createTestHttp(handler: FakeHandler, options: Partial<HttpClientOptions> = {}): TestHttp {
  const fake = createFakeFetch(handler);
  const sleeps: number[] = [];
  const clock = { now: Date.UTC(2026, 10, 1) };
  const http = createHttpClient({
    fetch: fake.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => clock.now,
    random: () => 0.5,
    runtime: 'node',
    ...options,
  });
  return { http, fake, sleeps, clock };
}
