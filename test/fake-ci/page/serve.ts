import type { App } from '../app';
import { text } from '../http';
import type { Router } from '../router';

/** Placeholder until the page lands. */
export function registerPageRoutes(router: Router, app: App): void {
  router.get(/^\/jobs\/?$/, () => text(`<!doctype html><title>${app.scenario.name}</title>`, 'text/html'), 'page');
}
