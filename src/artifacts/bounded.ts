/**
 * Runs `work` on every item with at most `concurrency` calls in flight, in order of the items. Stops
 * starting new work when `signal` aborts (calls already running finish). An error in one call is the
 * caller's to catch inside `work`; one that escapes rejects the whole run.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
