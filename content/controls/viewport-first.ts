import { selectors } from '../selectors';

/**
 * Work only for what the user sees first. Nothing is asked while Treeherder still loads its own data (the
 * page's requests go first); then the badges whose anchors are in (or near) the viewport are asked for at once,
 * and the rest when the page is idle, a few at a time, or earlier when scrolled into view. On a 50-push page
 * only two or three pushes are visible; their badges must not queue behind the others.
 */
export type Load = () => Promise<unknown>;

export interface ViewportQueue {
  /** Runs `load` once: when the page's data is in, at once if `anchor` is visible, else when it becomes visible or on idle. */
  schedule(anchor: Element, load: Load): void;
}

/** What the queue needs of the browser; tests pass their own. */
export interface ViewportQueueDeps {
  /** Watches anchors; calls back with those that came into view (`true`) or left it (`false`). */
  watch(onChange: (changes: Array<{ anchor: Element; visible: boolean }>) => void): {
    observe(anchor: Element): void;
    unobserve(anchor: Element): void;
  };
  /** Calls back once the page's own data is in (or after a while without it). */
  whenPageReady(callback: () => void): void;
  /** Calls back when the page is idle (requestIdleCallback, or a timeout where it is missing). */
  whenIdle(callback: () => void): void;
}

/** Loads off-screen at once, at most; visible ones are never held back. */
export const IDLE_CONCURRENCY = 2;
/** Anchors this close below or above the viewport count as visible (one scroll step away). */
const NEAR_VIEWPORT = '100px 0px';
/** Work waits for the page's own data at most this long. */
const LOAD_WAIT_MS = 20_000;

export function createViewportQueue(signal: AbortSignal, deps: ViewportQueueDeps = browserDeps(signal)): ViewportQueue {
  /** Waiting loads in page order of scheduling (Treeherder renders pushes top to bottom). */
  const waiting = new Map<Element, Load>();
  const visible = new Set<Element>();
  let ready = false;
  let idleRunning = 0;
  let idleAsked = false;
  const watcher = deps.watch((changes) => {
    for (const { anchor, visible: isVisible } of changes) {
      if (isVisible) visible.add(anchor);
      else visible.delete(anchor);
      if (isVisible && ready) run(anchor);
    }
  });
  signal.addEventListener(
    'abort',
    () => {
      waiting.clear();
      visible.clear();
    },
    { once: true },
  );
  deps.whenPageReady(() => {
    ready = true;
    for (const anchor of [...waiting.keys()]) if (visible.has(anchor)) run(anchor);
    askIdle();
  });

  function run(anchor: Element): Promise<unknown> | undefined {
    const load = waiting.get(anchor);
    waiting.delete(anchor);
    visible.delete(anchor);
    if (!load || signal.aborted) return undefined;
    watcher.unobserve(anchor);
    return load().catch(() => undefined); // the badge shows its own error
  }

  function askIdle(): void {
    if (!ready || idleAsked || waiting.size === 0 || signal.aborted) return;
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
    watch(onChange) {
      const observer = new IntersectionObserver(
        (entries) => onChange(entries.map((e) => ({ anchor: e.target, visible: e.isIntersecting }))),
        { rootMargin: NEAR_VIEWPORT },
      );
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      return { observe: (a) => observer.observe(a), unobserve: (a) => observer.unobserve(a) };
    },
    whenPageReady(callback) {
      const giveUpAt = Date.now() + LOAD_WAIT_MS;
      const check = () => {
        if (signal.aborted) return;
        if (document.querySelector(selectors.pushListReady) || Date.now() > giveUpAt) callback();
        else setTimeout(check, 100);
      };
      check();
    },
    whenIdle(callback) {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 2000 });
      else setTimeout(callback, 50);
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
