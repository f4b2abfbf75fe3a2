// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  createViewportQueue,
  IDLE_CONCURRENCY,
  type ViewportQueueDeps,
} from '../../../content/controls/viewport-first';

/** Deps whose "visible" set and idle moments the test decides. */
function fakeBrowser(visible: Set<Element>) {
  let onVisible: (anchors: Element[]) => void = () => undefined;
  const observed = new Set<Element>();
  const idle: Array<() => void> = [];
  const deps: ViewportQueueDeps = {
    watch(callback) {
      onVisible = callback;
      return {
        // An IntersectionObserver reports a visible target soon after observe().
        observe: (a) => {
          observed.add(a);
          if (visible.has(a)) queueMicrotask(() => onVisible([a]));
        },
        unobserve: (a) => void observed.delete(a),
      };
    },
    whenIdle: (callback) => void idle.push(callback),
  };
  return {
    deps,
    observed,
    scrollIntoView: (a: Element) => onVisible([a]),
    runIdle: () => idle.splice(0).forEach((f) => f()),
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
