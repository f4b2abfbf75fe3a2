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
import { registerJobDetailRoutes } from './treeherder/job-detail';
import { registerJobsRoutes } from './treeherder/jobs-api';
import { registerPushRoutes } from './treeherder/pushes';
import { registerStaticRoutes } from './treeherder/static';

/** Every route of the fake CI, one module per service. */
export function buildRoutes(app: App): Router {
  const router = new Router();
  registerFakeRoutes(router, app);
  registerStaticRoutes(router, app);
  registerPushRoutes(router, app);
  registerJobsRoutes(router, app);
  registerJobDetailRoutes(router, app);
  registerPerfherderRoutes(router, app);
  registerQueueRoutes(router, app);
  registerIndexRoutes(router, app);
  registerAuthRoutes(router, app);
  registerHookRoutes(router, app);
  registerPushlogRoutes(router, app);
  registerOAuthRoutes(router, app);
  registerPageRoutes(router, app);
  return router;
}
