import './content.css';
import '../src/zod-setup';
import { createContentContext } from './context';
import { installDevBridge } from './dev-bridge';
import { publishObserveStats } from './dev-observe-stats';
import { mountStatusChip } from './features/status-chip';
import { startFailingJobWidgets } from './features/failing-job-widgets';
import { startActionBarControls } from './features/action-bar-controls';
import { startArtifactsControl } from './features/artifacts-control';
import { startCompletenessBadges } from './features/completeness-badge';
import { answerTreeherderLoginRequests } from './features/treeherder-login';

function start(): void {
  const { signal } = createContentContext();
  if (__CIT_DEV__) {
    installDevBridge(signal);
    publishObserveStats(signal);
  }
  mountStatusChip(signal);
  startFailingJobWidgets(signal);
  startActionBarControls(signal);
  startArtifactsControl(signal);
  startCompletenessBadges(signal);
  answerTreeherderLoginRequests(signal);
}

start();
