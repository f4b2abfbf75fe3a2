import { z } from 'zod';
import { TaskIdSchema } from '../ids';
import { pushRefSchema } from '../push-ref';

// Which push an intent is about; the revision is the push tip (for links and the log).
export { pushRefSchema, type PushRef } from '../push-ref';

/** A job the user pointed at, as the page showed it. */
export const jobRefSchema = z.object({
  /** Treeherder job id; absent when the job is known only as a Taskcluster task (e.g. from the popup). */
  jobId: z.number().int().positive().optional(),
  taskId: TaskIdSchema,
  label: z.string().min(1).max(400),
  symbol: z.string().max(100).optional(),
  groupSymbol: z.string().max(100).optional(),
});

const labels = z.array(z.string().min(1).max(400)).min(1).max(500);

/**
 * What a user (or the bisection runner) wants to happen. Every trigger in the extension starts as one
 * of these (docs/design.md, decision 5, step 1); bounds are the in-tree actions' own limits.
 */
export const triggerIntentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('retrigger'),
    push: pushRefSchema,
    labels,
    times: z.number().int().min(1).max(100),
    job: jobRefSchema.optional(),
  }),
  z.object({
    kind: z.literal('backfill'),
    push: pushRefSchema,
    job: jobRefSchema,
    depth: z.number().int().min(1).max(25),
    times: z.number().int().min(1).max(10).default(1),
    inclusive: z.boolean().default(false),
    retrigger: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('add-new-jobs'),
    push: pushRefSchema,
    labels,
    times: z.number().int().min(1).max(100).default(1),
  }),
  z.object({ kind: z.literal('confirm-failures'), push: pushRefSchema, job: jobRefSchema }),
  z.object({
    kind: z.literal('run-missing-tests'),
    push: pushRefSchema,
    missingLabels: z.array(z.string()).max(20000).optional(),
  }),
  z.object({ kind: z.literal('cancel'), push: pushRefSchema, job: jobRefSchema }),
  z.object({ kind: z.literal('cancel-all'), push: pushRefSchema }),
]);

export type TriggerIntent = z.output<typeof triggerIntentSchema>;
export type TriggerIntentInput = z.input<typeof triggerIntentSchema>;
export type JobRef = z.output<typeof jobRefSchema>;
