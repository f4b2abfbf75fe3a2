import { useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import type { CredentialsStatus } from '../src/protocol';
import { LabeledInput } from '../ui/LabeledInput';
import { errorText } from '../ui/error-text';

/** Sign-in route (b): paste the clientId and accessToken of a Taskcluster client. */
export function PasteClient(props: { rootUrl: string; onChange: (status: CredentialsStatus) => void }) {
  const [clientId, setClientId] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const createUrl = `${props.rootUrl}/auth/clients/create?scope=${encodeURIComponent('hooks:trigger-hook:project-gecko/in-tree-action-*')}&expires=${encodeURIComponent('7 days')}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const status = await sendToBackground('setPastedCredentials', { clientId, accessToken });
      setAccessToken('');
      setMessage({
        text: `Saved client ${status.clientId ?? ''}.${status.note ? ` ${status.note}` : ''}`,
        error: Boolean(status.missingScopes?.length),
      });
      props.onChange(status);
    } catch (error) {
      setMessage({ text: errorText(error), error: true });
    }
  };

  return (
    <form onSubmit={submit} data-testid="cit-paste-client">
      <p class="muted">
        Create a client with only the scope it needs at{' '}
        <a href={createUrl} target="_blank" rel="noreferrer">
          the Taskcluster client page
        </a>
        , then paste it here.
      </p>
      <LabeledInput
        label="Client id"
        type="text"
        name="clientId"
        autocomplete="off"
        value={clientId}
        onInput={(e) => setClientId(e.currentTarget.value)}
        required
      />
      <LabeledInput
        label="Access token"
        type="password"
        name="accessToken"
        autocomplete="off"
        value={accessToken}
        onInput={(e) => setAccessToken(e.currentTarget.value)}
        required
      />
      <button type="submit" class="primary">
        Save client
      </button>
      {message ? (
        <p class={message.error ? 'error' : 'ok'} role="status" data-testid="cit-paste-result">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
