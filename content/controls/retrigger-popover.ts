import type { Popover } from '../ui/popover';
import type { JobControlsContext } from './job-context';
import { retriggerIntent } from './job-intents';
import { openIntentPopover } from './intent-popover';

export const DEFAULT_RETRIGGER_TIMES = 5;
export const MAX_RETRIGGER_TIMES = 100;

/** Retrigger ×N: N new runs of the job's label on its push (default 5), with a live cost preview. */
export function openRetriggerPopover(context: JobControlsContext, trigger: HTMLElement): Popover {
  const { repo, jobId, data } = context;
  return openIntentPopover({
    ...context,
    trigger,
    testid: 'cit-retrigger-popover',
    label: 'Retrigger this job',
    field: { label: 'Times', min: 1, max: MAX_RETRIGGER_TIMES },
    goLabel: 'Retrigger',
    load: async () => {
      const job = await data.describeJob(repo, jobId);
      return {
        heading: `Retrigger ${job.label}`,
        notes: [],
        initial: DEFAULT_RETRIGGER_TIMES,
        intentFor: (times) => retriggerIntent(repo, job, times),
        what: (times) => `Retrigger ×${times}`,
      };
    },
  });
}
