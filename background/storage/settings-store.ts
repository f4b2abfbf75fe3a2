import { applySettingsPatch, DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../src/settings';
import { readPrivate, SETTINGS_KEY, writePrivate } from './private-values';

/**
 * Settings live in the extension-only store (private-values.ts): never storage.sync (budgets and URLs are
 * per device), never storage.local (a content script could raise the daily cap there).
 */
export async function loadSettings(): Promise<Settings> {
  const stored = await readPrivate<Partial<Settings>>(SETTINGS_KEY);
  return { ...DEFAULT_SETTINGS, ...stored, overrides: { ...stored?.overrides } };
}

export async function saveSettingsPatch(patch: SettingsPatch): Promise<Settings> {
  const next = applySettingsPatch(await loadSettings(), patch);
  await writePrivate(SETTINGS_KEY, next);
  return next;
}
