import { browser } from '../platform/browser';
import { useBackground } from '../ui/use-background';

/** One line saying whether triggering will work, and where to fix it if not. */
export function SignInState() {
  const status = useBackground('getCredentialsStatus', {});
  const openOptions = () => void browser.runtime.openOptionsPage();
  if (status.loading && !status.value) return <p class="muted">Checking sign-in…</p>;
  if (status.error)
    return (
      <p class="error" data-testid="cit-signin-error">
        {status.error}
      </p>
    );
  const s = status.value;
  if (s?.expired) {
    return (
      <p class="error" data-testid="cit-signin-state">
        Your Taskcluster credentials expired{s.expires ? ` on ${new Date(s.expires).toLocaleString()}` : ''}. Sign in
        again.{' '}
        <button type="button" class="link" onClick={openOptions}>
          Sign in
        </button>
      </p>
    );
  }
  if (!s?.signedIn) {
    return (
      <p data-testid="cit-signin-state">
        Not signed in: you can look, but not trigger.{' '}
        <button type="button" class="link" onClick={openOptions}>
          Sign in
        </button>
      </p>
    );
  }
  return (
    <p data-testid="cit-signin-state" class="ok">
      Signed in as <code>{s.clientId}</code>
      {s.expires ? <span class="muted"> · until {new Date(s.expires).toLocaleString()}</span> : null}
    </p>
  );
}
