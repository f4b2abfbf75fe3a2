import { devBridge } from './dev-bridge';
import { observeStatsPublisher } from './dev-observe-stats';
import type { ContentFeature } from './feature';
import { actionBar } from './features/action-bar';
import { completenessBadge } from './features/completeness-badge';
import { failingJobWidgets } from './features/failing-job-widgets';
import { statusChip } from './features/status-chip';
import { treeherderLogin } from './features/treeherder-login';

/** Every feature of the page, started in this order. A new feature is a file in features/ and a line here. */
export const features: ReadonlyArray<ContentFeature> = [
  statusChip,
  failingJobWidgets,
  actionBar,
  completenessBadge,
  treeherderLogin,
];

/** Development builds only (index.ts leaves them out of store builds): hooks for the e2e tests and the benchmark. */
export const devFeatures: ReadonlyArray<ContentFeature> = [devBridge, observeStatsPublisher];
