import type { App } from './app';
import { isoNoZ } from './clock';
import { intListParam, intParam, json, type Reply } from './http';
import type { LabelSpec, SimTask } from './model/types';
import { taskStateAt } from './model/timeline';
import type { RequestContext, Router } from './router';
import { jobsOfTask } from './treeherder/job-view';
import { optionHash } from './treeherder/job-detail';
import { perfReplicates, perfValue } from './scenario/perf-values';

const FRAMEWORKS = [
  { id: 1, name: 'talos' },
  { id: 10, name: 'raptor' },
  { id: 11, name: 'js-bench' },
  { id: 12, name: 'devtools' },
  { id: 13, name: 'browsertime' },
  { id: 15, name: 'mozperftest' },
];

/** Perfherder: frameworks, signatures, performance summary (one datum per completed perf run) and alert summaries. */
export function registerPerfherderRoutes(router: Router, app: App): void {
  router.get(/^\/api\/performance\/framework\/?$/, () => json(FRAMEWORKS));
  router.get(/^\/api\/performance\/summary\/?$/, (ctx) => summary(app, ctx));
  router.get(/^\/api\/performance\/alertsummary\/?$/, (ctx) => alertSummaries(app, ctx));
  router.get(/^\/api\/project\/([^/]+)\/performance\/signatures\/?$/, (ctx) => {
    const repo = app.world.repo(ctx.params[0] ?? '');
    const out: Record<string, unknown> = {};
    for (const l of repo ? perfLabels(repo.catalog) : []) out[String(l.perf?.signatureId)] = signatureJson(l);
    return json(out);
  });
}

function perfLabels(catalog: LabelSpec[]): LabelSpec[] {
  return catalog.filter((l) => l.perf);
}

function signatureJson(l: LabelSpec): Record<string, unknown> {
  return {
    id: l.perf?.signatureId,
    signature_hash: l.perf?.signatureHash,
    framework_id: l.perf?.frameworkId,
    option_collection_hash: optionHash(l.option),
    machine_platform: l.platform,
    suite: l.perf?.suite,
    test: '',
    lower_is_better: l.perf?.lowerIsBetter,
    has_subtests: false,
    tags: [],
    extra_options: ['e10s', 'fission', 'stylo', 'webrender'],
  };
}

function summary(app: App, ctx: RequestContext): Reply {
  const q = ctx.query;
  const repoName = q.get('repository');
  const repo = repoName ? app.world.repo(repoName) : undefined;
  if (!repo) return json({ repository: ['This field is required and must name a repository.'] }, 400);
  const signatures = intListParam(q, 'signature');
  const framework = q.get('framework');
  const withReplicates = q.get('replicates') === 'true';
  const now = app.now();
  const interval = intParam(q, 'interval', 0, 0);
  const since = interval > 0 ? now / 1000 - interval : -Infinity;
  const revision = q.get('revision');
  const out = perfLabels(repo.catalog)
    .filter((l) => !signatures || signatures.includes(l.perf?.signatureId ?? -1))
    .filter((l) => !framework || String(l.perf?.frameworkId) === framework)
    .map((l) => {
      const data = repo.pushes
        .filter((p) => p.timestamp >= since && (!revision || p.revision === revision))
        .flatMap((p) => (app.world.tasksByPush.get(p.id) ?? []).filter((t) => t.label === l.label))
        .filter((t) => taskStateAt(app.world.timeline(t), now) === 'completed')
        .map((t) => datum(app, t, withReplicates));
      return {
        signature_id: l.perf?.signatureId,
        framework_id: l.perf?.frameworkId,
        signature_hash: l.perf?.signatureHash,
        platform: l.platform,
        test: '',
        suite: l.perf?.suite,
        lower_is_better: l.perf?.lowerIsBetter,
        has_subtests: false,
        tags: [],
        values: data.map((d) => d.value),
        name: `${l.perf?.suite} opt e10s fission stylo webrender`,
        parent_signature: null,
        job_ids: data.map((d) => d.job_id),
        repository_name: repo.info.name,
        repository_id: repo.info.id,
        data,
      };
    });
  return json(out);
}

function datum(
  app: App,
  task: SimTask,
  withReplicates: boolean,
): {
  job_id: number;
  id: number;
  value: number;
  push_timestamp: string;
  push_id: number;
  revision: string;
  replicates?: number[];
} {
  const push = app.world.pushOfTask(task);
  const job = jobsOfTask(app.world, task, app.now()).at(-1);
  const replicates = perfReplicates(app.world, app.scenario.truth, task);
  return {
    job_id: job?.id ?? 0,
    id: (job?.id ?? 0) * 3 + 1,
    value: perfValue(replicates),
    push_timestamp: isoNoZ(push.timestamp * 1000).slice(0, 19),
    push_id: push.id,
    revision: push.revision,
    ...(withReplicates ? { replicates } : {}),
  };
}

function alertSummaries(app: App, ctx: RequestContext): Reply {
  const truth = app.scenario.truth;
  const perf = truth.perf;
  const q = ctx.query;
  const summaries: unknown[] = [];
  const repoFilter = q.get('repository');
  const idFilter = q.get('id');
  const frameworkFilter = q.get('framework');
  if (
    perf &&
    (!repoFilter || repoFilter === truth.repo || repoFilter === String(app.world.repo(truth.repo)?.info.id))
  ) {
    if (
      (!idFilter || Number(idFilter) === perf.alertSummaryId) &&
      (!frameworkFilter || Number(frameworkFilter) === perf.frameworkId)
    ) {
      summaries.push(alertSummary(app));
    }
  }
  return json({ next: null, previous: null, count: summaries.length, results: summaries });
}

function alertSummary(app: App): Record<string, unknown> {
  const truth = app.scenario.truth;
  const perf = truth.perf;
  if (!perf) return {};
  const repo = app.world.repo(truth.repo);
  const label = repo?.catalog.find((l) => l.label === perf.label);
  const push = app.world.pushesById.get(perf.alertPushId);
  const prev = app.world.pushesById.get(perf.prevPushId);
  const base = label?.perf?.baseValue ?? 100;
  const newValue = Math.round(base * (1 + perf.shiftPct / 100) * 100) / 100;
  return {
    id: perf.alertSummaryId,
    push_id: perf.alertPushId,
    prev_push_id: perf.prevPushId,
    created: isoNoZ((push?.timestamp ?? 0) * 1000 + 3 * 3_600_000),
    first_triaged: null,
    triage_due_date: null,
    repository: truth.repo,
    framework: perf.frameworkId,
    alerts: [
      {
        id: perf.alertSummaryId * 10 + 1,
        status: 0,
        series_signature: {
          id: perf.signatureId,
          framework_id: perf.frameworkId,
          signature_hash: perf.signatureHash,
          machine_platform: label?.platform ?? '',
          suite: perf.suite,
          test: '',
          tags: [],
          lower_is_better: true,
          has_subtests: false,
          option_collection_hash: optionHash(label?.option ?? 'opt'),
          extra_options: ['e10s', 'fission', 'stylo', 'webrender'],
        },
        taskcluster_metadata: null,
        prev_taskcluster_metadata: null,
        profile_url: null,
        prev_profile_url: null,
        is_regression: true,
        prev_value: base,
        new_value: newValue,
        t_value: 12.5,
        amount_abs: Math.round((newValue - base) * 100) / 100,
        amount_pct: perf.shiftPct,
        summary_id: perf.alertSummaryId,
        related_summary_id: null,
        manually_created: false,
        classifier: null,
        starred: false,
        classifier_email: null,
        backfill_record: null,
        noise_profile: 'OK',
        title: `${perf.suite} ${label?.platform ?? ''}`,
      },
    ],
    related_alerts: [],
    duplicated_summaries: [],
    status: 0,
    bug_number: null,
    bug_due_date: null,
    bug_updated: null,
    issue_tracker: 1,
    notes: null,
    assignee_username: null,
    assignee_email: null,
    performance_tags: [],
    revision: push?.revision ?? '',
    push_timestamp: push?.timestamp ?? 0,
    prev_push_revision: prev?.revision ?? '',
  };
}
