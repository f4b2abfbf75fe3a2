import { browser } from '../platform/browser';
import { loadCredentials } from './credentials';
import { ciGateway, monitorGateway } from './gateways';
import { loadSettings } from './settings-store';
import { readKey, writeKey } from './storage';
import { createTracker } from './tracker';
import { TriggerLog } from './trigger-log';
import { createTriggerPipeline } from './triggers/pipeline';
import type { TrackedGroup } from '../src/monitor/tracked-group';

/** The background's long-lived pieces, built once per worker start. */
export const POLL_ALARM = 'cit-poll-tracked';
const TRACKED_KEY = 'trackedGroups';
export const NOTIFICATIONS_KEY = 'recentNotifications';

export const triggerLog = new TriggerLog();

export const tracker = createTracker({
  gateway: monitorGateway,
  load: async () => (await readKey<TrackedGroup[]>('local', TRACKED_KEY)) ?? [],
  save: (groups) => writeKey('local', TRACKED_KEY, groups),
  setBadge: async (n) => {
    await browser.action.setBadgeText({ text: n > 0 ? String(n) : '' });
    await browser.action.setBadgeBackgroundColor({ color: '#0b6bcb' });
  },
  notify: async (id, title, message) => {
    // Kept too, so the popup (and tests) can show what was announced even if the OS hid it.
    const shown = (await readKey<{ id: string; message: string; at: number }[]>('local', NOTIFICATIONS_KEY)) ?? [];
    await writeKey('local', NOTIFICATIONS_KEY, [...shown, { id, message, at: Date.now() }].slice(-20));
    await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('icons/icon-128.png'), title, message });
  },
  schedulePolling: async (active) => {
    const existing = await browser.alarms.get(POLL_ALARM);
    // Alarms survive the worker being stopped; 0.5 min is the shortest period Chromium allows.
    if (active && !existing) browser.alarms.create(POLL_ALARM, { periodInMinutes: 0.5, delayInMinutes: 0.5 });
    if (!active && existing) await browser.alarms.clear(POLL_ALARM);
  },
  now: () => Date.now(),
});

export const pipeline = createTriggerPipeline({
  ci: ciGateway,
  log: triggerLog,
  credentials: loadCredentials,
  settings: loadSettings,
  onTriggered: (entry) => tracker.track(entry, []),
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  // Development builds only: e2e tests stop the extension exactly between Taskcluster's answer and
  // the "after" record, to prove a restart reconciles instead of triggering twice.
  ...(__CIT_DEV__ ? { afterNetwork: pauseIfAsked } : {}),
});

async function pauseIfAsked(): Promise<void> {
  if (await readKey<boolean>('local', 'devPauseAfterTrigger')) await new Promise<never>(() => undefined);
}
