/**
 * Effects that happen later in simulated time: an in-tree action callback runs while its action task runs, not
 * when `triggerHook` answers (the hooks service only creates the action task; taskcluster/taskcluster
 * `services/hooks/src/api.js` `triggerHookCommon`). The server settles due effects before answering any
 * request, so what a client sees always matches the simulated clock.
 */
export class DeferredEffects {
  private queue: Array<{ dueAt: number; seq: number; run: (at: number) => void }> = [];
  private seq = 0;
  private settling = false;

  schedule(dueAt: number, run: (at: number) => void): void {
    this.queue.push({ dueAt, seq: this.seq++, run });
  }

  /** Runs every effect due by `now`, oldest first; effects may schedule further ones (which run if due too). */
  runDue(now: number): void {
    if (this.settling) return;
    this.settling = true;
    try {
      for (;;) {
        const due = this.queue.filter((e) => e.dueAt <= now);
        if (due.length === 0) return;
        const next = due.reduce((a, b) => (b.dueAt < a.dueAt || (b.dueAt === a.dueAt && b.seq < a.seq) ? b : a));
        this.queue = this.queue.filter((e) => e !== next);
        next.run(next.dueAt);
      }
    } finally {
      this.settling = false;
    }
  }

  clear(): void {
    this.queue = [];
  }
}
