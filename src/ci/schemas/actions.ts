/**
 * A decision task's `public/actions.json`, version 1 (reference/taskcluster.md §1). Only `hook` and
 * legacy `task` actions are kept; other kinds are skipped, as the spec asks.
 */
import { parseNested, z } from '../zod';

/** A set of task tags; a task matches when its tags include every entry. `{}` matches every task. */
export const ActionContextTagSetSchema = z.record(z.string(), z.string());

const actionCommonShape = {
  name: z.string().min(1),
  title: z.string(),
  description: z.string(),
  /** Empty array: a push-level action (triggered with `taskId: null`). */
  context: z.array(ActionContextTagSetSchema).default([]),
  /** JSON schema of the user input; absent means the input is `null`. */
  schema: z.union([z.looseObject({}), z.boolean()]).optional(),
  extra: z.looseObject({ actionPerm: z.string().optional() }).optional(),
};

export const HookActionSchema = z.looseObject({
  ...actionCommonShape,
  kind: z.literal('hook'),
  hookGroupId: z.string().min(1),
  hookId: z.string().regex(/^[a-zA-Z0-9_/-]+$/, 'is not a hook id'),
  /** JSON-e template of the triggerHook body. */
  hookPayload: z.looseObject({}),
});

export const TaskActionSchema = z.looseObject({
  ...actionCommonShape,
  kind: z.literal('task'),
  task: z.looseObject({}),
});

const SUPPORTED_KINDS = { hook: HookActionSchema, task: TaskActionSchema } as const;

type SupportedAction = z.output<typeof HookActionSchema> | z.output<typeof TaskActionSchema>;

/**
 * Dispatches on `kind` so that a broken hook action reports its own missing field (e.g.
 * `actions[3].hookId`) rather than a vague union failure, while unknown kinds become `null`.
 */
const ActionEntrySchema = z.looseObject({ kind: z.string() }).transform((entry, ctx): SupportedAction | null => {
  const schema = entry.kind === 'hook' || entry.kind === 'task' ? SUPPORTED_KINDS[entry.kind] : undefined;
  if (!schema) return null;
  return parseNested(schema, entry, ctx, []) ?? null;
});

export const ActionsJsonSchema = z
  .looseObject({
    version: z.literal(1),
    /** Extra JSON-e context constants. */
    variables: z.record(z.string(), z.unknown()),
    actions: z.array(ActionEntrySchema),
  })
  .transform(({ version, variables, actions }) => ({
    version,
    variables,
    actions: actions.filter((action): action is SupportedAction => action !== null),
  }));

/** A single action entry (as in the backfillTask.json sample); unknown kinds are rejected here. */
export const ActionSchema = z.union([HookActionSchema, TaskActionSchema]);

export type ActionContextTagSet = z.output<typeof ActionContextTagSetSchema>;
export type HookAction = z.output<typeof HookActionSchema>;
export type TaskAction = z.output<typeof TaskActionSchema>;
export type Action = HookAction | TaskAction;
export type ActionsJson = z.output<typeof ActionsJsonSchema>;
