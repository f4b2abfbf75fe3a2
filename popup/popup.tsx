import '../src/zod-setup';
import '../ui/theme.css';
import './popup.css';
import { render } from 'preact';
import { browser } from '../platform/browser';
import { useBackground } from '../ui/use-background';
import { SignInState } from './SignInState';
import { TrackedList } from './TrackedList';
import { BisectionList } from './BisectionList';
import { LogExport } from './LogExport';

function Popup() {
  const ping = useBackground('ping', {});
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
        <BisectionList />
        <TrackedList />
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
