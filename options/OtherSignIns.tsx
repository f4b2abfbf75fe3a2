import { useState } from 'preact/hooks';
import { browser } from '../platform/browser';
import { sendToBackground } from '../platform/messaging';
import type { CredentialsStatus } from '../src/protocol';
import { errorText } from '../ui/error-text';

/** This browser's redirect URI for the identity API (what Firefox CI must register for the OAuth client). */
function redirectUri(): string | undefined {
  try {
    return browser.identity.getRedirectURL();
  } catch {
    return undefined;
  }
}

/**
 * Sign-in routes (a) reuse Treeherder's login, with explicit consent, and (c) OAuth2. Taskcluster serves only
 * OAuth clients registered in the deployment's configuration, with exactly their redirect URIs
 * (taskcluster/taskcluster services/web-server/src/servers/oauth2.js), so route (c) works only once Firefox
 * CI's operators have registered this extension.
 */
export function OtherSignIns(props: { onChange: (status: CredentialsStatus) => void; oauthClientId?: string }) {
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [busy, setBusy] = useState(false);
  const run = async (type: 'importTreeherderLogin' | 'signInWithOAuth') => {
    setBusy(true);
    setMessage(undefined);
    try {
      const status = await sendToBackground(type, {});
      setMessage({
        text: `Signed in as ${status.clientId ?? ''}${status.expires ? `, until ${new Date(status.expires).toLocaleString()}` : ''}.${status.note ? ` ${status.note}` : ''}`,
        error: Boolean(status.missingScopes?.length),
      });
      props.onChange(status);
    } catch (error) {
      setMessage({ text: errorText(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <p>
        <button
          type="button"
          disabled={busy}
          data-testid="cit-use-treeherder-login"
          onClick={() => run('importTreeherderLogin')}
        >
          Use my Treeherder login
        </button>{' '}
        <span class="muted">
          Reads the Taskcluster login Treeherder stored in an open Treeherder tab, once, with your consent. It expires
          when Treeherder's does.
        </span>
      </p>
      <p>
        <button type="button" disabled={busy} data-testid="cit-oauth-login" onClick={() => run('signInWithOAuth')}>
          Sign in with Taskcluster
        </button>{' '}
        <span class="muted">OAuth2 third-party login.</span>
      </p>
      <p class="muted small" data-testid="cit-oauth-note">
        This works only after Firefox CI's operators have registered the OAuth client
        {props.oauthClientId ? <> “{props.oauthClientId}”</> : null} (set under Credentials below) with this browser's
        redirect URI, <code data-testid="cit-oauth-redirect">{redirectUri() ?? 'unknown'}</code>
        (Chromium: https://&lt;extension id&gt;.chromiumapp.org/, Firefox:
        https://&lt;hash&gt;.extensions.allizom.org/). The default client is not registered yet; until it is, paste a
        client or use your Treeherder login.
      </p>
      {message ? (
        <p class={message.error ? 'error' : 'ok'} role="status" data-testid="cit-signin-result">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
