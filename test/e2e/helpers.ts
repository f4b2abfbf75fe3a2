import type { E2ePage } from './harness/types';

/** Makes the content script (dev build) send a protocol message, as a hostile page could try to. */
export async function sendFromContentScript(
  page: E2ePage,
  type: string,
  data: unknown,
): Promise<{ ok: boolean; result?: unknown; error?: string }> {
  await page.waitFor('html[data-cit-dev-bridge="ready"]');
  return page.evaluate(
    ({ type, data }) =>
      new Promise<{ ok: boolean; result?: unknown; error?: string }>((resolve) => {
        const id = String(Math.random());
        const onReply = (event: MessageEvent) => {
          const reply = (event.data as { citDevReply?: { id: string; ok: boolean; result?: unknown; error?: string } })
            ?.citDevReply;
          if (reply?.id !== id) return;
          window.removeEventListener('message', onReply);
          resolve(reply);
        };
        window.addEventListener('message', onReply);
        window.postMessage({ citDevSend: { id, type, data } }, '*');
      }),
    { type, data },
  );
}

/** Waits until `predicate` (run in the page) is truthy; returns its value. */
export async function waitForValue<T, A = undefined>(
  page: E2ePage,
  predicate: (arg: A) => T,
  timeoutMs = 10000,
  arg?: A,
): Promise<NonNullable<Awaited<T>>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(predicate, arg as A);
    if (value) return value as NonNullable<Awaited<T>>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${predicate.toString()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
