/**
 * Faults in which the server acts and then fails (issue 15): a hook trigger that creates its action task and
 * then answers 5xx, answers only after the client gave up, or answers with a cut-off body. Also the server's
 * clock as its `Date` header tells it: the simulated clock, so a client can correct for skew (start the fake
 * with `clockSkewMs` to put that clock ahead of or behind the wall clock). Wired into the request loop of
 * server.ts with one call (`afterActing`), beside the before/after faults of faults.ts.
 */
import type { ServerResponse } from 'node:http';
import type { App } from './app';
import type { Reply } from './http';
import { unitFor } from './rng';

export interface AfterActingConfig {
  /** Share of hook triggers that act, then answer 502 (a proxy giving up on a backend that did its work). */
  actThenErrorRate: number;
  /** Share of hook triggers that act, then answer only after `lateAnswerMs` (beyond the client's timeout). */
  actThenLateRate: number;
  /** How long a late answer waits. Default 35 s: the extension's HTTP timeout is 30 s. */
  lateAnswerMs: number;
  /** Share of hook triggers that act, then answer 200 with half a JSON body. */
  actThenMalformedRate: number;
}

export const NO_AFTER_ACTING: AfterActingConfig = {
  actThenErrorRate: 0,
  actThenLateRate: 0,
  lateAnswerMs: 35_000,
  actThenMalformedRate: 0,
};

/** What happens to one answer: sent as is (possibly changed), or held back until after the client gave up. */
export type AfterActingOutcome = { kind: 'send'; reply: Reply } | { kind: 'late'; reply: Reply; delayMs: number };

const HOOK_TRIGGER = /^\/api\/hooks\/v1\/hooks\/[^/]+\/[^/]+\/trigger$/;

class AfterActing {
  config: AfterActingConfig = { ...NO_AFTER_ACTING };
  private attempts = new Map<string, number>();
  /** What was done to each hook trigger answer, in order (for tests and the soak table). */
  readonly applied: Array<{ path: string; fault: 'none' | 'error' | 'late' | 'malformed' }> = [];

  constructor(private readonly seed: number) {}

  set(partial: Partial<AfterActingConfig>): AfterActingConfig {
    const next = { ...this.config };
    for (const key of Object.keys(NO_AFTER_ACTING) as Array<keyof AfterActingConfig>) {
      const value = partial[key];
      if (value === undefined) continue;
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`fault ${key} must be a non-negative number`);
      next[key] = key === 'lateAnswerMs' ? n : Math.min(1, n);
    }
    this.config = next;
    this.attempts.clear();
    return { ...next };
  }

  /** Runs after the handler acted; only successful hook triggers are touched. */
  apply(method: string, path: string, reply: Reply): AfterActingOutcome {
    if (method !== 'POST' || !HOOK_TRIGGER.test(path) || reply.status !== 200) return { kind: 'send', reply };
    const key = `${method} ${path}`;
    const attempt = this.attempts.get(key) ?? 0;
    this.attempts.set(key, attempt + 1);
    // One draw decides which fault (if any), so the rates add up and never overlap.
    const u = unitFor(this.seed, 'after-acting', key, attempt);
    const { actThenErrorRate: e, actThenLateRate: l, actThenMalformedRate: m } = this.config;
    if (u < e) {
      this.applied.push({ path, fault: 'error' });
      return {
        kind: 'send',
        reply: { status: 502, text: '<h1>502 Bad Gateway</h1>', headers: { 'Content-Type': 'text/html' } },
      };
    }
    if (u < e + l) {
      this.applied.push({ path, fault: 'late' });
      return { kind: 'late', reply, delayMs: this.config.lateAnswerMs };
    }
    if (u < e + l + m && reply.json !== undefined) {
      this.applied.push({ path, fault: 'malformed' });
      const full = JSON.stringify(reply.json);
      const { json: _dropped, ...rest } = reply;
      return {
        kind: 'send',
        reply: {
          ...rest,
          text: full.slice(0, Math.max(1, Math.floor(full.length / 2))),
          headers: { ...reply.headers, 'Content-Type': 'application/json' },
        },
      };
    }
    this.applied.push({ path, fault: 'none' });
    return { kind: 'send', reply };
  }
}

const states = new WeakMap<App, AfterActing>();

/** The after-acting fault state of one server (created on first use, seeded by its scenario). */
export function afterActing(app: App): AfterActing {
  let state = states.get(app);
  if (!state) {
    state = new AfterActing(app.scenario.spec.seed);
    states.set(app, state);
  }
  return state;
}

/** The server's `Date` header: its (simulated) clock, which also stamps every task it creates. */
export function serverDateHeader(app: App): string {
  return new Date(app.now()).toUTCString();
}

/** Writes a held-back answer once the delay passed, if the client is still connected. */
export function writeLate(res: ServerResponse, delayMs: number, write: () => void): void {
  const timer = setTimeout(() => {
    if (!res.destroyed && !res.writableEnded) write();
  }, delayMs);
  res.once('close', () => clearTimeout(timer));
}
