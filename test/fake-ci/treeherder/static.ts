import type { App } from '../app';
import { json, text } from '../http';
import type { Router } from '../router';

const CLASSIFICATIONS = [
  'not classified',
  'fixed by commit',
  'expected fail',
  'intermittent',
  'infra',
  'new failure not classified',
  'autoclassified intermittent',
  'intermittent needs bugid',
];

/** Repositories and the small endpoints the jobs view asks for while starting. */
export function registerStaticRoutes(router: Router, app: App): void {
  router.get(/^\/api\/repository\/?$/, (ctx) =>
    json(
      [...app.world.repos.values()].map(({ info }) => ({
        id: info.id,
        repository_group: {
          name: info.isTry ? 'try' : 'development',
          description: info.isTry
            ? ''
            : 'Collection of repositories where code initially lands in the development process',
        },
        name: info.name,
        dvcs_type: 'hg',
        url: `${ctx.origin}/${info.path}`,
        branch: null,
        codebase: 'gecko',
        description: info.description,
        active_status: 'active',
        life_cycle_order: null,
        performance_alerts_enabled: info.performanceAlertsEnabled,
        expire_performance_data: info.isTry,
        is_try_repo: info.isTry,
        tc_root_url: ctx.origin,
      })),
    ),
  );
  router.get(/^\/api\/user\/?$/, () => json([]));
  router.get(/^\/api\/failureclassification\/?$/, () => json(CLASSIFICATIONS.map((name, i) => ({ id: i + 1, name }))));
  router.get(/^\/revision\.txt$/, () => text('fa4ec1f00dfa4ec1f00dfa4ec1f00dfa4ec1f00d\n'));
}
