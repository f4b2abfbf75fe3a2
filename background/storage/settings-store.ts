import { applySettingsPatch, DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../src/settings';
import { readKey, writeKey } from './storage';

const KEY = 'settings';

/** Settings live in storage.local (never sync: they sit beside budget and URL choices that are per device). */
export async function loadSettings(): Promise<Settings> {
  const stored = await readKey<Partial<Settings>>('local', KEY);
  return { ...DEFAULT_SETTINGS, ...stored, overrides: { ...stored?.overrides } };
}

export async function saveSettingsPatch(patch: SettingsPatch): Promise<Settings> {
  const next = applySettingsPatch(await loadSettings(), patch);
  await writeKey('local', KEY, next);
  return next;
}
