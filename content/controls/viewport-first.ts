import { selectors } from '../selectors';

/**
 * Work only for what the user sees first: a badge's data is asked for as soon as its anchor is in (or near) the
 * viewport; the rest is asked for once Treeherder's own data is in and the page is idle, a few at a time, or
 * earlier when scrolled into view. On a 50-push page only two or three pushes are visible; their badges must
 * not queue behind the others, and the others must not compete with the page while it loads.
 */
export type Load = () => Promise<unknown>;

export interface ViewportQueue {
  /** Runs `load` once: now if `anchor` is visible, else when it becomes visible or on idle, whichever is first. */
  schedule(anchor: Element, load: Load): void;
}

/** What the queue needs of the browser; tests pass their own. */
export interface ViewportQueueDeps {
  /** Watches anchors; calls back with those that came into view. */
  watch(onVisible: (anchors: Element[]) => void): { observe(anchor: Element): void; unobserve(anchor: Element): void };
  /** Calls back when the page is idle (requestIdleCallback, or a timeout where it is missing). */
  whenIdle(callback: () => void): void;
}

/** Loads off-screen at once, at most; visible ones are never held back. */
export const IDLE_CONCURRENCY = 2;
/** Off-screen work waits for the page's own data at most this long. */
const LOAD_WAIT_MS = 20_000;
/** Anchors this close below or above the viewport count as visible (one scroll step away). */
const NEAR_VIEWPORT = '200px 0px';

export function createViewportQueue(signal: AbortSignal, deps: ViewportQueueDeps = browserDeps(signal)): ViewportQueue {
  /** Waiting loads in page order of scheduling (Treeherder renders pushes top to bottom). */
  const waiting = new Map<Element, Load>();
  let idleRunning = 0;
  let idleAsked = false;
  const watcher = deps.watch((anchors) => {
    for (const anchor of anchors) run(anchor);
  });

  signal.addEventListener('abort', () => waiting.clear(), { once: true });

  function run(anchor: Element): Promise<unknown> | undefined {
    const load = waiting.get(anchor);
    waiting.delete(anchor);
    if (!load || signal.aborted) return undefined;
    watcher.unobserve(anchor);
    return load().catch(() => undefined); // the badge shows its own error
  }

  function askIdle(): void {
    if (idleAsked || waiting.size === 0 || signal.aborted) return;
    idleAsked = true;
    deps.whenIdle(() => {
      idleAsked = false;
      while (idleRunning < IDLE_CONCURRENCY && waiting.size > 0) {
        const next = waiting.keys().next();
        if (next.done) break;
        const running = run(next.value);
        if (!running) continue;
        idleRunning += 1;
        void running.finally(() => {
          idleRunning -= 1;
          askIdle();
        });
      }
      askIdle();
    });
  }

  return {
    schedule(anchor, load) {
      if (signal.aborted) return;
      waiting.set(anchor, load);
      watcher.observe(anchor);
      askIdle();
    },
  };
}

function browserDeps(signal: AbortSignal): ViewportQueueDeps {
  return {
    watch(onVisible) {
      const observer = new IntersectionObserver(
        (entries) => onVisible(entries.filter((e) => e.isIntersecting).map((e) => e.target)),
        { rootMargin: NEAR_VIEWPORT },
      );
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      return { observe: (a) => observer.observe(a), unobserve: (a) => observer.unobserve(a) };
    },
    whenIdle(callback) {
      const idle = (then: () => void) =>
        typeof requestIdleCallback === 'function' ? requestIdleCallback(then, { timeout: 2000 }) : setTimeout(then, 50);
      // While the page still loads its pushes' jobs (no ready marker yet), off-screen work waits (at most a while).
      const giveUpAt = Date.now() + LOAD_WAIT_MS;
      const whenLoaded = () =>
        document.querySelector(selectors.pushListReady) || Date.now() > giveUpAt
          ? callback()
          : setTimeout(() => idle(whenLoaded), 250);
      idle(whenLoaded);
    },
  };
}

/** One queue per content-script lifetime, shared by every badge feature. */
const queues = new WeakMap<AbortSignal, ViewportQueue>();
export function viewportQueueFor(signal: AbortSignal): ViewportQueue {
  let queue = queues.get(signal);
  if (!queue) {
    queue = createViewportQueue(signal);
    queues.set(signal, queue);
  }
  return queue;
}
