/**
 * "The fake cannot drift from reality": every response kind the project's zod schemas know (src/ci, the same
 * schemas that accept the real samples in ../shared/samples) must accept what the fake CI serves. A new
 * schema kind without a fake response here fails the test on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOrDrift, SCHEMA_KINDS, SchemaDriftError, type SchemaKindName } from '../../src/ci';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH, getJson, hawkHeader, jobs, triggerAction } from './test-helpers';

type Sample = { name: string; body: unknown };

describe('contract: fake CI responses pass the project schemas', () => {
  let fake: FakeCi;
  const samples = new Map<SchemaKindName, Sample[]>();
  const add = (kind: SchemaKindName, name: string, body: unknown): void => {
    samples.set(kind, [...(samples.get(kind) ?? []), { name, body }]);
  };
  const fetchJson = async (path: string, init?: RequestInit): Promise<unknown> =>
    (await fetch(`${fake.url}${path}`, init)).json();

  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'default', timeScale: 0, epochMs: EPOCH });
    const t = fake.truth;
    const pushes = t.pushes;
    const allIds = pushes.map((p) => p.id).join(',');
    const failedRow = (await jobs(fake, `push_id__in=${allIds}&result=testfailed`))[0]!;
    const failedJob = Number(failedRow['id']);
    const failedTask = String(failedRow['task_id']);
    const decision = pushes[5]!.decisionTaskId;
    const running = pushes.at(-1)!;

    // Actions that give every state a chance to appear: a retrigger, a cancelled task, a backfill.
    const rt = await triggerAction(fake, {
      decisionTaskId: decision,
      action: 'retrigger-multiple',
      input: { requests: [{ tasks: [String(failedRow['job_type_name'])], times: 2 }] },
    });
    add('trigger-hook', 'retrigger-multiple', rt.body);
    fake.advance(5 * 60_000); // the action task runs and creates the copies
    const retriggered = fake.state().tasksCreated.at(-1)!.taskId;
    await triggerAction(fake, { decisionTaskId: decision, action: 'cancel', taskId: retriggered });
    fake.setFaults({ hookRendersNoTask: true });
    const none = await triggerAction(fake, { decisionTaskId: decision, action: 'run-missing-tests' });
    fake.setFaults({ hookRendersNoTask: false });
    add('trigger-hook', 'no task', none.body);
    const bk = await triggerAction(fake, {
      decisionTaskId: pushes[t.regressions[0]!.firstFailurePushId - pushes[0]!.id]!.decisionTaskId,
      action: 'backfill',
      taskId: failedTask,
      input: { depth: 3 },
    });
    add('trigger-hook', 'backfill', bk.body);
    const actionTask = String(rt.body['taskId']);

    add('repositories', '/api/repository/', await fetchJson('/api/repository/'));
    add('push-list', 'push list', await fetchJson('/api/project/autoland/push/?full=true&count=10'));
    add('push-list', 'try push list', await fetchJson('/api/project/try/push/'));
    add('push', 'one push', await fetchJson(`/api/project/autoland/push/${pushes[3]!.id}/`));
    for (const p of [pushes[0]!, pushes[5]!, running])
      add('jobs', `jobs of push ${p.position}`, await fetchJson(`/api/jobs/?push_id=${p.id}`));
    add(
      'jobs',
      'poll',
      await fetchJson(`/api/jobs/?push_id__in=${allIds}&last_modified__gt=2000-01-01T00:00:00.000000&count=500`),
    );
    add('jobs', 'empty', await fetchJson('/api/jobs/?push_id=1'));
    add('job', 'failed job', await fetchJson(`/api/project/autoland/jobs/${failedJob}/`));
    add('job-log-urls', 'logs', await fetchJson(`/api/project/autoland/job-log-url/?job_id=${failedJob}`));
    add('bug-suggestions', 'suggestions', await fetchJson(`/api/project/autoland/jobs/${failedJob}/bug_suggestions/`));
    add('similar-jobs', 'similar', await fetchJson(`/api/project/autoland/jobs/${failedJob}/similar_jobs/?count=50`));
    add(
      'decision-tasks',
      'decision tasks',
      await fetchJson(`/api/project/autoland/push/decisiontask/?push_ids=${pushes[1]!.id},${pushes[2]!.id}`),
    );

    const taskIds = [
      decision,
      failedTask,
      actionTask,
      retriggered,
      ...fake
        .state()
        .tasksCreated.slice(-3)
        .map((x) => x.taskId),
    ];
    const runningTasks = (await jobs(fake, `push_id=${running.id}`)).slice(0, 40).map((r) => String(r['task_id']));
    for (const id of [...taskIds, ...runningTasks.slice(0, 10)]) {
      add('task', id, await fetchJson(`/api/queue/v1/task/${id}`));
      const status = (await fetchJson(`/api/queue/v1/task/${id}/status`)) as { status: unknown };
      add('task-status', id, status);
      add('task-status-object', id, status.status);
    }
    add(
      'task-statuses',
      'bulk',
      await fetchJson('/api/queue/v1/tasks/status', {
        method: 'POST',
        body: JSON.stringify({ taskIds: [...taskIds, ...runningTasks] }),
      }),
    );
    add('task-group', 'group', await fetchJson(`/api/queue/v1/task-group/${decision}/list?limit=50`));
    add('dependent-tasks', 'action task children', await fetchJson(`/api/queue/v1/task/${actionTask}/dependents`));
    add(
      'index-tasks',
      'action tasks of a revision',
      await fetchJson(`/api/index/v1/tasks/gecko.v2.autoland.revision.${pushes[5]!.revision}.taskgraph.actions`),
    );
    add('artifacts', 'decision artifacts', await fetchJson(`/api/queue/v1/task/${decision}/artifacts`));
    add('artifacts', 'test artifacts', await fetchJson(`/api/queue/v1/task/${t.artifacts.tasksWithMany[0]}/artifacts`));
    add(
      'index-task',
      'by revision',
      await fetchJson(`/api/index/v1/task/gecko.v2.autoland.revision.${pushes[4]!.revision}.taskgraph.decision`),
    );
    add(
      'index-task',
      'by pushlog id',
      await fetchJson(`/api/index/v1/task/gecko.v2.autoland.pushlog-id.${pushes[4]!.pushlogId}.decision`),
    );
    const scopesUrl = `${fake.url}/api/auth/v1/scopes/current`;
    add(
      'scopes',
      'current (Hawk)',
      await (
        await fetch(scopesUrl, { headers: { Authorization: hawkHeader(scopesUrl, 'GET', fake.credentials) } })
      ).json(),
    );
    add('scopes', 'current (anonymous)', await fetchJson('/api/auth/v1/scopes/current'));
    add(
      'scopes',
      'expand',
      await fetchJson('/api/auth/v1/scopes/expand', {
        method: 'POST',
        body: JSON.stringify({ scopes: ['assume:repo:hg.mozilla.org/integration/autoland:branch:default'] }),
      }),
    );
    const denied = await triggerAction(fake, {
      decisionTaskId: decision,
      action: 'cancel-all',
      credentials: fake.createClient([]),
    });
    add('tc-error', '403 InsufficientScopes', denied.body);
    const badMac = await triggerAction(fake, {
      decisionTaskId: decision,
      action: 'cancel-all',
      credentials: { clientId: fake.credentials.clientId, accessToken: 'wrong' },
    });
    add('tc-error', '401 AuthenticationFailed', badMac.body);
    add('tc-error', '404 ResourceNotFound', await fetchJson('/api/queue/v1/task/AAAAAAAAQAAAAAAAAAAAAA'));

    fake.advance(10 * 60_000); // let the action tasks run, so their artifacts exist
    const art = (task: string, name: string): Promise<unknown> =>
      fetchJson(`/api/queue/v1/task/${task}/artifacts/${name}`);
    const actions = (await art(decision, 'public/actions.json')) as { actions: unknown[] };
    add('actions', 'actions.json', actions);
    for (const [i, a] of actions.actions.entries()) add('action', `action ${i}`, a);
    const tryDecision = (
      await getJson<Record<string, { id: string }>>(fake, '/api/project/try/push/decisiontask/?push_ids=1590001')
    )['1590001']!.id;
    add('actions', 'try actions.json', await art(tryDecision, 'public/actions.json'));
    add('runnable-jobs', 'runnable', await art(decision, 'public/runnable-jobs.json'));
    add('label-to-taskid', 'decision', await art(decision, 'public/label-to-taskid.json'));
    add('label-to-taskid', 'action', await art(actionTask, 'public/label-to-taskid.json'));
    add('task-graph', 'decision', await art(decision, 'public/task-graph.json'));
    add('task-graph', 'action', await art(actionTask, 'public/task-graph.json'));
    const a = pushes[3]!.pushlogId;
    add(
      'json-pushes',
      'v2',
      await fetchJson(`/integration/autoland/json-pushes?version=2&startID=${a}&endID=${a + 4}`),
    );
    add(
      'json-pushes',
      'v2 full',
      await fetchJson(`/integration/autoland/json-pushes?version=2&full=1&startID=${a}&endID=${a + 4}`),
    );
    add(
      'json-pushes',
      'changeset',
      await fetchJson(
        `/mozilla-central/json-pushes?version=2&changeset=${(await getJson<{ results: Array<{ revision: string }> }>(fake, '/api/project/mozilla-central/push/')).results[0]!.revision}`,
      ),
    );
    add(
      'automation-relevance',
      'tip',
      await fetchJson(`/integration/autoland/json-automationrelevance/${pushes[6]!.revision}`),
    );
    const perf = t.perf!;
    add(
      'perf-summary',
      'summary',
      await fetchJson(
        `/api/performance/summary/?repository=autoland&signature=${perf.signatureId}&framework=1&interval=31536000&all_data=true&replicates=true`,
      ),
    );
    add(
      'perf-summary',
      'all series',
      await fetchJson('/api/performance/summary/?repository=autoland&framework=1&interval=31536000'),
    );
    const alerts = (await fetchJson('/api/performance/alertsummary/?repository=autoland&framework=1')) as {
      results: unknown[];
    };
    add('alert-summaries', 'page', alerts);
    for (const [i, s] of alerts.results.entries()) add('alert-summary', `summary ${i}`, s);
  }, 20_000);
  afterAll(() => fake.close());

  it('has a fake response for every schema kind', () => {
    const missing = (Object.keys(SCHEMA_KINDS) as SchemaKindName[]).filter((k) => !samples.get(k)?.length);
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(SCHEMA_KINDS) as SchemaKindName[])('%s', (kind) => {
    const def = SCHEMA_KINDS[kind];
    for (const sample of samples.get(kind) ?? []) {
      try {
        parseOrDrift(def.schema, sample.body, def.source, def.endpoint);
      } catch (err) {
        throw new Error(`${kind} (${sample.name}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });

  it('the schemaDrift fault is caught by the schemas as a SchemaDriftError naming the field', async () => {
    fake.setFaults({ schemaDrift: true });
    try {
      const pushes = await (await fetch(`${fake.url}/api/project/autoland/push/`)).json();
      expect(() =>
        parseOrDrift(SCHEMA_KINDS['push-list'].schema, pushes, 'treeherder', '/api/project/autoland/push/'),
      ).toThrow(SchemaDriftError);
      try {
        parseOrDrift(SCHEMA_KINDS['push-list'].schema, pushes, 'treeherder', '/api/project/autoland/push/');
      } catch (err) {
        expect((err as SchemaDriftError).fieldPath).toContain('push_timestamp');
      }
      const jobsPage = await (await fetch(`${fake.url}/api/jobs/?push_id=${fake.truth.pushes[0]!.id}`)).json();
      expect(() => parseOrDrift(SCHEMA_KINDS.jobs.schema, jobsPage, 'treeherder', '/api/jobs/')).toThrow(
        SchemaDriftError,
      );
    } finally {
      fake.setFaults({ schemaDrift: false });
    }
  });
});
