import { browser } from '../platform/browser';
import { loadCredentials } from './sign-in/credentials';
import { ciGateway } from './services/gateways';
import { createMonitorGateway } from './monitoring/monitor-gateway';
import { loadSettings } from './storage/settings-store';
import { readKey, writeKey } from './storage/storage';
import { createTracker } from './monitoring/tracker';
import { TriggerLog } from './triggers/trigger-log';
import { createTriggerPipeline } from './triggers/pipeline';
import { ciChecks } from './triggers/ci-checks';
import type { TrackedGroup } from '../src/monitor/tracked-group';
import { createBisectionRunner } from './bisection/runner';
import { bisectionReads } from './bisection/ci-reads';
import { sessionStore } from './bisection/session-store';
import { servicesForRepo } from './services/repository-services';

/** The background's long-lived pieces, built once per worker start. */
export const POLL_ALARM = 'cit-poll-tracked';
export const BISECT_ALARM = 'cit-step-bisections';
export const RECONCILE_ALARM = 'cit-reconcile-triggers';
const BISECTIONS_KEY = 'bisections';
const TRACKED_KEY = 'trackedGroups';
export const NOTIFICATIONS_KEY = 'recentNotifications';

export const triggerLog = new TriggerLog();

/** Shows a browser notification, then keeps it, so the popup (and tests) can list what was announced. */
async function notifyAndRemember(id: string, title: string, message: string): Promise<void> {
  const shownId = await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title,
    message,
  });
  const shown = (await readKey<{ id: string; message: string; at: number }[]>('local', NOTIFICATIONS_KEY)) ?? [];
  await writeKey('local', NOTIFICATIONS_KEY, [...shown, { id: shownId, message, at: Date.now() }].slice(-20));
}

export const tracker = createTracker({
  gateway: createMonitorGateway(async (repo) => (await servicesForRepo(repo)).clients),
  load: async () => (await readKey<TrackedGroup[]>('local', TRACKED_KEY)) ?? [],
  save: (groups) => writeKey('local', TRACKED_KEY, groups),
  setBadge: async (n) => {
    await browser.action.setBadgeText({ text: n > 0 ? String(n) : '' });
    await browser.action.setBadgeBackgroundColor({ color: '#0b6bcb' });
  },
  notify: notifyAndRemember,
  schedulePolling: async (active) => {
    const existing = await browser.alarms.get(POLL_ALARM);
    // Alarms survive the worker being stopped; 0.5 min is the shortest period Chromium allows.
    if (active && !existing) browser.alarms.create(POLL_ALARM, { periodInMinutes: 0.5, delayInMinutes: 0.5 });
    if (!active && existing) await browser.alarms.clear(POLL_ALARM);
  },
  now: () => Date.now(),
});

export const pipeline = createTriggerPipeline({
  ci: { ...ciGateway, ...ciChecks },
  log: triggerLog,
  credentials: loadCredentials,
  settings: loadSettings,
  onTriggered: (entry) => tracker.track(entry),
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  // An extension API call every 10 s resets the idle timer that stops the background (Firefox: 30 s).
  keepAlive: async (work) => {
    const beat = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), 10_000);
    try {
      return await work();
    } finally {
      clearInterval(beat);
    }
  },
  // While a trigger's outcome is unclear, an alarm keeps checking Taskcluster (a stopped worker wakes for it).
  scheduleReconcile: async (active) => {
    const existing = await browser.alarms.get(RECONCILE_ALARM);
    if (active && !existing) browser.alarms.create(RECONCILE_ALARM, { periodInMinutes: 0.5, delayInMinutes: 0.5 });
    if (!active && existing) await browser.alarms.clear(RECONCILE_ALARM);
  },
  // Development builds only: e2e tests stop the extension exactly between Taskcluster's answer and
  // the "after" record, to prove a restart reconciles instead of triggering twice.
  ...(__CIT_DEV__ ? { afterNetwork: pauseIfAsked } : {}),
});

export const bisections = createBisectionRunner({
  ...sessionStore,
  ...bisectionReads,
  trigger: (intent, options) => pipeline.trigger(intent, options),
  findLogEntry: (origin, since) => triggerLog.byOrigin(origin, since),
  notify: (id, message) => notifyAndRemember(id, 'CI Tools: bisection finished', message),
  schedule: async (active) => {
    const existing = await browser.alarms.get(BISECT_ALARM);
    if (active && !existing) browser.alarms.create(BISECT_ALARM, { periodInMinutes: 0.5, delayInMinutes: 0.5 });
    if (!active && existing) await browser.alarms.clear(BISECT_ALARM);
  },
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
});

async function pauseIfAsked(): Promise<void> {
  if (await readKey<boolean>('local', 'devPauseAfterTrigger')) await new Promise<never>(() => undefined);
}
