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
        <span class="muted" data-testid="cit-popup-version">{ping.value ? `v${ping.value.version}` : ping.error ? 'background error' : '…'}</span>
      </header>
      <main>
        <SignInState />
        <BisectionList />
        <TrackedList />
        <p class="row">
          <LogExport />
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>Settings</button>
        </p>
      </main>
    </>
  );
}

render(<Popup />, document.getElementById('app')!);
