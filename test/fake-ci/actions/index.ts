import { addNewJobs, runMissingTests } from './add-new-jobs';
import { backfill, backfillTaskAction } from './backfill';
import { cancel, cancelAll } from './cancel';
import { confirmFailures } from './confirm-failures';
import type { ActionRun } from './context';
import { rerun, retrigger, retriggerMultiple } from './retrigger';

/** In-tree action callbacks the fake carries out, by `cb_name`; others create an action task and nothing else. */
export const CALLBACKS: Record<string, (run: ActionRun) => void> = {
  'retrigger-multiple': retriggerMultiple,
  retrigger,
  rerun,
  backfill,
  'backfill-task': backfillTaskAction,
  'add-new-jobs': addNewJobs,
  'run-missing-tests': runMissingTests,
  'confirm-failures': confirmFailures,
  cancel,
  'cancel-all': cancelAll,
};
