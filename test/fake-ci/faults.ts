import { Rng } from './rng';
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
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  malformedRate: 0,
  schemaDrift: false,
  expiredCredentials: false,
  missingScopes: false,
};

export type FaultDecision = { kind: 'none' } | { kind: 'hang' } | { kind: 'error'; status: number };

/** Fault state of one server; draws come from a seeded generator so a run is reproducible. */
export class Faults {
  private cfg: FaultConfig = { ...NO_FAULTS };
  private rng: Rng;

  constructor(
    private readonly seed: number,
    initial: Partial<FaultConfig> = {},
  ) {
    this.rng = new Rng(seed);
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
    this.rng = new Rng(this.seed);
    return this.config;
  }

  reset(): void {
    this.set(NO_FAULTS);
  }

  /** Decides before the handler runs. */
  before(): FaultDecision {
    if (this.cfg.timeoutRate > 0 && this.rng.next() < this.cfg.timeoutRate) return { kind: 'hang' };
    if (this.cfg.errorRate > 0 && this.rng.next() < this.cfg.errorRate) {
      return { kind: 'error', status: [500, 502, 503][this.rng.int(0, 2)] ?? 500 };
    }
    return { kind: 'none' };
  }

  /** Mangles a JSON reply after the handler ran. */
  after(reply: Reply): Reply {
    if (reply.json === undefined || this.cfg.malformedRate <= 0) return reply;
    if (this.rng.next() >= this.cfg.malformedRate) return reply;
    const full = JSON.stringify(reply.json);
    const { json: _dropped, ...rest } = reply;
    return { ...rest, text: full.slice(0, Math.max(1, Math.floor(full.length / 2))), headers: { ...reply.headers, 'Content-Type': 'application/json' } };
  }
}

/** Parses CLI/query style values (`--error-rate 0.2`, `schemaDrift=true`). */
export function parseFaultValue(key: keyof FaultConfig, raw: string | boolean | number): number | boolean {
  if (typeof NO_FAULTS[key] === 'boolean') return raw === true || raw === 'true' || raw === '1' || raw === '';
  return Number(raw);
}
