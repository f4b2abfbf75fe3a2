import { z } from 'zod';

/**
 * User settings. The service URLs are normally discovered from the Treeherder page and its
 * /api/repository/ entry (docs/design.md, decision 1); these values are the production defaults and optional
 * overrides.
 */
export interface ServiceUrls {
  /** Treeherder origin, e.g. https://treeherder.mozilla.org */
  treeherderUrl: string;
  /** Taskcluster root URL, e.g. https://firefox-ci-tc.services.mozilla.com */
  taskclusterRootUrl: string;
  /** hg base, e.g. https://hg.mozilla.org (repositories add their own path) */
  hgUrl: string;
}

export interface Settings {
  /** When set, these replace the URLs discovered from the page. Empty string = discover. */
  overrides: Partial<ServiceUrls>;
  /** Ask for confirmation when one trigger would create more tasks than this. */
  confirmAboveTasks: number;
  /** Hard cap of tasks a user may trigger per day through the extension. */
  dailyTaskCap: number;
  /** How long trigger-log entries are kept. */
  logRetentionDays: number;
  /** Keep credentials across browser restarts (storage.local) instead of storage.session. */
  rememberCredentials: boolean;
  /** OAuth2 client id registered with Taskcluster for the third-party login route. */
  oauthClientId: string;
}

export const PRODUCTION_URLS: ServiceUrls = {
  treeherderUrl: 'https://treeherder.mozilla.org',
  taskclusterRootUrl: 'https://firefox-ci-tc.services.mozilla.com',
  hgUrl: 'https://hg.mozilla.org',
};

export const DEFAULT_SETTINGS: Settings = {
  overrides: {},
  confirmAboveTasks: 10,
  dailyTaskCap: 200,
  logRetentionDays: 90,
  rememberCredentials: false,
  oauthClientId: 'treeherder-ci-tools',
};

/** The URLs in force: an override wins over what the page told us, which wins over production. */
export function resolveServiceUrls(discovered: Partial<ServiceUrls>, settings: Settings): ServiceUrls {
  const pick = (key: keyof ServiceUrls): string =>
    (settings.overrides[key] || discovered[key] || PRODUCTION_URLS[key]).replace(/\/+$/, '');
  return { treeherderUrl: pick('treeherderUrl'), taskclusterRootUrl: pick('taskclusterRootUrl'), hgUrl: pick('hgUrl') };
}

const urlOrEmpty = z.union([z.literal(''), z.url({ protocol: /^https?$/ })]);

/** What the options page may change. Every field optional: a patch. Bounds keep budgets sane. */
export const settingsPatchSchema = z
  .object({
    overrides: z
      .object({ treeherderUrl: urlOrEmpty, taskclusterRootUrl: urlOrEmpty, hgUrl: urlOrEmpty })
      .partial()
      .strict(),
    confirmAboveTasks: z.number().int().min(1).max(1000),
    dailyTaskCap: z.number().int().min(1).max(5000),
    logRetentionDays: z.number().int().min(1).max(3650),
    rememberCredentials: z.boolean(),
    oauthClientId: z.string().min(1).max(200),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Applies a validated patch; `overrides` merge key by key, and '' clears an override. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const overrides: Partial<ServiceUrls> = { ...current.overrides };
  for (const [key, value] of Object.entries(patch.overrides ?? {}) as [keyof ServiceUrls, string][]) {
    if (value) overrides[key] = value;
    else delete overrides[key];
  }
  const { overrides: _ignored, ...rest } = patch;
  return { ...current, ...rest, overrides };
}
