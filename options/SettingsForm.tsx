import { useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import { PRODUCTION_URLS, type Settings, type SettingsPatch } from '../src/settings';
import { LabeledInput } from '../ui/LabeledInput';
import { errorText } from '../ui/error-text';

/** Budgets, retention and URL overrides. Changes are validated by the background before saving. */
export function SettingsForm(props: { settings: Settings; onSaved: (s: Settings) => void }) {
  const [draft, setDraft] = useState<Settings>(props.settings);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const numberInput = (key: 'confirmAboveTasks' | 'dailyTaskCap' | 'logRetentionDays', label: string, max: number) => (
    <LabeledInput
      label={label}
      type="number"
      min={1}
      max={max}
      value={draft[key]}
      onInput={(e) => setDraft({ ...draft, [key]: Number(e.currentTarget.value) })}
    />
  );
  const urlInput = (key: keyof Settings['overrides'], label: string) => (
    <LabeledInput
      label={label}
      type="url"
      placeholder={PRODUCTION_URLS[key]}
      value={draft.overrides[key] ?? ''}
      onInput={(e) => setDraft({ ...draft, overrides: { ...draft.overrides, [key]: e.currentTarget.value.trim() } })}
    />
  );

  const save = async (event: Event) => {
    event.preventDefault();
    const patch: SettingsPatch = {
      confirmAboveTasks: draft.confirmAboveTasks,
      dailyTaskCap: draft.dailyTaskCap,
      logRetentionDays: draft.logRetentionDays,
      rememberCredentials: draft.rememberCredentials,
      oauthClientId: draft.oauthClientId,
      overrides: {
        treeherderUrl: draft.overrides.treeherderUrl ?? '',
        taskclusterRootUrl: draft.overrides.taskclusterRootUrl ?? '',
        hgUrl: draft.overrides.hgUrl ?? '',
      },
    };
    try {
      const saved = await sendToBackground('updateSettings', patch);
      setMessage({ text: 'Saved.', error: false });
      props.onSaved(saved);
    } catch (error) {
      setMessage({ text: errorText(error), error: true });
    }
  };

  return (
    <form onSubmit={save} data-testid="cit-settings-form">
      <h2>Budgets</h2>
      {numberInput('confirmAboveTasks', 'Confirm above (tasks per trigger)', 1000)}
      {numberInput('dailyTaskCap', 'Daily cap (tasks per day)', 5000)}
      <h2>Trigger log</h2>
      {numberInput('logRetentionDays', 'Keep entries for (days)', 3650)}
      <h2>Services</h2>
      <p class="muted">Normally found from the Treeherder page you are on. Set these only to override.</p>
      {urlInput('treeherderUrl', 'Treeherder')}
      {urlInput('taskclusterRootUrl', 'Taskcluster root URL')}
      {urlInput('hgUrl', 'hg (pushlog)')}
      <h2>Credentials</h2>
      <label>
        <input
          type="checkbox"
          checked={draft.rememberCredentials}
          onChange={(e) => setDraft({ ...draft, rememberCredentials: e.currentTarget.checked })}
        />{' '}
        Remember credentials on this device (otherwise they are forgotten when the browser closes)
      </label>
      <LabeledInput
        label='OAuth client id (registered with Firefox CI for the "Sign in with Taskcluster" route)'
        type="text"
        data-testid="cit-oauth-client-id"
        value={draft.oauthClientId}
        onInput={(e) => setDraft({ ...draft, oauthClientId: e.currentTarget.value.trim() })}
      />
      <p>
        <button type="submit" class="primary">
          Save settings
        </button>
      </p>
      {message ? (
        <p class={message.error ? 'error' : 'ok'} role="status" data-testid="cit-settings-result">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
