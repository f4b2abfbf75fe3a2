import type { Handlers } from '../src/messaging/router';
import type { Protocol } from '../src/protocol';
import { browser } from '../platform/browser';
import { clearCredentials, credentialsStatus, saveCredentials } from './credentials';
import { loadSettings, saveSettingsPatch } from './settings-store';

/** One handler per protocol message. Data arrives already validated by the router. */
export const handlers: Handlers<Protocol> = {
  ping: (_data, sender) => ({ version: browser.runtime.getManifest().version, fromExtensionPage: sender.fromExtensionPage }),
  getSettings: () => loadSettings(),
  updateSettings: (patch) => saveSettingsPatch(patch),
  getCredentialsStatus: () => credentialsStatus(),
  setPastedCredentials: ({ clientId, accessToken }) => saveCredentials({ clientId, accessToken, source: 'pasted' }),
  clearCredentials: () => clearCredentials(),
};
