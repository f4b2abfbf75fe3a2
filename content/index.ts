import './content.css';
import '../src/zod-setup';
import { createContentContext } from './context';
import { installDevBridge } from './dev-bridge';
import { mountStatusChip } from './features/status-chip';
import { answerTreeherderLoginRequests } from './features/treeherder-login';


function start(): void {
  const { signal } = createContentContext();
  if (__CIT_DEV__) installDevBridge(signal);
  mountStatusChip(signal);
  answerTreeherderLoginRequests(signal);
}

start();
