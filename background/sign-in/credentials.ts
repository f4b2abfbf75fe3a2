import { credentialsExpired, type StoredCredentials } from '../../src/credentials';
import type { CredentialsStatus } from '../../src/protocol';
import { loadSettings } from '../storage/settings-store';
import { readKey, removeKey, writeKey } from '../storage/storage';

const KEY = 'tcCredentials';

/** Credentials are read from session first (default), then local (only if the user chose "remember"). */
export async function loadCredentials(): Promise<StoredCredentials | undefined> {
  return (await readKey<StoredCredentials>('session', KEY)) ?? (await readKey<StoredCredentials>('local', KEY));
}

export async function saveCredentials(creds: StoredCredentials): Promise<CredentialsStatus> {
  const { rememberCredentials } = await loadSettings();
  await removeKey(rememberCredentials ? 'session' : 'local', KEY);
  await writeKey(rememberCredentials ? 'local' : 'session', KEY, creds);
  return credentialsStatus();
}

export async function clearCredentials(): Promise<CredentialsStatus> {
  await removeKey('session', KEY);
  await removeKey('local', KEY);
  return credentialsStatus();
}

export async function credentialsStatus(now = Date.now()): Promise<CredentialsStatus> {
  const session = await readKey<StoredCredentials>('session', KEY);
  const creds = session ?? (await readKey<StoredCredentials>('local', KEY));
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
