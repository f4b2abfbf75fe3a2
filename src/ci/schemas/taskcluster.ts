/**
 * Taskcluster Queue, Index, Auth and Hooks responses (reference/taskcluster.md §1.6, §4, §5 and the
 * published schemas under shared/samples/taskcluster/schemas). Loose objects; fields we read are strict.
 */
import { z } from '../zod';
import { IsoTimeSchema } from './common';
import { TaskIdSchema } from '../../ids';

// ---------------------------------------------------------------- task definition

/** `extra.treeherder` as Gecko writes it; tells us symbol, group and platform of a task. */
export const TreeherderExtraSchema = z.looseObject({
  symbol: z.string(),
  groupSymbol: z.string().optional(),
  groupName: z.string().optional(),
  tier: z.number().int().min(1).max(3).optional(),
  jobKind: z.string().optional(),
  machine: z.looseObject({ platform: z.string() }).optional(),
  collection: z.record(z.string(), z.boolean()).optional(),
});

/**
 * `extra.action` of an action task: the action's name and the context it was triggered with (`taskId` null for
 * a push-level action; `clientId` of whoever fired the hook, when the deployment records it).
 */
export const ActionExtraSchema = z.looseObject({
  name: z.string(),
  context: z.looseObject({
    taskGroupId: TaskIdSchema.optional(),
    taskId: TaskIdSchema.nullable().optional(),
    input: z.unknown().optional(),
    clientId: z.string().optional(),
  }),
});

/** `GET /api/queue/v1/task/<taskId>`. */
export const TaskDefinitionSchema = z.looseObject({
  /** = the decision task of the push. */
  taskGroupId: TaskIdSchema,
  // Current tasks carry taskQueueId; 2019–2020 definitions carry provisionerId/workerType instead.
  taskQueueId: z.string().optional(),
  dependencies: z.array(TaskIdSchema),
  created: IsoTimeSchema,
  deadline: IsoTimeSchema,
  /** After this the task and its artifacts are gone (Treeherder disables backfill). */
  expires: IsoTimeSchema,
  /** A decision task's scopes are expanded to check it may trigger an action hook. */
  scopes: z.array(z.string()),
  metadata: z.looseObject({
    /** The task's label. */
    name: z.string(),
  }),
  /** Matched against action context tag-sets; values are always strings. */
  tags: z.record(z.string(), z.string()),
  extra: z.looseObject({
    treeherder: TreeherderExtraSchema.optional(),
    /** taskId of the action or decision task that created this task. */
    parent: TaskIdSchema.optional(),
    /** Action tasks only (gecko `.taskcluster.yml`): which action ran, on what. */
    action: ActionExtraSchema.optional(),
  }),
});

// ---------------------------------------------------------------- task status

export const TASK_STATES = ['unscheduled', 'pending', 'running', 'completed', 'failed', 'exception'] as const;
export const RUN_STATES = ['pending', 'running', 'completed', 'failed', 'exception'] as const;

export const TaskRunSchema = z.looseObject({
  runId: z.number().int().nonnegative(),
  state: z.enum(RUN_STATES),
  // Taskcluster documents that "more reasons may be added", so these stay open strings.
  reasonCreated: z.string(),
  reasonResolved: z.string().optional(),
  scheduled: IsoTimeSchema,
  started: IsoTimeSchema.optional(),
  resolved: IsoTimeSchema.optional(),
  workerGroup: z.string().optional(),
  workerId: z.string().optional(),
});

export const TaskStatusSchema = z.looseObject({
  taskId: TaskIdSchema,
  taskGroupId: TaskIdSchema,
  /** State of the latest run, or `unscheduled`. */
  state: z.enum(TASK_STATES),
  runs: z.array(TaskRunSchema),
  retriesLeft: z.number().int().nonnegative(),
  deadline: IsoTimeSchema,
  expires: IsoTimeSchema,
});

/** `GET /task/<taskId>/status`. */
export const TaskStatusResponseSchema = z.looseObject({ status: TaskStatusSchema });

/** `POST /tasks/status` (unknown task ids are dropped by the server). */
export const TaskStatusesResponseSchema = z.looseObject({
  statuses: z.array(z.looseObject({ taskId: TaskIdSchema, status: TaskStatusSchema })),
  continuationToken: z.string().optional(),
});

// ---------------------------------------------------------------- task group

export const TaskDefinitionAndStatusSchema = z.looseObject({
  task: TaskDefinitionSchema,
  status: TaskStatusSchema,
});

/** `GET /task-group/<id>/list`: one page; loop while `continuationToken` is present. */
export const TaskGroupListSchema = z.looseObject({
  taskGroupId: TaskIdSchema,
  tasks: z.array(TaskDefinitionAndStatusSchema),
  continuationToken: z.string().optional(),
});

/** `GET /task/<taskId>/dependents`: tasks with `taskId` among their dependencies; loop while a token comes. */
export const DependentTasksSchema = z.looseObject({
  taskId: TaskIdSchema,
  tasks: z.array(TaskDefinitionAndStatusSchema),
  continuationToken: z.string().optional(),
});

// ---------------------------------------------------------------- artifacts

export const ArtifactSchema = z.looseObject({
  storageType: z.enum(['s3', 'object', 'reference', 'link', 'error']),
  name: z.string(),
  expires: IsoTimeSchema,
  contentType: z.string(),
  contentLength: z.number().int().nonnegative().optional(),
});

/** `GET /task/<id>/artifacts` and `/task/<id>/runs/<run>/artifacts`. */
export const ArtifactListSchema = z.looseObject({
  artifacts: z.array(ArtifactSchema),
  continuationToken: z.string().optional(),
});

// ---------------------------------------------------------------- index, auth, hooks, errors

/** `GET /api/index/v1/task/<indexPath>`. */
export const IndexedTaskSchema = z.looseObject({
  namespace: z.string(),
  taskId: TaskIdSchema,
  rank: z.number(),
  data: z.looseObject({}),
  expires: IsoTimeSchema,
});

/** `GET /api/index/v1/tasks/<namespace>`: the tasks indexed right under a namespace (services/index `listTasks`). */
export const IndexedTaskListSchema = z.looseObject({
  tasks: z.array(IndexedTaskSchema),
  continuationToken: z.string().optional(),
});

/** `GET /api/auth/v1/scopes/current` and `POST /api/auth/v1/scopes/expand`. */
export const ScopeSetSchema = z.looseObject({ scopes: z.array(z.string()) });

/**
 * `POST /api/hooks/v1/hooks/<group>/<id>/trigger` → `{taskId, status: {taskId}}`, or `{}` when the hook
 * template rendered nothing. `taskId` is the created action task (top-level preferred, `status.taskId`
 * kept by Taskcluster for compatibility).
 */
export const TriggerHookResponseSchema = z
  .looseObject({
    taskId: TaskIdSchema.optional(),
    status: z.looseObject({ taskId: TaskIdSchema.optional() }).optional(),
  })
  .transform((response) => ({ taskId: response.taskId ?? response.status?.taskId ?? null }));

/** Body of a Taskcluster error response. `message` holds a human text, then `----` and request details. */
export const TaskclusterErrorBodySchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  requestInfo: z
    .looseObject({
      method: z.string().optional(),
      params: z.looseObject({}).optional(),
      time: z.string().optional(),
    })
    .optional(),
});

// ---------------------------------------------------------------- types

export type TreeherderExtra = z.output<typeof TreeherderExtraSchema>;
export type TaskDefinition = z.output<typeof TaskDefinitionSchema>;
export type ActionExtra = z.output<typeof ActionExtraSchema>;
export type TaskState = (typeof TASK_STATES)[number];
export type RunState = (typeof RUN_STATES)[number];
export type TaskRun = z.output<typeof TaskRunSchema>;
export type TaskStatus = z.output<typeof TaskStatusSchema>;
export type TaskStatusesResponse = z.output<typeof TaskStatusesResponseSchema>;
export type TaskDefinitionAndStatus = z.output<typeof TaskDefinitionAndStatusSchema>;
export type TaskGroupList = z.output<typeof TaskGroupListSchema>;
export type Artifact = z.output<typeof ArtifactSchema>;
export type ArtifactList = z.output<typeof ArtifactListSchema>;
export type IndexedTask = z.output<typeof IndexedTaskSchema>;
export type ScopeSet = z.output<typeof ScopeSetSchema>;
export type TriggerHookResult = z.output<typeof TriggerHookResponseSchema>;
export type TaskclusterErrorBody = z.output<typeof TaskclusterErrorBodySchema>;
