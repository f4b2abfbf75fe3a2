// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  createViewportQueue,
  IDLE_CONCURRENCY,
  type ViewportQueueDeps,
} from '../../../content/controls/viewport-first';

/** Deps whose "visible" set, page readiness and idle moments the test decides. */
function fakeBrowser(visible: Set<Element>, { ready = true } = {}) {
  let onChange: (changes: Array<{ anchor: Element; visible: boolean }>) => void = () => undefined;
  const observed = new Set<Element>();
  const idle: Array<() => void> = [];
  let onReady: (() => void) | undefined;
  const deps: ViewportQueueDeps = {
    watch(callback) {
      onChange = callback;
      return {
        // An IntersectionObserver reports each target's state soon after observe().
        observe: (a) => {
          observed.add(a);
          queueMicrotask(() => onChange([{ anchor: a, visible: visible.has(a) }]));
        },
        unobserve: (a) => void observed.delete(a),
      };
    },
    whenPageReady: (callback) => {
      if (ready) callback();
      else onReady = callback;
    },
    whenIdle: (callback) => void idle.push(callback),
  };
  return {
    deps,
    observed,
    scrollIntoView: (a: Element) => onChange([{ anchor: a, visible: true }]),
    scrollOutOfView: (a: Element) => onChange([{ anchor: a, visible: false }]),
    pageReady: () => onReady?.(),
    runIdle: () => {
      for (const f of idle.splice(0)) f();
    },
  };
}

const flush = () => new Promise((done) => setTimeout(done, 0));

function anchors(n: number): Element[] {
  return Array.from({ length: n }, (_, i) => {
    const div = document.createElement('div');
    div.id = `push-${i}`;
    return div;
  });
}

/** A load that records its start and resolves when the test says. */
function recorder() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const load = (name: string) => () =>
    new Promise<void>((done) => {
      started.push(name);
      finish.set(name, done);
    });
  return { started, finish: (name: string) => finish.get(name)?.(), load };
}

describe('viewport-first queue', () => {
  it('asks for visible badges first, whatever order they were scheduled in, and the rest only on idle', async () => {
    const pushes = anchors(6);
    const visible = new Set([pushes[4]!, pushes[5]!]);
    const browser = fakeBrowser(visible);
    const queue = createViewportQueue(new AbortController().signal, browser.deps);
    const { started, load } = recorder();
    for (const [i, a] of pushes.entries()) queue.schedule(a, load(`p${i}`));
    await flush();
    expect(started).toEqual(['p4', 'p5']);
    browser.runIdle();
    expect(started).toEqual(['p4', 'p5', 'p0', 'p1']); // page order, IDLE_CONCURRENCY at a time
    expect(IDLE_CONCURRENCY).toBe(2);
  });

  it('keeps off-screen loads to a few at once, and a scrolled-into-view badge jumps the queue', async () => {
    const pushes = anchors(6);
    const browser = fakeBrowser(new Set());
    const queue = createViewportQueue(new AbortController().signal, browser.deps);
    const { started, finish, load } = recorder();
    for (const [i, a] of pushes.entries()) queue.schedule(a, load(`p${i}`));
    browser.runIdle();
    expect(started).toEqual(['p0', 'p1']);
    browser.runIdle(); // idle again while both still load: nothing more
    expect(started).toEqual(['p0', 'p1']);

    browser.scrollIntoView(pushes[5]!); // visible now: not held back by the idle limit
    expect(started).toEqual(['p0', 'p1', 'p5']);

    finish('p0');
    await flush();
    browser.runIdle();
    expect(started).toEqual(['p0', 'p1', 'p5', 'p2']);
    expect(browser.observed.has(pushes[5]!)).toBe(false);
  });

  it('runs each load once, even when it becomes visible after it ran on idle', async () => {
    const [a] = anchors(1);
    const browser = fakeBrowser(new Set());
    const queue = createViewportQueue(new AbortController().signal, browser.deps);
    const { started, load } = recorder();
    queue.schedule(a!, load('a'));
    browser.runIdle();
    browser.scrollIntoView(a!);
    await flush();
    expect(started).toEqual(['a']);
  });

  it('asks for nothing while the page loads its own data; then the badges still in view go first', async () => {
    const pushes = anchors(4);
    const browser = fakeBrowser(new Set([pushes[0]!, pushes[1]!, pushes[2]!]), { ready: false });
    const queue = createViewportQueue(new AbortController().signal, browser.deps);
    const { started, load } = recorder();
    for (const [i, a] of pushes.entries()) queue.schedule(a, load(`p${i}`));
    await flush();
    browser.runIdle();
    expect(started).toEqual([]);
    browser.scrollOutOfView(pushes[0]!); // the page rendered its jobs: push 0's header moved out of view
    browser.pageReady();
    expect(started).toEqual(['p1', 'p2']);
    browser.runIdle();
    expect(started).toEqual(['p1', 'p2', 'p0', 'p3']);
  });

  it('asks for nothing after the content script stopped', async () => {
    const pushes = anchors(3);
    const stop = new AbortController();
    const browser = fakeBrowser(new Set([pushes[0]!]));
    const queue = createViewportQueue(stop.signal, browser.deps);
    const { started, load } = recorder();
    queue.schedule(pushes[1]!, load('p1'));
    stop.abort();
    queue.schedule(pushes[0]!, load('p0'));
    browser.runIdle();
    browser.scrollIntoView(pushes[1]!);
    await flush();
    expect(started).toEqual([]);
  });
});
