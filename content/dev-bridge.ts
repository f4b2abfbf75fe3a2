import type { MessageType } from '../src/protocol';
import { sendToBackground } from '../platform/messaging';
import type { ContentFeature } from './feature';

/**
 * Development builds only: lets e2e tests make the content script send any protocol message, so the
 * tests can prove the background refuses privileged ones from a page. Stripped from store builds.
 */
export const devBridge: ContentFeature = { id: 'dev-bridge', start: ({ signal }) => installDevBridge(signal) };

function installDevBridge(signal: AbortSignal): void {
  const onMessage = (event: MessageEvent) => {
    if (event.source !== window) return;
    const request = event.data as { citDevSend?: { id: string; type: string; data: unknown } } | null;
    const send = request?.citDevSend;
    if (!send) return;
    sendToBackground(send.type as MessageType, send.data as never)
      .then((result) => window.postMessage({ citDevReply: { id: send.id, ok: true, result } }, '*'))
      .catch((error: unknown) =>
        window.postMessage(
          { citDevReply: { id: send.id, ok: false, error: error instanceof Error ? error.message : String(error) } },
          '*',
        ),
      );
  };
  window.addEventListener('message', onMessage, { signal });
  document.documentElement.setAttribute('data-cit-dev-bridge', 'ready');
}
