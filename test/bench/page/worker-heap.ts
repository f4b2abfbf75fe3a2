import type { CDPSession } from 'playwright-core';

export interface HeapUsage {
  usedSize: number;
  totalSize: number;
}

/**
 * The JS heap of the extension's service worker, after a full garbage collection. Playwright gives no CDP
 * session on a worker, so this attaches to the worker's target through a page's session (non-flat mode) and
 * speaks CDP to it inside `Target.sendMessageToTarget`.
 */
export async function serviceWorkerHeap(cdp: CDPSession, extensionId: string): Promise<HeapUsage> {
  const send = cdp.send.bind(cdp) as (method: string, params?: object) => Promise<unknown>;
  const { targetInfos } = (await send('Target.getTargets')) as {
    targetInfos: Array<{ type: string; url: string; targetId: string }>;
  };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
  if (!worker) throw new Error(`No service worker of the extension ${extensionId} is running.`);
  const { sessionId } = (await send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as {
    sessionId: string;
  };
  let nextId = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (event: { sessionId: string; message: string }) => {
        if (event.sessionId !== sessionId) return;
        const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
        if (message.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget' as never, onMessage as never);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      };
      cdp.on('Target.receivedMessageFromTarget' as never, onMessage as never);
      void send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  try {
    await call('HeapProfiler.collectGarbage');
    return (await call('Runtime.getHeapUsage')) as HeapUsage;
  } finally {
    await send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

/** Stops the extension's service worker (as a browser does after idling), so the next visit starts it cold. */
export async function stopServiceWorkers(cdp: CDPSession): Promise<void> {
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
}
