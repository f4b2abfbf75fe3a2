/**
 * Every response schema under a short name, so a saved response can be checked by kind
 * (`npm run validate -- <kind> <file>`) and the contract tests can iterate over all of them.
 */
import type { z } from 'zod';
import type { DataSource } from './drift';
import { ActionSchema, ActionsJsonSchema } from './schemas/actions';
import { LabelToTaskIdSchema, RunnableJobsSchema, TaskGraphSchema } from './schemas/decision-artifacts';
import { AlertSummaryPageSchema, AlertSummarySchema, PerformanceSummarySchema } from './schemas/perfherder';
import { AutomationRelevanceSchema, JsonPushesSchema } from './schemas/pushlog';
import {
  ArtifactListSchema,
  DependentTasksSchema,
  IndexedTaskListSchema,
  IndexedTaskSchema,
  ScopeSetSchema,
  TaskclusterErrorBodySchema,
  TaskDefinitionSchema,
  TaskGroupListSchema,
  TaskStatusesResponseSchema,
  TaskStatusResponseSchema,
  TaskStatusSchema,
  TriggerHookResponseSchema,
} from './schemas/taskcluster';
import {
  BugSuggestionListSchema,
  DecisionTaskMapSchema,
  JobDetailSchema,
  JobLogUrlListSchema,
  JobsPageSchema,
  PushListSchema,
  PushSchema,
  RepositoryListSchema,
  SimilarJobsSchema,
} from './schemas/treeherder';

export interface SchemaKind {
  source: DataSource;
  /** The endpoint as named in drift errors. */
  endpoint: string;
  description: string;
  schema: z.ZodType;
}

export const SCHEMA_KINDS = {
  repositories: {
    source: 'treeherder',
    endpoint: '/api/repository/',
    description: 'Treeherder repository list',
    schema: RepositoryListSchema,
  },
  'push-list': {
    source: 'treeherder',
    endpoint: '/api/project/<repo>/push/',
    description: 'Treeherder push list {meta, results}',
    schema: PushListSchema,
  },
  push: {
    source: 'treeherder',
    endpoint: '/api/project/<repo>/push/<id>/',
    description: 'one Treeherder push',
    schema: PushSchema,
  },
  jobs: {
    source: 'treeherder',
    endpoint: '/api/jobs/',
    description: 'one page of /api/jobs/ (compressed rows + job_property_names)',
    schema: JobsPageSchema,
  },
  job: {
    source: 'treeherder',
    endpoint: '/api/project/<repo>/jobs/<id>/',
    description: 'Treeherder job detail',
    schema: JobDetailSchema,
  },
  'job-log-urls': {
    source: 'treeherder',
    endpoint: '/api/project/<repo>/job-log-url/',
    description: 'log URLs of a job',
    schema: JobLogUrlListSchema,
  },
  'bug-suggestions': {
    source: 'treeherder',
    endpoint: '/api/project/<repo>/jobs/<id>/bug_suggestions/',
    description: 'bug suggestions of a job',
    schema: BugSuggestionListSchema,
  },
  'similar-jobs': {
    source: 'treeherder',
    endpoint: '/api/project/<repo>/jobs/<id>/similar_jobs/',
    description: 'similar jobs {results}',
    schema: SimilarJobsSchema,
  },
  'decision-tasks': {
    source: 'treeherder',
    endpoint: '/api/project/<repo>/push/decisiontask/',
    description: 'push id → decision task map',
    schema: DecisionTaskMapSchema,
  },
  task: {
    source: 'taskcluster',
    endpoint: 'queue task(<taskId>)',
    description: 'Taskcluster task definition',
    schema: TaskDefinitionSchema,
  },
  'task-status': {
    source: 'taskcluster',
    endpoint: 'queue status(<taskId>)',
    description: 'task status response {status}',
    schema: TaskStatusResponseSchema,
  },
  'task-status-object': {
    source: 'taskcluster',
    endpoint: 'task status',
    description: 'a bare task status object (as in Pulse messages)',
    schema: TaskStatusSchema,
  },
  'task-statuses': {
    source: 'taskcluster',
    endpoint: 'queue statuses()',
    description: 'bulk statuses {statuses, continuationToken?}',
    schema: TaskStatusesResponseSchema,
  },
  'task-group': {
    source: 'taskcluster',
    endpoint: 'queue listTaskGroup(<taskGroupId>)',
    description: 'one page of a task-group listing',
    schema: TaskGroupListSchema,
  },
  'dependent-tasks': {
    source: 'taskcluster',
    endpoint: 'queue listDependentTasks(<taskId>)',
    description: 'one page of the tasks that depend on a task',
    schema: DependentTasksSchema,
  },
  'index-tasks': {
    source: 'taskcluster',
    endpoint: 'index listTasks(<namespace>)',
    description: 'one page of the tasks indexed under a namespace',
    schema: IndexedTaskListSchema,
  },
  artifacts: {
    source: 'taskcluster',
    endpoint: 'queue listArtifacts(<taskId>)',
    description: 'one page of an artifact listing',
    schema: ArtifactListSchema,
  },
  'index-task': {
    source: 'taskcluster',
    endpoint: 'index findTask(<indexPath>)',
    description: 'index findTask result',
    schema: IndexedTaskSchema,
  },
  scopes: {
    source: 'taskcluster',
    endpoint: 'auth currentScopes()/expandScopes()',
    description: 'a scope set {scopes}',
    schema: ScopeSetSchema,
  },
  'trigger-hook': {
    source: 'taskcluster',
    endpoint: 'hooks triggerHook(<hookGroupId>, <hookId>)',
    description: 'triggerHook response',
    schema: TriggerHookResponseSchema,
  },
  'tc-error': {
    source: 'taskcluster',
    endpoint: 'error response',
    description: 'Taskcluster error body {code, message}',
    schema: TaskclusterErrorBodySchema,
  },
  actions: {
    source: 'taskcluster',
    endpoint: 'public/actions.json',
    description: 'decision task actions.json (version 1)',
    schema: ActionsJsonSchema,
  },
  action: {
    source: 'taskcluster',
    endpoint: 'public/actions.json',
    description: 'one entry of actions.json',
    schema: ActionSchema,
  },
  'runnable-jobs': {
    source: 'taskcluster',
    endpoint: 'public/runnable-jobs.json',
    description: 'decision task runnable-jobs.json',
    schema: RunnableJobsSchema,
  },
  'label-to-taskid': {
    source: 'taskcluster',
    endpoint: 'public/label-to-taskid.json',
    description: 'label → taskId map',
    schema: LabelToTaskIdSchema,
  },
  'task-graph': {
    source: 'taskcluster',
    endpoint: 'public/task-graph.json',
    description: 'taskId → node map (label, dependencies)',
    schema: TaskGraphSchema,
  },
  'json-pushes': {
    source: 'pushlog',
    endpoint: 'json-pushes?version=2',
    description: 'hg pushlog, version 2 (with or without full=1)',
    schema: JsonPushesSchema,
  },
  'automation-relevance': {
    source: 'pushlog',
    endpoint: 'json-automationrelevance/<rev>',
    description: 'hg automation relevance of a revision',
    schema: AutomationRelevanceSchema,
  },
  'perf-summary': {
    source: 'perfherder',
    endpoint: '/api/performance/summary/',
    description: 'Perfherder performance summary (list of series)',
    schema: PerformanceSummarySchema,
  },
  'alert-summaries': {
    source: 'perfherder',
    endpoint: '/api/performance/alertsummary/',
    description: 'a page of alert summaries {next, results}',
    schema: AlertSummaryPageSchema,
  },
  'alert-summary': {
    source: 'perfherder',
    endpoint: '/api/performance/alertsummary/',
    description: 'one alert summary',
    schema: AlertSummarySchema,
  },
} as const satisfies Record<string, SchemaKind>;

export type SchemaKindName = keyof typeof SCHEMA_KINDS;

export function isSchemaKindName(name: string): name is SchemaKindName {
  return Object.hasOwn(SCHEMA_KINDS, name);
}
