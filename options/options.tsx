import '../src/zod-setup';
import '../ui/theme.css';
import './options.css';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import { resolveServiceUrls } from '../src/settings';
import { useBackground } from '../ui/use-background';
import { PasteClient } from './PasteClient';
import { OtherSignIns } from './OtherSignIns';
import { SettingsForm } from './SettingsForm';

function Options() {
  const settings = useBackground('getSettings', {});
  const status = useBackground('getCredentialsStatus', {});
  const [signOutMessage, setSignOutMessage] = useState('');
  if (settings.error)
    return (
      <main>
        <p class="error">{settings.error}</p>
      </main>
    );
  if (!settings.value)
    return (
      <main>
        <p class="muted">Loading…</p>
      </main>
    );
  const urls = resolveServiceUrls({}, settings.value);
  const s = status.value;

  return (
    <main>
      <h1>CI Tools for Treeherder: settings</h1>
      <section class="card" data-testid="cit-signin">
        <h2>Taskcluster sign-in</h2>
        <p data-testid="cit-options-signin-state">
          {s?.expired
            ? `Credentials for ${s.clientId} expired. Sign in again.`
            : s?.signedIn
              ? `Signed in as ${s.clientId}${s.expires ? ` until ${new Date(s.expires).toLocaleString()}` : ''} (${s.source}, kept in ${s.storage === 'local' ? 'this device' : 'this browser session'}).`
              : 'Not signed in.'}
        </p>
        {s?.signedIn || s?.expired ? (
          <button
            type="button"
            onClick={async () => {
              await sendToBackground('clearCredentials', {});
              setSignOutMessage('Signed out.');
              status.reload();
            }}
          >
            Sign out
          </button>
        ) : null}
        {signOutMessage ? <p role="status">{signOutMessage}</p> : null}
        <OtherSignIns onChange={() => status.reload()} oauthClientId={settings.value.oauthClientId} />
        <h2>Paste a Taskcluster client</h2>
        <PasteClient rootUrl={urls.taskclusterRootUrl} onChange={() => status.reload()} />
      </section>
      <section class="card">
        <SettingsForm settings={settings.value} onSaved={() => settings.reload()} />
      </section>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
