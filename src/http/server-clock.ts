/**
 * The servers' clocks as seen in their `Date` headers, per host. Matching our records against times the
 * server wrote (a task's `created`) needs the difference between its clock and ours, not our clock alone.
 */
export class ServerClock {
  readonly #offsets = new Map<string, number>();

  /** Records `Date` of an answer received at local time `localNow` (ms). */
  observe(url: string, dateHeader: string | null, localNow: number): void {
    if (!dateHeader) return;
    const serverMs = Date.parse(dateHeader);
    if (Number.isNaN(serverMs)) return;
    // The header has whole seconds (truncated), so the server's true time is half a second later on average.
    this.#offsets.set(hostOf(url), serverMs + 500 - localNow);
  }

  /** Server time minus local time (ms) for the host of `url`, from its latest answer; undefined if none yet. */
  offsetMs(url: string): number | undefined {
    return this.#offsets.get(hostOf(url));
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
