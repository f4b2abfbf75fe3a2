export { plainBisectionStrategy } from './bisection.js';
export { linearBackfillStrategy } from './linear.js';
export { mozciStrategy, MOZCI_BACKFILL_TIMES, MOZCI_MIN_REPRODUCED, MOZCI_RETRIGGERS } from './mozci.js';
export { retriggersOnFailingPush, startOfFailingRun } from './failure-run.js';
