/**
 * Decision-task artifacts other than actions.json (reference/taskcluster.md §6). These can be several
 * MB, so only the fields we use are described.
 */
import { z } from '../zod';
import { TaskIdSchema } from '../../ids';

/** `public/runnable-jobs.json`: `{"<label>": {symbol, groupName?, groupSymbol?, collection?, platform?}}`. */
export const RunnableJobSchema = z.looseObject({
  symbol: z.string(),
  groupName: z.string().optional(),
  groupSymbol: z.string().optional(),
  /** e.g. `{"opt": true}`; Treeherder shows the keys as the platform option. */
  collection: z.record(z.string(), z.boolean()).optional(),
  platform: z.string().optional(),
});
export const RunnableJobsSchema = z.record(z.string(), RunnableJobSchema);

/** `public/label-to-taskid.json`: `{label: taskId}` for the submitted graph. */
export const LabelToTaskIdSchema = z.record(z.string(), TaskIdSchema);

/** One node of `public/task-graph.json`, keyed by taskId. */
export const TaskGraphNodeSchema = z.looseObject({
  label: z.string(),
  /** Dependency name → taskId. */
  dependencies: z.record(z.string(), z.string()).optional(),
  attributes: z.looseObject({}).optional(),
  task: z
    .looseObject({
      tags: z.record(z.string(), z.string()).optional(),
      extra: z.looseObject({}).optional(),
    })
    .optional(),
});
export const TaskGraphSchema = z.record(TaskIdSchema, TaskGraphNodeSchema);

export type RunnableJob = z.output<typeof RunnableJobSchema>;
export type RunnableJobs = z.output<typeof RunnableJobsSchema>;
export type LabelToTaskId = z.output<typeof LabelToTaskIdSchema>;
export type TaskGraphNode = z.output<typeof TaskGraphNodeSchema>;
export type TaskGraph = z.output<typeof TaskGraphSchema>;
