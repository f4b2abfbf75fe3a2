import pLimit, { type LimitFunction } from 'p-limit';

/** One p-limit queue per host, so a slow or failing service cannot starve requests to the others. */
export class HostLimiter {
  readonly #limits = new Map<string, LimitFunction>();

  /** A number for every host, or a limit per host (asked once, at the host's first request). */
  constructor(private readonly perHost: number | ((host: string) => number)) {}

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    let limit = this.#limits.get(host);
    if (!limit) {
      limit = pLimit(typeof this.perHost === 'number' ? this.perHost : this.perHost(host));
      this.#limits.set(host, limit);
    }
    return limit(task);
  }

  /** Requests currently running against `host` (for tests and diagnostics). */
  activeCount(host: string): number {
    return this.#limits.get(host)?.activeCount ?? 0;
  }
}
