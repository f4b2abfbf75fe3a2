import { unitFor } from './rng';
import type { Reply } from './http';

/** Faults injected into API routes (never into /__fake/* or the page). Rates are in [0, 1]. */
export interface FaultConfig {
  /** Added to every API response. */
  latencyMs: number;
  /** Share of API requests answered with a 5xx. */
  errorRate: number;
  /** Share of API requests never answered (the connection hangs until the client gives up). */
  timeoutRate: number;
  /** Share of JSON responses cut in half (status 200, invalid JSON). */
  malformedRate: number;
  /** Rename a field in Treeherder push and job responses (`push_timestamp` → `push_time`, `job_type_name` → `job_type`). */
  schemaDrift: boolean;
  /** Hawk-signed requests get 401 as if the credentials had expired. */
  expiredCredentials: boolean;
  /** triggerHook answers 403 InsufficientScopes whatever the client holds. */
  missingScopes: boolean;
  /** triggerHook accepts the call but the hook's template renders no task: it answers `{}` and nothing runs. */
  hookRendersNoTask: boolean;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  malformedRate: 0,
  schemaDrift: false,
  expiredCredentials: false,
  missingScopes: false,
  hookRendersNoTask: false,
};

export type FaultDecision = { kind: 'none' } | { kind: 'hang' } | { kind: 'error'; status: number };

/**
 * Fault state of one server. Each draw is keyed by the request (method + URL) and how many times that same
 * request was seen, so a run is reproducible whatever order concurrent requests arrive in: the first try of
 * a URL always gets the same fate, and so does its second try.
 */
export class Faults {
  private cfg: FaultConfig = { ...NO_FAULTS };
  private attempts = new Map<string, number>();

  constructor(
    private readonly seed: number,
    initial: Partial<FaultConfig> = {},
  ) {
    this.set(initial);
  }

  get config(): FaultConfig {
    return { ...this.cfg };
  }

  set(partial: Partial<FaultConfig>): FaultConfig {
    const next = { ...this.cfg };
    for (const key of Object.keys(NO_FAULTS) as Array<keyof FaultConfig>) {
      const v = partial[key];
      if (v === undefined) continue;
      if (typeof NO_FAULTS[key] === 'boolean') (next[key] as boolean) = Boolean(v);
      else {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) throw new Error(`fault ${key} must be a non-negative number`);
        (next[key] as number) = key === 'latencyMs' ? n : Math.min(1, n);
      }
    }
    this.cfg = next;
    this.attempts.clear();
    return this.config;
  }

  reset(): void {
    this.set(NO_FAULTS);
  }

  /** Decides before the handler runs, for the request `key` (method and URL). */
  before(key: string): FaultDecision {
    const attempt = this.attempts.get(key) ?? 0;
    this.attempts.set(key, attempt + 1);
    const u = (what: string): number => unitFor(this.seed, 'fault', what, key, attempt);
    if (this.cfg.timeoutRate > 0 && u('timeout') < this.cfg.timeoutRate) return { kind: 'hang' };
    if (this.cfg.errorRate > 0 && u('error') < this.cfg.errorRate) {
      return { kind: 'error', status: [500, 502, 503][Math.floor(u('status') * 3)] ?? 500 };
    }
    return { kind: 'none' };
  }

  /** Mangles a JSON reply after the handler ran. */
  after(key: string, reply: Reply): Reply {
    if (reply.json === undefined || this.cfg.malformedRate <= 0) return reply;
    const attempt = (this.attempts.get(key) ?? 1) - 1;
    if (unitFor(this.seed, 'fault', 'malformed', key, attempt) >= this.cfg.malformedRate) return reply;
    const full = JSON.stringify(reply.json);
    const { json: _dropped, ...rest } = reply;
    return {
      ...rest,
      text: full.slice(0, Math.max(1, Math.floor(full.length / 2))),
      headers: { ...reply.headers, 'Content-Type': 'application/json' },
    };
  }
}

/** Parses CLI/query style values (`--error-rate 0.2`, `schemaDrift=true`). */
export function parseFaultValue(key: keyof FaultConfig, raw: string | boolean | number): number | boolean {
  if (typeof NO_FAULTS[key] === 'boolean') return raw === true || raw === 'true' || raw === '1' || raw === '';
  return Number(raw);
}
