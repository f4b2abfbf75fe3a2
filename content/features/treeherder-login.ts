import { browser } from '../../platform/browser';
import { readTreeherderLogin } from '../../src/auth/treeherder-login';
import type { ContentFeature } from '../feature';

/**
 * Sign-in route (a). Answers the background's one-time request (sent only after the user pressed
 * "Use my Treeherder login" in the extension's settings) by reading Treeherder's stored Taskcluster
 * login for one root URL. Nothing is kept here; the page never sees the request.
 */
export const treeherderLogin: ContentFeature = {
  id: 'treeherder-login',
  start: ({ signal }) => answerTreeherderLoginRequests(signal),
};

function answerTreeherderLoginRequests(signal: AbortSignal): void {
  const listener = (message: unknown) => {
    const request = (message as { citReadTreeherderLogin?: { rootUrl?: unknown } } | null)?.citReadTreeherderLogin;
    if (!request || typeof request.rootUrl !== 'string') return undefined;
    return Promise.resolve(readTreeherderLogin(window.localStorage.getItem('userCredentials'), request.rootUrl));
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
