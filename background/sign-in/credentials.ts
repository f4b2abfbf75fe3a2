import { credentialsExpired, type StoredCredentials } from '../../src/credentials';
import type { CredentialsStatus } from '../../src/protocol';
import { readPrivate, REMEMBERED_CREDENTIALS_KEY, removePrivate, writePrivate } from '../storage/private-values';
import { loadSettings } from '../storage/settings-store';
import { readKey, removeKey, writeKey } from '../storage/storage';

const SESSION_KEY = 'tcCredentials';

/**
 * Credentials are kept in storage.session by default (cleared with the browser; trusted contexts only),
 * or, when the user chose "remember", in the extension-only store. Never in storage.local, which content
 * scripts can read.
 */
export async function loadCredentials(): Promise<StoredCredentials | undefined> {
  return (
    (await readKey<StoredCredentials>('session', SESSION_KEY)) ??
    (await readPrivate<StoredCredentials>(REMEMBERED_CREDENTIALS_KEY))
  );
}

export async function saveCredentials(creds: StoredCredentials): Promise<CredentialsStatus> {
  const { rememberCredentials } = await loadSettings();
  if (rememberCredentials) {
    await removeKey('session', SESSION_KEY);
    await writePrivate(REMEMBERED_CREDENTIALS_KEY, creds);
  } else {
    await removePrivate(REMEMBERED_CREDENTIALS_KEY);
    await writeKey('session', SESSION_KEY, creds);
  }
  return credentialsStatus();
}

export async function clearCredentials(): Promise<CredentialsStatus> {
  await removeKey('session', SESSION_KEY);
  await removePrivate(REMEMBERED_CREDENTIALS_KEY);
  return credentialsStatus();
}

export async function credentialsStatus(now = Date.now()): Promise<CredentialsStatus> {
  const session = await readKey<StoredCredentials>('session', SESSION_KEY);
  const creds = session ?? (await readPrivate<StoredCredentials>(REMEMBERED_CREDENTIALS_KEY));
  if (!creds) return { signedIn: false };
  const expired = credentialsExpired(creds, now);
  return {
    signedIn: !expired,
    clientId: creds.clientId,
    ...(creds.expires ? { expires: creds.expires } : {}),
    expired,
    source: creds.source,
    storage: session ? 'session' : 'local',
  };
}
