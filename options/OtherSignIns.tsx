import { useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import type { CredentialsStatus } from '../src/protocol';
import { errorText } from '../ui/error-text';

/** Sign-in routes (a) reuse Treeherder's login, with explicit consent, and (c) OAuth2. */
export function OtherSignIns(props: { onChange: (status: CredentialsStatus) => void }) {
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
        <span class="muted">OAuth2 third-party login; works once Firefox CI has registered this extension.</span>
      </p>
      {message ? (
        <p class={message.error ? 'error' : 'ok'} role="status" data-testid="cit-signin-result">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
