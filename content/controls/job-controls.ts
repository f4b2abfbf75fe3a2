import { button, element } from '../ui/dom';
import type { Popover } from '../ui/popover';
import { openBackfillPopover } from './backfill-popover';
import { openBisectPopover } from './bisect-popover';
import type { JobControlsContext } from './job-context';
import { openRetriggerPopover } from './retrigger-popover';

/** The three compact controls of one job; each opens a popover that shows the cost before acting. */
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

  const backfill = button(
    {
      class: 'cit-control',
      'data-testid': 'cit-backfill',
      'aria-label': 'Backfill this job on earlier pushes',
      title: 'Backfill: run this job on earlier pushes',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
    },
    ['Backfill'],
    () => toggle(backfill, () => openBackfillPopover(context, backfill)),
  );
  const retrigger = button(
    {
      class: 'cit-control',
      'data-testid': 'cit-retrigger',
      'aria-label': 'Retrigger this job several times',
      title: 'Retrigger ×N: run this job again on the same push',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
    },
    ['Retrigger ×N'],
    () => toggle(retrigger, () => openRetriggerPopover(context, retrigger)),
  );
  const bisect = button(
    {
      class: 'cit-control',
      'data-testid': 'cit-bisect',
      'aria-label': 'Bisect: find the push that caused this failure',
      title: 'Bisect: find the culprit push with as few jobs as possible',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
    },
    ['Bisect'],
    () => toggle(bisect, () => openBisectPopover(context, bisect)),
  );

  return element(
    'div',
    {
      class: 'cit-toolbar',
      role: 'toolbar',
      'aria-label': `CI Tools for job ${context.jobId}`,
      'data-testid': 'cit-job-controls',
    },
    [backfill, retrigger, bisect],
  );
}
