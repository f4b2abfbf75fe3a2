import type { E2ePage, HostAnswer, LaunchOptions } from './types';

/**
 * What the real Treeherder build needs from the browser besides the fake CI (../shared/treeherder-ui/README.md):
 * Bugzilla answers `{"bugs": []}` (unreachable or `{}` makes the page throw) and Lando's tree status a 404
 * (tolerated: the page shows no tree status).
 */
export const TREEHERDER_HOST_ANSWERS: HostAnswer[] = [
  { urlPrefix: 'https://bugzilla.mozilla.org/rest/', status: 200, json: { bugs: [] } },
  { urlPrefix: 'https://lando.moz.tools/api/treestatus/', status: 404, json: { detail: 'Not found.' } },
];

/** The window the README measured its layout facts in. */
export const TREEHERDER_VIEWPORT = { width: 1600, height: 1000 };

/**
 * Treeherder polls with `setInterval(pollPushes, 60000)` (mozilla/treeherder ui/job-view/pushes/PushList.jsx,
 * PUSH_POLL_INTERVAL). Tests cannot wait a minute per poll, and Playwright's page.clock exists in Chromium
 * only, so this script (run before the page's own) notes every callback the page registers with a 60 s
 * interval, and `window.__e2eTreeherderPoll()` runs them now: Treeherder's own poll, on demand, in both
 * browsers, with the page's real clock left alone (timestamps, our timers and animation frames unchanged).
 * The interval itself stays as it was. Extension pages and content scripts have their own globals.
 */
const POLL_HOOK = `(() => {
  if (!/^https?:$/.test(location.protocol)) return;
  const polls = new Map();
  const setInterval = window.setInterval;
  const clearInterval = window.clearInterval;
  window.setInterval = function (callback, delay, ...args) {
    const id = setInterval.call(window, callback, delay, ...args);
    if (Number(delay) === 60000 && typeof callback === 'function') polls.set(id, () => callback(...args));
    return id;
  };
  window.clearInterval = function (id) {
    polls.delete(id);
    return clearInterval.call(window, id);
  };
  Object.defineProperty(window, '__e2eTreeherderPoll', {
    value: () => {
      for (const poll of polls.values()) poll();
      return polls.size;
    },
  });
})();`;

export const TREEHERDER_LAUNCH_OPTIONS: LaunchOptions = {
  viewport: TREEHERDER_VIEWPORT,
  initScripts: [POLL_HOOK],
  hostAnswers: TREEHERDER_HOST_ANSWERS,
};

/** Runs Treeherder's 60 s poll now; throws when the page registered none (the hook did not take). */
export async function runTreeherderPoll(page: E2ePage): Promise<void> {
  const ran = await page.evaluate(
    () => (window as unknown as { __e2eTreeherderPoll?: () => number }).__e2eTreeherderPoll?.() ?? 0,
  );
  if (ran === 0) throw new Error('the page registered no 60 s poll (is the poll hook installed before its scripts?)');
}
