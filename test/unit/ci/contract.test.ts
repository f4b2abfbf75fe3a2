/**
 * Contract tests: every schema accepts the real samples (read from ../shared/samples) or, where no
 * sample exists, a hand-made fixture; mutated copies fail with a SchemaDriftError naming the field.
 */
import { describe, expect, it } from 'vitest';
import { parseOrDrift, SchemaDriftError } from '../../../src/ci/drift';
import { SCHEMA_KINDS, type SchemaKindName } from '../../../src/ci/schema-kinds';
import { FIXTURES } from './fixtures';
import { readSample, samplesAvailable, samplesNote } from './samples';

function check(kind: SchemaKindName, data: unknown) {
  const entry = SCHEMA_KINDS[kind];
  return parseOrDrift(entry.schema, data, entry.source, entry.endpoint);
}

function driftOf(kind: SchemaKindName, data: unknown): SchemaDriftError {
  try {
    check(kind, data);
  } catch (error) {
    if (error instanceof SchemaDriftError) return error;
    throw error;
  }
  throw new Error(`${kind}: the mutated copy was accepted`);
}

const clone = <T>(value: T): T => structuredClone(value);

type PulseMessages = Record<string, { payload: { status: unknown } }>;

/** Real samples per kind. Some are bare lists or UI maps; `select` turns them into API-shaped inputs. */
const SAMPLE_CASES: Array<{ kind: SchemaKindName; file: string; select?: (json: unknown) => unknown[] }> = [
  { kind: 'repositories', file: 'treeherder/repositories.json' },
  { kind: 'push-list', file: 'treeherder/push_list.json' },
  { kind: 'push-list', file: 'treeherder/poll_push_list.json' },
  { kind: 'push', file: 'treeherder/push_data.json', select: (json) => json as unknown[] },
  { kind: 'jobs', file: 'treeherder/job_1.json' },
  { kind: 'jobs', file: 'treeherder/job_2.json' },
  { kind: 'jobs', file: 'treeherder/page_1.json' },
  { kind: 'jobs', file: 'treeherder/page_2.json' },
  { kind: 'job', file: 'treeherder/full_job.json' },
  // job_map.json holds the dict-form job objects similar_jobs returns (plus UI-only keys).
  {
    kind: 'similar-jobs',
    file: 'treeherder/job_map.json',
    select: (json) => [{ results: Object.values(json as object) }],
  },
  { kind: 'job-log-urls', file: 'treeherder/job_log_urls.json' },
  { kind: 'bug-suggestions', file: 'treeherder/bug_suggestions.json' },
  { kind: 'task', file: 'treeherder/task_definition.json' },
  { kind: 'task', file: 'treeherder/originalTask.json' },
  {
    kind: 'task-status-object',
    file: 'treeherder/taskcluster_pulse_messages.json',
    select: (json) => Object.values(json as PulseMessages).map((message) => message.payload.status),
  },
  {
    kind: 'task-status',
    file: 'treeherder/taskcluster_pulse_messages.json',
    select: (json) => Object.values(json as PulseMessages).map((message) => ({ status: message.payload.status })),
  },
  { kind: 'actions', file: 'treeherder/initialActions.json' },
  { kind: 'actions', file: 'taskcluster/fxci-config/actions.json' },
  { kind: 'action', file: 'treeherder/reducedActions.json', select: (json) => json as unknown[] },
  { kind: 'action', file: 'treeherder/backfillTask.json' },
  { kind: 'perf-summary', file: 'treeherder/performance_summary.json' },
  { kind: 'alert-summary', file: 'treeherder/alert_summaries.json', select: (json) => json as unknown[] },
  {
    kind: 'alert-summaries',
    file: 'treeherder/alert_summaries.json',
    select: (json) => [{ next: null, previous: null, results: json }],
  },
];

describe.skipIf(!samplesAvailable)(`schemas accept the real samples${samplesNote}`, () => {
  for (const { kind, file, select } of SAMPLE_CASES) {
    it(`${kind} ← ${file}`, () => {
      const json = readSample(file);
      const inputs = select ? select(json) : [json];
      expect(inputs.length).toBeGreaterThan(0);
      for (const input of inputs) expect(() => check(kind, input)).not.toThrow();
    });
  }

  it('decodes job rows by the column order of each response', () => {
    const oldOrder = check('jobs', readSample('treeherder/job_1.json')) as { jobs: Array<Record<string, unknown>> };
    expect(oldOrder.jobs[0]).toMatchObject({
      id: 259537193,
      job_type_name: 'Gecko Decision Task',
      job_type_symbol: 'D',
      platform: 'gecko-decision',
      platform_option: 'opt',
      result: 'success',
      state: 'completed',
      tier: 1,
      task_id: 'VaQoWKTbSdGSwBJn6UZV9g',
      retry_id: 0,
      push_revision: 'ff7eec7be698cd21d92755d709e08897100fa9c8',
    });
    const withoutTaskIds = check('jobs', readSample('treeherder/job_2.json')) as {
      jobs: Array<Record<string, unknown>>;
    };
    expect(withoutTaskIds.jobs[3]).toMatchObject({
      id: 378271,
      job_group_symbol: 'M',
      job_type_symbol: 'dt5',
      result: 'success',
    });
    expect(withoutTaskIds.jobs[3]!.task_id).toBeUndefined();
  });

  it('normalises push_data.json `comment` to `comments`', () => {
    const pushes = readSample('treeherder/push_data.json') as unknown[];
    const push = check('push', pushes[0]) as { revisions: Array<{ comments: string }> };
    expect(push.revisions[0]!.comments).toMatch(/^Bug 1948118/);
  });

  it('keeps hook actions in order and drops unknown kinds', () => {
    const actions = readSample('treeherder/initialActions.json') as { actions: Array<{ kind: string }> };
    actions.actions[1]!.kind = 'some-future-kind';
    const parsed = check('actions', actions) as { actions: Array<{ name: string }> };
    expect(parsed.actions).toHaveLength(16);
    expect(parsed.actions[0]!.name).toBe('retrigger-custom');
    expect(parsed.actions[1]!.name).toBe('retrigger');
  });
});

describe('schemas accept the hand-made fixtures (no real sample exists)', () => {
  for (const [kind, fixture] of Object.entries(FIXTURES)) {
    it(kind, () => expect(() => check(kind as SchemaKindName, fixture)).not.toThrow());
  }

  it('trigger-hook: the empty response means "no task created"', () => {
    expect(check('trigger-hook', {})).toEqual({ taskId: null });
    expect(check('trigger-hook', { status: { taskId: 'JFVlnwufR7G9tZu_pKM0dQ' } })).toEqual({
      taskId: 'JFVlnwufR7G9tZu_pKM0dQ',
    });
  });

  it('decision-tasks: run numbers become numbers', () => {
    expect(check('decision-tasks', FIXTURES['decision-tasks'])).toEqual({
      '1592793': { id: 'VaQoWKTbSdGSwBJn6UZV9g', run: 0 },
      '1592778': { id: 'JFVlnwufR7G9tZu_pKM0dQ', run: 1 },
    });
  });

  it('every kind has at least one accepted example', () => {
    const sampled = new Set<string>([...SAMPLE_CASES.map((c) => c.kind), ...Object.keys(FIXTURES)]);
    expect(Object.keys(SCHEMA_KINDS).filter((kind) => !sampled.has(kind))).toEqual([]);
  });
});

/** A required field removed or retyped → SchemaDriftError naming source, endpoint and field. */
interface Mutation {
  kind: SchemaKindName;
  base: () => unknown;
  mutate: (data: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data surgery
  field: string;
  problem: RegExp;
}

const sampleMutations: Mutation[] = [
  {
    kind: 'repositories',
    base: () => readSample('treeherder/repositories.json'),
    mutate: (d) => delete d[2].tc_root_url,
    field: '[2].tc_root_url',
    problem: /is missing/,
  },
  {
    kind: 'repositories',
    base: () => readSample('treeherder/repositories.json'),
    mutate: (d) => (d[0].dvcs_type = 'svn'),
    field: '[0].dvcs_type',
    problem: /"svn"/,
  },
  {
    kind: 'push-list',
    base: () => readSample('treeherder/push_list.json'),
    mutate: (d) => delete d.results[4].revision,
    field: 'results[4].revision',
    problem: /is missing/,
  },
  {
    kind: 'push-list',
    base: () => readSample('treeherder/push_list.json'),
    mutate: (d) => (d.results[0].push_timestamp = '1562867957'),
    field: 'results[0].push_timestamp',
    problem: /should be number/,
  },
  {
    kind: 'push-list',
    base: () => readSample('treeherder/push_list.json'),
    mutate: (d) => delete d.results[1].revisions[0].comments,
    field: 'results[1].revisions[0].comments',
    problem: /is missing/,
  },
  {
    kind: 'jobs',
    base: () => readSample('treeherder/job_1.json'),
    mutate: (d) => (d.results[3][2] = '259539664'),
    field: 'results[3].id',
    problem: /should be number/,
  },
  {
    kind: 'jobs',
    base: () => readSample('treeherder/job_1.json'),
    mutate: (d) => (d.job_property_names[5] = 'job_type'),
    field: 'results[0].job_type_name',
    problem: /is missing/,
  },
  {
    kind: 'jobs',
    base: () => readSample('treeherder/job_1.json'),
    mutate: (d) => (d.results[1][12] = 'exploded'),
    field: 'results[1].result',
    problem: /"exploded"/,
  },
  {
    kind: 'jobs',
    base: () => readSample('treeherder/job_1.json'),
    mutate: (d) => d.results[2].pop(),
    field: 'results[2]',
    problem: /job_property_names/,
  },
  {
    kind: 'jobs',
    base: () => readSample('treeherder/page_1.json'),
    mutate: (d) => delete d.next,
    field: 'next',
    problem: /is missing/,
  },
  {
    kind: 'job',
    base: () => readSample('treeherder/full_job.json'),
    mutate: (d) => delete d.logs,
    field: 'logs',
    problem: /is missing/,
  },
  {
    kind: 'job',
    base: () => readSample('treeherder/full_job.json'),
    mutate: (d) => (d.task_id = 42),
    field: 'task_id',
    problem: /should be string/,
  },
  {
    kind: 'job-log-urls',
    base: () => readSample('treeherder/job_log_urls.json'),
    mutate: (d) => (d[1].parse_status = 'done'),
    field: '[1].parse_status',
    problem: /"done"/,
  },
  {
    kind: 'bug-suggestions',
    base: () => readSample('treeherder/bug_suggestions.json'),
    mutate: (d) => delete d[0].bugs.open_recent[0].summary,
    field: '[0].bugs.open_recent[0].summary',
    problem: /is missing/,
  },
  {
    kind: 'similar-jobs',
    base: () => ({ results: Object.values(readSample('treeherder/job_map.json') as object) }),
    mutate: (d) => delete d.results[2].push_id,
    field: 'results[2].push_id',
    problem: /is missing/,
  },
  {
    kind: 'task',
    base: () => readSample('treeherder/originalTask.json'),
    mutate: (d) => (d.tags.retrigger = true),
    field: 'tags.retrigger',
    problem: /should be string/,
  },
  {
    kind: 'task',
    base: () => readSample('treeherder/task_definition.json'),
    mutate: (d) => delete d.taskGroupId,
    field: 'taskGroupId',
    problem: /is missing/,
  },
  {
    kind: 'task',
    base: () => readSample('treeherder/task_definition.json'),
    mutate: (d) => delete d.extra.treeherder.symbol,
    field: 'extra.treeherder.symbol',
    problem: /is missing/,
  },
  {
    kind: 'task-status-object',
    base: () =>
      Object.values(readSample('treeherder/taskcluster_pulse_messages.json') as PulseMessages)[0]!.payload.status,
    mutate: (d) => (d.runs[0].state = 'done'),
    field: 'runs[0].state',
    problem: /"done"/,
  },
  {
    kind: 'actions',
    base: () => readSample('treeherder/initialActions.json'),
    mutate: (d) => delete d.actions[8].hookId,
    field: 'actions[8].hookId',
    problem: /is missing/,
  },
  {
    kind: 'actions',
    base: () => readSample('treeherder/initialActions.json'),
    mutate: (d) => (d.actions[2].context = [{ retrigger: true }]),
    field: 'actions[2].context[0].retrigger',
    problem: /should be string/,
  },
  {
    kind: 'actions',
    base: () => readSample('taskcluster/fxci-config/actions.json'),
    mutate: (d) => (d.version = 2),
    field: 'version',
    problem: /expected one of 1/,
  },
  {
    kind: 'actions',
    base: () => readSample('taskcluster/fxci-config/actions.json'),
    mutate: (d) => delete d.actions[3].hookPayload,
    field: 'actions[3].hookPayload',
    problem: /is missing/,
  },
  {
    kind: 'action',
    base: () => readSample('treeherder/backfillTask.json'),
    mutate: (d) => (d.hookGroupId = 7),
    field: 'hookGroupId',
    problem: /should be string/,
  },
  {
    kind: 'perf-summary',
    base: () => readSample('treeherder/performance_summary.json'),
    mutate: (d) => (d[0].data[3].value = '214.9'),
    field: '[0].data[3].value',
    problem: /should be number/,
  },
  {
    kind: 'alert-summary',
    base: () => (readSample('treeherder/alert_summaries.json') as unknown[])[1],
    mutate: (d) => delete d.alerts[0].series_signature.signature_hash,
    field: 'alerts[0].series_signature.signature_hash',
    problem: /is missing/,
  },
];

const fixtureMutations: Mutation[] = [
  {
    kind: 'decision-tasks',
    base: () => FIXTURES['decision-tasks'],
    mutate: (d) => (d['1592793'].id = 'not-a-task'),
    field: '1592793.id',
    problem: /task id/,
  },
  {
    kind: 'decision-tasks',
    base: () => FIXTURES['decision-tasks'],
    mutate: (d) => (d.abc = d['1592793']),
    field: 'abc',
    problem: /push id/,
  },
  {
    kind: 'task-statuses',
    base: () => FIXTURES['task-statuses'],
    mutate: (d) => delete d.statuses[0].status.state,
    field: 'statuses[0].status.state',
    problem: /is missing/,
  },
  {
    kind: 'task-group',
    base: () => FIXTURES['task-group'],
    mutate: (d) => delete d.tasks[0].task.metadata.name,
    field: 'tasks[0].task.metadata.name',
    problem: /is missing/,
  },
  {
    kind: 'artifacts',
    base: () => FIXTURES.artifacts,
    mutate: (d) => (d.artifacts[1].storageType = 'tape'),
    field: 'artifacts[1].storageType',
    problem: /"tape"/,
  },
  {
    kind: 'index-task',
    base: () => FIXTURES['index-task'],
    mutate: (d) => delete d.taskId,
    field: 'taskId',
    problem: /is missing/,
  },
  {
    kind: 'scopes',
    base: () => FIXTURES.scopes,
    mutate: (d) => (d.scopes = 'assume:anonymous'),
    field: 'scopes',
    problem: /should be array/,
  },
  {
    kind: 'trigger-hook',
    base: () => FIXTURES['trigger-hook'],
    mutate: (d) => (d.taskId = 12),
    field: 'taskId',
    problem: /should be string/,
  },
  {
    kind: 'tc-error',
    base: () => FIXTURES['tc-error'],
    mutate: (d) => delete d.message,
    field: 'message',
    problem: /is missing/,
  },
  {
    kind: 'runnable-jobs',
    base: () => FIXTURES['runnable-jobs'],
    mutate: (d) => delete d['build-linux64/opt'].symbol,
    field: 'build-linux64/opt.symbol',
    problem: /is missing/,
  },
  {
    kind: 'label-to-taskid',
    base: () => FIXTURES['label-to-taskid'],
    mutate: (d) => (d['build-linux64/opt'] = null),
    field: 'build-linux64/opt',
    problem: /should be string/,
  },
  {
    kind: 'task-graph',
    base: () => FIXTURES['task-graph'],
    mutate: (d) => delete d['JFVlnwufR7G9tZu_pKM0dQ'].label,
    field: 'JFVlnwufR7G9tZu_pKM0dQ.label',
    problem: /is missing/,
  },
  {
    kind: 'json-pushes',
    base: () => FIXTURES['json-pushes'],
    mutate: (d) => delete d.pushes['232990'].changesets[1].files,
    field: 'pushes.232990.changesets[1].files',
    problem: /is missing/,
  },
  {
    kind: 'json-pushes',
    base: () => FIXTURES['json-pushes'],
    mutate: (d) => (d.pushes['232989'].date = '1740767200'),
    field: 'pushes.232989.date',
    problem: /should be number/,
  },
  {
    kind: 'automation-relevance',
    base: () => FIXTURES['automation-relevance'],
    mutate: (d) => delete d.changesets[0].files,
    field: 'changesets[0].files',
    problem: /is missing/,
  },
];

function runMutations(mutations: Mutation[]) {
  for (const { kind, base, mutate, field, problem } of mutations) {
    it(`${kind}: ${field}`, () => {
      const data = clone(base());
      mutate(data);
      const error = driftOf(kind, data);
      const entry = SCHEMA_KINDS[kind];
      expect(error.source).toBe(entry.source);
      expect(error.endpoint).toBe(entry.endpoint);
      expect(error.fieldPath).toBe(field);
      expect(error.problem).toMatch(problem);
      expect(error.message).toContain(`field "${field}"`);
    });
  }
}

describe.skipIf(!samplesAvailable)(`mutated real samples are rejected naming the field${samplesNote}`, () => {
  runMutations(sampleMutations);
});

describe('mutated fixtures are rejected naming the field', () => {
  runMutations(fixtureMutations);
});
