import '../src/zod-setup';
import '../ui/theme.css';
import './popup.css';
import { render } from 'preact';
import { browser } from '../platform/browser';
import { sendToBackground } from '../platform/messaging';
import { useBackground } from '../ui/use-background';
import { useRefreshed } from '../ui/use-refreshed';
import { SignInState } from './SignInState';
import { TrackedList } from './TrackedList';
import { BisectionList } from './BisectionList';
import { LogExport } from './LogExport';

/** Refreshed every 5 s while the popup is open; asking for the tracked triggers also steps the bisections. */
const REFRESH_MS = 5000;

function Popup() {
  const ping = useBackground('ping', {});
  const tracked = useRefreshed(
    { first: () => sendToBackground('listTracked', {}), next: () => sendToBackground('pollTrackedNow', {}) },
    REFRESH_MS,
  );
  const sessions = useRefreshed({ next: () => sendToBackground('listBisections', {}) }, REFRESH_MS);
  return (
    <>
      <header>
        <h1>CI Tools for Treeherder</h1>
        <span class="muted" data-testid="cit-popup-version">
          {ping.value ? `v${ping.value.version}` : ping.error ? 'background error' : '…'}
        </span>
      </header>
      <main>
        <SignInState />
        <BisectionList
          sessions={sessions.value}
          error={sessions.error}
          tracked={tracked.value ?? []}
          onChange={(next) => sessions.setValue((sessions.value ?? []).map((s) => (s.id === next.id ? next : s)))}
        />
        <TrackedList groups={tracked.value} error={tracked.error} now={tracked.at} />
        <p class="row">
          <LogExport />
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            Settings
          </button>
        </p>
        <p class="row" data-testid="cit-popup-reports">
          {[
            ['waste', 'Waste report'],
            ['artifacts', 'Artifact finder'],
            ['revisions', 'Revisions'],
          ].map(([page, title]) => (
            <a key={page} href={`../report/${page}.html`} target="_blank" rel="noreferrer">
              {title}
            </a>
          ))}
        </p>
      </main>
    </>
  );
}

render(<Popup />, document.getElementById('app')!);
