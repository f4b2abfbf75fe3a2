import { button, element } from '../ui/dom';
import type { OverlayLayer } from '../ui/layer';
import type { Popover } from '../ui/popover';
import { showToast } from '../ui/toast';
import { openBackfillPopover } from './backfill-popover';
import type { BackgroundData } from './background-data';
import { openRetriggerPopover } from './retrigger-popover';

/** Everything a job's controls need; `host` is the layer widget the popovers hang from. */
export interface JobControlsContext {
  layer: OverlayLayer;
  host: HTMLElement;
  signal: AbortSignal;
  repo: string;
  jobId: number;
  data: BackgroundData;
}

export const BISECT_UNAVAILABLE = 'Bisection is not available in this version yet';

/**
 * The three compact controls of one job: Backfill and Retrigger ×N open popovers; Bisect stays
 * disabled (focusable, with its reason) until the culprit-finding feature lands.
 */
export function createJobControls(context: JobControlsContext): HTMLElement {
  let open: { popover: Popover; trigger: HTMLElement } | undefined;
  const toggle = (trigger: HTMLElement, openIt: () => Popover) => {
    if (open && !open.popover.closed && open.trigger === trigger) {
      open.popover.close({ restoreFocus: true });
      open = undefined;
      return;
    }
    open = { popover: openIt(), trigger };
  };

  const backfill = button({
    class: 'cit-control', 'data-testid': 'cit-backfill', 'aria-label': 'Backfill this job on earlier pushes',
    title: 'Backfill: run this job on earlier pushes', 'aria-haspopup': 'dialog', 'aria-expanded': 'false',
  }, ['Backfill'], () => toggle(backfill, () => openBackfillPopover(context, backfill)));
  const retrigger = button({
    class: 'cit-control', 'data-testid': 'cit-retrigger', 'aria-label': 'Retrigger this job several times',
    title: 'Retrigger ×N: run this job again on the same push', 'aria-haspopup': 'dialog', 'aria-expanded': 'false',
  }, ['Retrigger ×N'], () => toggle(retrigger, () => openRetriggerPopover(context, retrigger)));
  // aria-disabled rather than disabled: it stays focusable and its reason can be read and hovered.
  const bisect = button({
    class: 'cit-control', 'data-testid': 'cit-bisect', 'aria-label': 'Bisect (unavailable)',
    'aria-disabled': 'true', 'aria-description': BISECT_UNAVAILABLE, title: BISECT_UNAVAILABLE,
  }, ['Bisect'], () => showToast(context.layer, { at: bisect, kind: 'info', message: `${BISECT_UNAVAILABLE}.` }));

  return element('div', {
    class: 'cit-toolbar', role: 'toolbar', 'aria-label': `CI Tools for job ${context.jobId}`, 'data-testid': 'cit-job-controls',
  }, [backfill, retrigger, bisect]);
}
