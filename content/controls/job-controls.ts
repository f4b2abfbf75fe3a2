import { button, element } from '../ui/dom';
import type { Popover } from '../ui/popover';
import { backfillPopover } from './backfill-popover';
import { openBisectPopover } from './bisect-popover';
import { openIntentPopover } from './intent-popover';
import type { JobControlsContext } from './job-context';
import { retriggerPopover } from './retrigger-popover';

interface Control {
  testid: string;
  text: string;
  /** Accessible name. */
  label: string;
  title: string;
  open(context: JobControlsContext, trigger: HTMLElement): Popover;
}

const controls: ReadonlyArray<Control> = [
  {
    testid: 'cit-backfill',
    text: 'Backfill',
    label: 'Backfill this job on earlier pushes',
    title: 'Backfill: run this job on earlier pushes',
    open: (context, trigger) => openIntentPopover(context, trigger, backfillPopover),
  },
  {
    testid: 'cit-retrigger',
    text: 'Retrigger ×N',
    label: 'Retrigger this job several times',
    title: 'Retrigger ×N: run this job again on the same push',
    open: (context, trigger) => openIntentPopover(context, trigger, retriggerPopover),
  },
  {
    testid: 'cit-bisect',
    text: 'Bisect',
    label: 'Bisect: find the push that caused this failure',
    title: 'Bisect: find the culprit push with as few jobs as possible',
    open: openBisectPopover,
  },
];

/** The three compact controls of one job; each opens a popover that shows the cost before acting. */
export function createJobControls(context: JobControlsContext): HTMLElement {
  let open: { popover: Popover; trigger: HTMLElement } | undefined;
  const toggle = (trigger: HTMLElement, control: Control) => {
    if (open && !open.popover.closed && open.trigger === trigger) {
      open.popover.close({ restoreFocus: true });
      open = undefined;
      return;
    }
    open = { popover: control.open(context, trigger), trigger };
  };

  return element(
    'div',
    {
      class: 'cit-toolbar',
      role: 'toolbar',
      'aria-label': `CI Tools for job ${context.jobId}`,
      'data-testid': 'cit-job-controls',
    },
    controls.map((control) => {
      const trigger: HTMLButtonElement = button(
        {
          class: 'cit-control',
          'data-testid': control.testid,
          'aria-label': control.label,
          title: control.title,
          'aria-haspopup': 'dialog',
          'aria-expanded': 'false',
        },
        [control.text],
        () => toggle(trigger, control),
      );
      return trigger;
    }),
  );
}
