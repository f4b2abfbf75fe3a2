import { useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import { PRODUCTION_URLS, type Settings, type SettingsPatch } from '../src/settings';

/** Budgets, retention and URL overrides. Changes are validated by the background before saving. */
export function SettingsForm(props: { settings: Settings; onSaved: (s: Settings) => void }) {
  const [draft, setDraft] = useState<Settings>(props.settings);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const setNumber = (key: 'confirmAboveTasks' | 'dailyTaskCap' | 'logRetentionDays') => (e: Event) =>
    setDraft({ ...draft, [key]: Number((e.currentTarget as HTMLInputElement).value) });
  const setOverride = (key: keyof Settings['overrides']) => (e: Event) =>
    setDraft({
      ...draft,
      overrides: { ...draft.overrides, [key]: (e.currentTarget as HTMLInputElement).value.trim() },
    });

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
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    }
  };

  return (
    <form onSubmit={save} data-testid="cit-settings-form">
      <h2>Budgets</h2>
      <label>
        <span>Confirm above (tasks per trigger)</span>
        <input
          type="number"
          min={1}
          max={1000}
          value={draft.confirmAboveTasks}
          onInput={setNumber('confirmAboveTasks')}
        />
      </label>
      <label>
        <span>Daily cap (tasks per day)</span>
        <input type="number" min={1} max={5000} value={draft.dailyTaskCap} onInput={setNumber('dailyTaskCap')} />
      </label>
      <h2>Trigger log</h2>
      <label>
        <span>Keep entries for (days)</span>
        <input
          type="number"
          min={1}
          max={3650}
          value={draft.logRetentionDays}
          onInput={setNumber('logRetentionDays')}
        />
      </label>
      <h2>Services</h2>
      <p class="muted">Normally found from the Treeherder page you are on. Set these only to override.</p>
      <label>
        <span>Treeherder</span>
        <input
          type="url"
          placeholder={PRODUCTION_URLS.treeherderUrl}
          value={draft.overrides.treeherderUrl ?? ''}
          onInput={setOverride('treeherderUrl')}
        />
      </label>
      <label>
        <span>Taskcluster root URL</span>
        <input
          type="url"
          placeholder={PRODUCTION_URLS.taskclusterRootUrl}
          value={draft.overrides.taskclusterRootUrl ?? ''}
          onInput={setOverride('taskclusterRootUrl')}
        />
      </label>
      <label>
        <span>hg (pushlog)</span>
        <input
          type="url"
          placeholder={PRODUCTION_URLS.hgUrl}
          value={draft.overrides.hgUrl ?? ''}
          onInput={setOverride('hgUrl')}
        />
      </label>
      <h2>Credentials</h2>
      <label>
        <input
          type="checkbox"
          checked={draft.rememberCredentials}
          onChange={(e) => setDraft({ ...draft, rememberCredentials: e.currentTarget.checked })}
        />{' '}
        Remember credentials on this device (otherwise they are forgotten when the browser closes)
      </label>
      <label>
        <span>OAuth client id (registered with Firefox CI for the "Sign in with Taskcluster" route)</span>
        <input
          type="text"
          data-testid="cit-oauth-client-id"
          value={draft.oauthClientId}
          onInput={(e) => setDraft({ ...draft, oauthClientId: e.currentTarget.value.trim() })}
        />
      </label>
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
