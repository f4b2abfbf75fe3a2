import type { IntentPopoverKind } from './intent-popover';
import { retriggerIntent } from './job-intents';

export const DEFAULT_RETRIGGER_TIMES = 5;
export const MAX_RETRIGGER_TIMES = 100;

/** Retrigger ×N: N new runs of the job's label on its push (default 5), with a live cost preview. */
export const retriggerPopover: IntentPopoverKind = {
  testid: 'cit-retrigger-popover',
  label: 'Retrigger this job',
  field: { label: 'Times', min: 1, max: MAX_RETRIGGER_TIMES },
  goLabel: 'Retrigger',
  load: async ({ repo, jobId, data }) => {
    const job = await data.describeJob(repo, jobId);
    return {
      heading: `Retrigger ${job.label}`,
      notes: [],
      initial: DEFAULT_RETRIGGER_TIMES,
      intentFor: (times) => retriggerIntent(repo, job, times),
      what: (times) => `Retrigger ×${times}`,
    };
  },
};
