/**
 * Runs async work one piece at a time, in call order, whether earlier pieces succeeded or failed.
 * Used where concurrent callers must see each other's effects (duplicate merging, bisection steps).
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
}
