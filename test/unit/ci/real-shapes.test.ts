/**
 * Shapes the live servers send that an earlier schema refused (issue 14). Each case is built from the server
 * code named beside it, not from our beliefs, and must pass validation without a schema drift.
 */
import { describe, expect, it } from 'vitest';
import { JOB_PROPERTY_NAMES } from '../../fake-ci/treeherder/job-view';
import { parseOrDrift } from '../../../src/ci/drift';
import { SCHEMA_KINDS, type SchemaKindName } from '../../../src/ci/schema-kinds';
import { FIXTURES } from './fixtures';

function check(kind: SchemaKindName, data: unknown) {
  const entry = SCHEMA_KINDS[kind];
  return parseOrDrift(entry.schema, data, entry.source, entry.endpoint);
}

/** mozilla/treeherder `treeherder/webapp/api/jobs.py` column order, as the fake CI serves it. */
const JOB_COLUMNS = JOB_PROPERTY_NAMES;

function jobRow(id: number, taskId: string | null, retryId: number | null): unknown[] {
  return [
    1,
    id,
    'Mochitests',
    'M',
    'test-linux1804-64-qr/opt-mochitest-browser-chrome-1',
    'bc1',
    '2026-11-20T12:01:02.345678',
    'linux1804-64-qr',
    812345,
    'ff7eec7be698cd21d92755d709e08897100fa9c8',
    'testfailed',
    '2aa083621bb989d6acf1151667288d5fe9616178',
    'completed',
    1,
    taskId,
    retryId,
    23,
    'opt',
  ];
}

describe('real shapes pass validation', () => {
  it('/api/jobs/: a row without Taskcluster metadata (task_id and retry_id null) leaves the page intact', () => {
    const page = {
      count: 3,
      next: null,
      previous: null,
      results: [
        jobRow(500001, 'VaQoWKTbSdGSwBJn6UZV9g', 0),
        // The view left-joins taskcluster_metadata: no row → both columns null.
        jobRow(500002, null, null),
        jobRow(500003, 'JFVlnwufR7G9tZu_pKM0dQ', 2),
      ],
      job_property_names: JOB_COLUMNS,
    };
    const parsed = check('jobs', page) as { jobs: Array<{ id: number; task_id?: string; retry_id?: number }> };
    expect(parsed.jobs.map((job) => job.id)).toEqual([500001, 500002, 500003]);
    // A job without a task has none (not null): nothing can be triggered from it.
    expect(parsed.jobs[1]!.task_id).toBeUndefined();
    expect(parsed.jobs[1]!.retry_id).toBeUndefined();
    expect(parsed.jobs[2]).toMatchObject({ task_id: 'JFVlnwufR7G9tZu_pKM0dQ', retry_id: 2 });
  });

  it('/api/jobs/: a task id that is present must still be one (the null allowance is not a free pass)', () => {
    const page = {
      count: 1,
      next: null,
      results: [jobRow(500004, 'not-a-task-id', 0)],
      job_property_names: JOB_COLUMNS,
    };
    expect(() => check('jobs', page)).toThrow(/results\[0\]\.task_id/);
  });

  it('bug_suggestions: a line with no useful search term has search_terms [null]', () => {
    // treeherder/model/error_summary.py: get_error_search_term_and_path wraps a None term as [None].
    const suggestions = [
      {
        search: 'Return code: 1',
        search_terms: [null],
        path_end: null,
        bugs: { open_recent: [], all_others: [] },
        line_number: 2471,
        counter: 0,
        failure_new_in_rev: false,
      },
    ];
    const parsed = check('bug-suggestions', suggestions) as Array<{ search_terms: Array<string | null> }>;
    expect(parsed[0]!.search_terms).toEqual([null]);
  });

  it('json-automationrelevance: visible is null for an empty changeset list', () => {
    // hgext/hgmo/__init__.py automationrelevancewebcommand: visible = None when csets is empty.
    expect(check('automation-relevance', { changesets: [], visible: null })).toEqual({
      changesets: [],
      visible: null,
    });
    expect(() => check('automation-relevance', { ...FIXTURES['automation-relevance'], visible: 'yes' })).toThrow(
      /visible/,
    );
  });

  it('triggerHook: {} when the hook template rendered no task', () => {
    // taskcluster services/hooks/src/api.js triggerHookCommon: no task from the template → reply {}.
    expect(check('trigger-hook', {})).toEqual({ taskId: null });
  });
});
