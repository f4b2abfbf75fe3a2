import '../src/zod-setup';
import { browser, type Runtime } from '../platform/browser';
import { createRouter, isExtensionPageSender } from '../src/messaging/router';
import { isEnvelope } from '../src/messaging/define';
import { protocol } from '../src/protocol';
import { handlers } from './handlers';
import { noteTreeherderPage } from './services/repository-services';
import { BISECT_ALARM, bisections, pipeline, POLL_ALARM, RECONCILE_ALARM, tracker, triggerLog } from './runtime';
import { loadCredentials } from './sign-in/credentials';
import { loadSettings } from './storage/settings-store';
import { restrictSessionStorage } from './storage/storage';

void restrictSessionStorage().catch((e: unknown) => console.warn('[CI Tools] could not restrict storage.session:', e));

// Listeners are registered synchronously at top level so a worker woken by a message or an alarm
// can answer it. Nothing delays answering: network start-up work runs beside the listeners.
const dispatch = createRouter(protocol, handlers, { credentials: loadCredentials });
const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender) => {
  if (!isEnvelope(message)) return undefined; // not ours: let other listeners answer
  const fromExtensionPage = isExtensionPageSender(sender, browser.runtime.id, extensionOrigin);
  // A content script's page tells us which Treeherder serves which repository (docs/design.md, decision 1).
  if (!fromExtensionPage) await noteTreeherderPage(sender.url).catch(() => undefined);
  return dispatch(message, {
    fromExtensionPage,
    ...(sender.tab?.id !== undefined ? { tabId: sender.tab.id } : {}),
    ...(sender.url ? { url: sender.url } : {}),
  });
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === POLL_ALARM)
    void tracker.poll().catch((e: unknown) => console.warn('[CI Tools] polling failed:', e));
  if (alarm.name === RECONCILE_ALARM)
    void pipeline.reconcilePending().catch((e: unknown) => console.warn('[CI Tools] reconciling triggers failed:', e));
  if (alarm.name === BISECT_ALARM)
    void bisections.stepAll().catch((e: unknown) => console.warn('[CI Tools] bisection step failed:', e));
});

/** Start-up: settle triggers a stopped worker left half-done, prune old log entries, resume polling. */
void (async () => {
  try {
    await pipeline.reconcilePending();
    const { logRetentionDays } = await loadSettings();
    await triggerLog.prune(logRetentionDays, Date.now());
    await Promise.all([tracker.poll(), bisections.stepAll()]);
  } catch (error) {
    console.warn('[CI Tools] start-up tasks failed; continuing:', error);
  }
})();
