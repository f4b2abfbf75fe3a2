import type { App } from '../app';
import { hashString } from '../rng';
import { intListParam, intParam, json, thNotFound, type Reply } from '../http';
import type { RequestContext, Router } from '../router';
import { jobById, jobsOfTask, logUrls, type JobView } from './job-view';
import { repoOr404 } from './pushes';

/** Job detail, logs, bug suggestions, error lines and similar jobs under `/api/project/<repo>/`. */
export function registerJobDetailRoutes(router: Router, app: App): void {
  router.get(/^\/api\/project\/([^/]+)\/jobs\/(\d+)\/?$/, (ctx) =>
    withJob(app, ctx, (job) => json(jobDetail(app, ctx, job))),
  );
  router.get(/^\/api\/project\/([^/]+)\/jobs\/(\d+)\/bug_suggestions\/?$/, (ctx) =>
    withJob(app, ctx, (job) => json(bugSuggestions(app, job))),
  );
  router.get(/^\/api\/project\/([^/]+)\/jobs\/(\d+)\/text_log_errors\/?$/, (ctx) =>
    withJob(app, ctx, (job) =>
      json(
        errorLines(app, job).map((line, i) => ({
          id: job.id * 10 + i,
          line,
          line_number: 1200 + i * 17,
          job: job.id,
          metadata: null,
          classified_failures: [],
        })),
      ),
    ),
  );
  router.get(/^\/api\/project\/([^/]+)\/jobs\/(\d+)\/similar_jobs\/?$/, (ctx) =>
    withJob(app, ctx, (job) => similarJobs(app, ctx, job)),
  );
  router.get(/^\/api\/project\/([^/]+)\/job-log-url\/?$/, (ctx) => {
    repoOr404(app, ctx.params[0]);
    const ids = [...(intListParam(ctx.query, 'job_id') ?? []), ...(intListParam(ctx.query, 'job_id__in') ?? [])];
    const now = app.now();
    const out = ids.flatMap((id) => {
      const job = jobById(app.world, id, now);
      if (!job) return [];
      return logUrls(ctx.origin, job).map((l, i) => ({
        id: job.id * 10 + i,
        job_id: job.id,
        name: l.name,
        url: l.url,
        parse_status: job.state === 'completed' ? 'parsed' : 'pending',
      }));
    });
    return json(out);
  });
}

function withJob(app: App, ctx: RequestContext, fn: (job: JobView) => Reply): Reply {
  const repo = repoOr404(app, ctx.params[0]);
  const job = jobById(app.world, Number(ctx.params[1]), app.now());
  if (!job || job.task.repo !== repo.info.name) return thNotFound();
  return fn(job);
}

function jobDetail(app: App, ctx: RequestContext, job: JobView): Record<string, unknown> {
  const push = app.world.pushOfTask(job.task);
  const s = (ms: number | null): number => (ms === null ? 0 : Math.floor(ms / 1000));
  const run = job.task.runs[job.retry_id];
  return {
    build_architecture: '-',
    build_os: '-',
    build_platform: job.platform,
    build_platform_id: 600 + (hashString(String(job.platform)) % 300),
    build_system_type: 'taskcluster',
    end_timestamp: s(job.endMs),
    failure_classification_id: job.failure_classification_id,
    id: job.id,
    job_group_description: '',
    job_group_id: 400 + (hashString(String(job.job_group_symbol)) % 500),
    job_group_name: job.job_group_name,
    job_group_symbol: job.job_group_symbol,
    job_guid: `${job.task_id}/${job.retry_id}`,
    job_type_description: '',
    job_type_id: 200_000 + (hashString(String(job.job_type_name)) % 100_000),
    job_type_name: job.job_type_name,
    job_type_symbol: job.job_type_symbol,
    last_modified: job.last_modified,
    machine_name: run?.workerId ?? 'unknown',
    machine_platform_architecture: '-',
    machine_platform_os: '-',
    option_collection_hash: optionHash(String(job.platform_option)),
    platform: job.platform,
    push_id: push.id,
    reason: job.retry_id === 0 ? 'scheduled' : (run?.reasonCreated ?? 'scheduled'),
    ref_data_name: job.signature,
    result: job.result,
    result_set_id: push.id,
    signature: job.signature,
    start_timestamp: s(job.startMs),
    state: job.state,
    submit_timestamp: s(job.submitMs),
    tier: job.tier,
    who: push.author,
    resource_uri: `/api/project/${push.repo}/jobs/${job.id}/`,
    logs: logUrls(ctx.origin, job),
    platform_option: job.platform_option,
    task_id: job.task_id,
    retry_id: job.retry_id,
    taskcluster_metadata: { task_id: job.task_id, retry_id: job.retry_id },
  };
}

export function optionHash(option: string): string {
  const known: Record<string, string> = {
    opt: '102210fe594ee9b33d82058545b1ed14f4c8206e',
    debug: '32faaecac742100f7753f0c1d0aa0add01b4046b',
  };
  return known[option] ?? hashString(option).toString(16).padStart(40, '0');
}

/** TEST-UNEXPECTED-FAIL lines of a failed test job (empty otherwise). */
export function errorLines(app: App, job: JobView): string[] {
  if (job.result !== 'testfailed' && job.result !== 'busted') return [];
  const tests = job.task.failingTests ?? [];
  if (job.result === 'busted' || tests.length === 0) return [`[task ${job.task_id}] Error: process exited with code 2`];
  // mozharness ends a failed test run with "Return code: 1", which Treeherder lists as an error line too.
  return [...tests.map((t) => `TEST-UNEXPECTED-FAIL | ${t} | ${failureMessage(app, job, t)}`), 'Return code: 1'];
}

function failureMessage(app: App, job: JobView, test: string): string {
  const flaky = app.modelFor(job.task.repo).get(job.task.label);
  const words = [
    'Test timed out',
    'Got 0, expected 1',
    'Uncaught exception - TypeError: this.window is null',
    'assertion failed',
  ];
  return flaky && flaky.culpritIndex === undefined
    ? 'Test timed out'
    : (words[hashString(test) % words.length] ?? 'failed');
}

function bugSuggestions(app: App, job: JobView): unknown[] {
  const flakyKnown = (() => {
    const b = app.modelFor(job.task.repo).get(job.task.label);
    return !!b && b.culpritIndex === undefined && b.f < 1;
  })();
  return errorLines(app, job).map((line, i) => {
    const path = line.split(' | ')[1] ?? '';
    // A line that is not "TYPE | path | message" and too generic to search for gives search_terms [null]
    // (mozilla/treeherder treeherder/model/error_summary.py, get_error_search_term_and_path).
    if (!path) {
      return {
        search: line,
        search_terms: [null],
        path_end: null,
        bugs: { open_recent: [], all_others: [] },
        line_number: 1200 + i * 17,
        counter: 0,
        failure_new_in_rev: false,
      };
    }
    const bugId = 1_950_000 + (hashString(path) % 40_000);
    const bug = {
      id: bugId,
      status: 'NEW',
      resolution: '',
      summary: `Intermittent ${path} | single tracking bug`,
      dupe_of: null,
      crash_signature: '',
      keywords: 'intermittent-failure,intermittent-testcase',
      whiteboard: '',
      internal_id: bugId - 1_900_000,
      occurrences: 3 + (bugId % 40),
    };
    return {
      search: line,
      search_terms: [path.split('/').pop() ?? path],
      path_end: path,
      bugs: { open_recent: flakyKnown ? [bug] : [], all_others: [] },
      line_number: 1200 + i * 17,
      counter: 1,
      failure_new_in_rev: !flakyKnown,
    };
  });
}

function similarJobs(app: App, ctx: RequestContext, job: JobView): Reply {
  const count = intParam(ctx.query, 'count', 50, 1, 50);
  const offset = intParam(ctx.query, 'offset', 0, 0);
  const nosuccess = ctx.query.has('nosuccess');
  const now = app.now();
  const repo = app.world.repo(job.task.repo);
  const jobs: JobView[] = [];
  for (const push of [...(repo?.pushes ?? [])].reverse()) {
    for (const t of app.world.tasksByPush.get(push.id) ?? []) {
      if (t.label !== job.task.label) continue;
      for (const j of jobsOfTask(app.world, t, now))
        if (j.id !== job.id && (!nosuccess || j.result !== 'success')) jobs.push(j);
    }
  }
  const results = jobs.slice(offset, offset + count).map((j) => {
    const { logs: _logs, resource_uri: _uri, ...rest } = jobDetail(app, ctx, j);
    return rest;
  });
  return json({ meta: { count, offset, repository: job.task.repo }, results });
}
