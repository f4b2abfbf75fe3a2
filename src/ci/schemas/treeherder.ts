/**
 * Treeherder REST responses (see reference/treeherder.md §5). Objects are loose: unknown extra fields
 * pass through, but every field we read is checked strictly.
 */
import { parseNested, z } from '../zod';
import { EpochSecondsSchema, HttpUrlSchema, IdSchema, IsoTimeSchema } from './common';
import { RevisionSchema, TaskIdSchema } from '../../ids';

// ---------------------------------------------------------------- repositories

export const RepositorySchema = z.looseObject({
  id: IdSchema,
  name: z.string().min(1),
  dvcs_type: z.enum(['hg', 'git']),
  /** hg (or git) URL of the repository, e.g. https://hg.mozilla.org/integration/autoland */
  url: HttpUrlSchema,
  /** Sent by current servers; older fixtures omit it. */
  branch: z.string().nullable().optional(),
  tc_root_url: HttpUrlSchema,
  is_try_repo: z.boolean(),
});
export const RepositoryListSchema = z.array(RepositorySchema);

// ---------------------------------------------------------------- pushes

/** One commit of a push. Backend fixtures (push_data.json) say `comment`; the API says `comments`. */
export const PushRevisionSchema = z.preprocess(
  (value) => {
    if (value && typeof value === 'object' && !('comments' in value) && 'comment' in value) {
      return { ...value, comments: (value as { comment: unknown }).comment };
    }
    return value;
  },
  z.looseObject({
    revision: RevisionSchema,
    author: z.string(),
    comments: z.string(),
  }),
);

export const PushSchema = z.looseObject({
  /** Treeherder's push id (not the hg pushlog id). */
  id: IdSchema,
  /** Tip revision of the push. */
  revision: RevisionSchema,
  author: z.string(),
  /** At most 20 commits, newest first. */
  revisions: z.array(PushRevisionSchema),
  revision_count: z.number().int().nonnegative(),
  push_timestamp: EpochSecondsSchema,
  repository_id: IdSchema,
  /** Current serializer only; push fixtures predate it. */
  branch: z.string().nullable().optional(),
});

export const PushListSchema = z.looseObject({
  meta: z.looseObject({ count: z.number().int().nonnegative().optional() }).optional(),
  results: z.array(PushSchema),
});

// ---------------------------------------------------------------- jobs

export const JOB_RESULTS = [
  'success',
  'testfailed',
  'busted',
  'exception',
  'retry',
  'usercancel',
  'superseded',
  'skipped',
  'unknown',
] as const;
export const JOB_STATES = ['pending', 'running', 'completed', 'unscheduled'] as const;

export const JobResultSchema = z.enum(JOB_RESULTS);
export const JobStateSchema = z.enum(JOB_STATES);

/** Fields shared by the compressed job rows, similar jobs and job detail. */
const jobCoreShape = {
  id: IdSchema,
  push_id: IdSchema,
  job_type_name: z.string(),
  job_type_symbol: z.string(),
  job_group_name: z.string(),
  job_group_symbol: z.string(),
  platform: z.string(),
  result: JobResultSchema,
  state: JobStateSchema,
  tier: z.number().int().min(1).max(3),
  failure_classification_id: z.number().int().min(1),
  last_modified: IsoTimeSchema,
  signature: z.string(),
};

/**
 * `task_id` / `retry_id` of a `/api/jobs/` row: the view left-joins the job's Taskcluster metadata row, so both
 * are `null` for a job without one (mozilla/treeherder `treeherder/webapp/api/jobs.py`, `JobsViewSet`). Such a
 * job is read as having no task (the key is absent), so it is simply not actionable; older column sets
 * (fixtures before ~2020) lack the columns altogether.
 */
const absentWhenNull = <S extends z.ZodType>(schema: S) =>
  schema
    .nullable()
    .optional()
    .transform((value): z.output<S> | undefined => value ?? undefined);

/** A job decoded from one row of `/api/jobs/`. */
export const JobSchema = z.looseObject({
  ...jobCoreShape,
  platform_option: z.string(),
  task_id: absentWhenNull(TaskIdSchema),
  retry_id: absentWhenNull(z.number().int().nonnegative()),
  push_revision: RevisionSchema.optional(),
  /** Minutes, at least 1. */
  duration: z.number().nonnegative().optional(),
});

const RawJobsPageSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  next: z.string().nullable(),
  previous: z.string().nullable().optional(),
  results: z.array(z.array(z.unknown())),
  job_property_names: z.array(z.string()),
});

/**
 * `/api/jobs/` page. Rows are positional; the column order changes between server versions, so each
 * row is zipped with the `job_property_names` of the same response and then validated as a Job.
 */
export const JobsPageSchema = RawJobsPageSchema.transform((page, ctx) => {
  const names = page.job_property_names;
  const jobs: Array<z.output<typeof JobSchema>> = [];
  page.results.forEach((row, index) => {
    if (row.length !== names.length) {
      ctx.issues.push({
        code: 'custom',
        path: ['results', index],
        message: `has ${row.length} values but job_property_names lists ${names.length}`,
        input: row,
      });
      return;
    }
    const record: Record<string, unknown> = {};
    names.forEach((name, column) => {
      record[name] = row[column];
    });
    const job = parseNested(JobSchema, record, ctx, ['results', index]);
    if (job) jobs.push(job);
  });
  return { count: page.count, next: page.next, jobs };
});

/** One item of `/api/project/<repo>/jobs/<id>/similar_jobs/` (dict form). */
export const SimilarJobSchema = z.looseObject({
  ...jobCoreShape,
  platform_option: z.string(),
  job_guid: z.string(),
  start_timestamp: EpochSecondsSchema,
  end_timestamp: EpochSecondsSchema,
  submit_timestamp: EpochSecondsSchema,
  task_id: TaskIdSchema.nullable().optional(),
  retry_id: z.number().int().nonnegative().nullable().optional(),
});
export const SimilarJobsSchema = z.looseObject({
  results: z.array(SimilarJobSchema),
});

export const JobLogReferenceSchema = z.looseObject({ name: z.string(), url: HttpUrlSchema });

/** `/api/project/<repo>/jobs/<id>/`. */
export const JobDetailSchema = z.looseObject({
  ...jobCoreShape,
  job_guid: z.string(),
  /** Omitted by the server when the option collection is unknown. */
  platform_option: z.string().optional(),
  start_timestamp: EpochSecondsSchema,
  end_timestamp: EpochSecondsSchema,
  submit_timestamp: EpochSecondsSchema,
  logs: z.array(JobLogReferenceSchema),
  /** Present whenever the job has Taskcluster metadata, i.e. for every Firefox CI job. */
  task_id: TaskIdSchema.optional(),
  retry_id: z.number().int().nonnegative().optional(),
});

/** `/api/project/<repo>/job-log-url/?job_id=`. */
export const JobLogUrlSchema = z.looseObject({
  id: IdSchema,
  job_id: IdSchema,
  name: z.string(),
  url: HttpUrlSchema,
  parse_status: z.enum(['pending', 'parsed', 'failed', 'skipped-size']),
});
export const JobLogUrlListSchema = z.array(JobLogUrlSchema);

// ---------------------------------------------------------------- decision tasks

/** Run ids come as strings from this endpoint; normalise to numbers. */
const RunIdSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'is not a run number')])
  .transform(Number);

/** `/api/project/<repo>/push/decisiontask/?push_ids=` → `{"<push id>": {id, run}}`. */
export const DecisionTaskMapSchema = z.record(
  z.string().regex(/^\d+$/, 'is not a push id'),
  z.looseObject({ id: TaskIdSchema, run: RunIdSchema }),
);

// ---------------------------------------------------------------- bug suggestions

export const SuggestedBugSchema = z.looseObject({
  /** null for bugs Treeherder tracks internally before they reach Bugzilla. */
  id: IdSchema.nullable(),
  status: z.string(),
  resolution: z.string(),
  summary: z.string(),
  dupe_of: IdSchema.nullable(),
  keywords: z.string(),
  whiteboard: z.string(),
  internal_id: IdSchema.nullable().optional(),
  occurrences: z.number().int().nonnegative().nullable().optional(),
});

export const BugSuggestionSchema = z.looseObject({
  search: z.string(),
  /**
   * `[null]` when the line gives no useful search term, e.g. mozharness's "Return code: 1"
   * (mozilla/treeherder `treeherder/model/error_summary.py`, `get_error_search_term_and_path`).
   */
  search_terms: z.array(z.string().nullable()),
  path_end: z.string().nullable(),
  bugs: z.looseObject({
    open_recent: z.array(SuggestedBugSchema),
    all_others: z.array(SuggestedBugSchema),
  }),
  // Newer servers only.
  line_number: z.number().int().nonnegative().optional(),
  failure_new_in_rev: z.boolean().optional(),
});
export const BugSuggestionListSchema = z.array(BugSuggestionSchema);

// ---------------------------------------------------------------- types

export type Repository = z.output<typeof RepositorySchema>;
export type PushRevision = z.output<typeof PushRevisionSchema>;
export type Push = z.output<typeof PushSchema>;
export type PushList = z.output<typeof PushListSchema>;
export type JobResult = z.output<typeof JobResultSchema>;
export type JobState = z.output<typeof JobStateSchema>;
export type Job = z.output<typeof JobSchema>;
export type JobsPage = z.output<typeof JobsPageSchema>;
export type SimilarJob = z.output<typeof SimilarJobSchema>;
export type JobDetail = z.output<typeof JobDetailSchema>;
export type JobLogReference = z.output<typeof JobLogReferenceSchema>;
export type JobLogUrl = z.output<typeof JobLogUrlSchema>;
export type DecisionTaskMap = z.output<typeof DecisionTaskMapSchema>;
export type SuggestedBug = z.output<typeof SuggestedBugSchema>;
export type BugSuggestion = z.output<typeof BugSuggestionSchema>;
