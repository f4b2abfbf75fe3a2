import type { App } from './app';
import { registerFakeRoutes } from './fake-api';
import { registerOAuthRoutes } from './oauth';
import { registerPageRoutes } from './page/serve';
import { registerPerfherderRoutes } from './perfherder';
import { registerPushlogRoutes } from './pushlog';
import { Router } from './router';
import { registerAuthRoutes } from './taskcluster/auth';
import { registerHookRoutes } from './taskcluster/hooks';
import { registerIndexRoutes } from './taskcluster/index-service';
import { registerQueueRoutes } from './taskcluster/queue';
import { registerJobAnnotationRoutes } from './treeherder/job-annotations';
import { registerJobDetailRoutes } from './treeherder/job-detail';
import { registerJobsRoutes } from './treeherder/jobs-api';
import { registerPerfJobDataRoutes } from './treeherder/perf-job-data';
import { registerPushRoutes } from './treeherder/pushes';
import { registerStaticRoutes } from './treeherder/static';
import { registerTreeherderUiRoutes } from './treeherder-ui';

/**
 * Every route of the fake CI, one module per service. The jobs page is the fake's model of Treeherder, or
 * Treeherder's real build when `treeherderUiBuild` names its folder (served after every API route).
 */
export function buildRoutes(app: App, treeherderUiBuild?: string): Router {
  const router = new Router();
  registerFakeRoutes(router, app);
  registerStaticRoutes(router, app);
  registerPushRoutes(router, app);
  registerJobsRoutes(router, app);
  registerJobDetailRoutes(router, app);
  registerJobAnnotationRoutes(router, app);
  registerPerfJobDataRoutes(router, app);
  registerPerfherderRoutes(router, app);
  registerQueueRoutes(router, app);
  registerIndexRoutes(router, app);
  registerAuthRoutes(router, app);
  registerHookRoutes(router, app);
  registerPushlogRoutes(router, app);
  registerOAuthRoutes(router, app);
  if (treeherderUiBuild) registerTreeherderUiRoutes(router, treeherderUiBuild);
  else registerPageRoutes(router, app);
  return router;
}
