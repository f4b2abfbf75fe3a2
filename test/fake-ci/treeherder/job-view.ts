import { createHash } from 'node:crypto';
import { isoNoZ, MINUTE } from '../clock';
import { runStateAt, type RunTimes } from '../model/timeline';
import type { SimTask } from '../model/types';
import type { World } from '../model/world';

/** Column order of the current server (treeherder.md §5). */
export const JOB_PROPERTY_NAMES = [
  'failure_classification_id',
  'id',
  'job_group_name',
  'job_group_symbol',
  'job_type_name',
  'job_type_symbol',
  'last_modified',
  'platform',
  'push_id',
  'push_revision',
  'result',
  'signature',
  'state',
  'tier',
  'task_id',
  'retry_id',
  'duration',
  'platform_option',
] as const;

export type JobColumn = (typeof JOB_PROPERTY_NAMES)[number];
export type JobRow = Record<JobColumn, string | number>;

/** A Treeherder job: the view of one run of one task at a moment. */
export interface JobView extends JobRow {
  id: number;
  task_id: string;
  retry_id: number;
  push_id: number;
  lastModifiedMs: number;
  submitMs: number;
  startMs: number | null;
  endMs: number | null;
  task: SimTask;
}

const signatures = new Map<string, string>();

function signatureOf(task: SimTask): string {
  const key = `${task.label}|${task.spec.platform}|${task.spec.option}|${task.symbol}`;
  let sig = signatures.get(key);
  if (!sig) {
    sig = createHash('sha1').update(key).digest('hex');
    signatures.set(key, sig);
  }
  return sig;
}

/**
 * Jobs of a task at `now`: none before the task exists, then run 0 (`unscheduled` until it is scheduled) and
 * later runs once they exist.
 */
export function jobsOfTask(world: World, task: SimTask, now: number): JobView[] {
  if (task.created > now) return [];
  const times = world.timeline(task);
  const out: JobView[] = [];
  times.forEach((run, i) => {
    if (i === 0 || run.scheduled <= now) out.push(viewOf(world, task, times, run, now));
  });
  return out;
}

export function jobById(world: World, jobId: number, now: number): JobView | undefined {
  const hit = world.jobs.get(jobId);
  if (!hit) return undefined;
  return jobsOfTask(world, hit.task, now).find((j) => j.retry_id === hit.runId);
}

function viewOf(world: World, task: SimTask, times: RunTimes[], run: RunTimes, now: number): JobView {
  const push = world.pushOfTask(task);
  const runState = runStateAt(run, now);
  const { state, result } = treeherderStatus(task, times, run, runState);
  const submitMs = run.runId === 0 ? task.created : run.scheduled;
  const stamps = [submitMs, run.scheduled, run.started, run.resolved].filter((t) => t <= now);
  const lastModifiedMs = Math.max(...stamps);
  const startMs = run.started <= now ? run.started : null;
  const endMs = run.resolved <= now ? run.resolved : null;
  const from = startMs ?? (run.scheduled <= now ? run.scheduled : submitMs);
  const to = endMs ?? now;
  const duration = Math.max(1, Math.round((to - from) / MINUTE));
  return {
    failure_classification_id: task.failureClassificationId,
    id: run.jobId,
    job_group_name: task.groupName,
    job_group_symbol: task.groupSymbol,
    job_type_name: task.label,
    job_type_symbol: task.symbol,
    last_modified: isoNoZ(lastModifiedMs),
    platform: task.spec.platform,
    push_id: push.id,
    push_revision: push.revision,
    result,
    signature: signatureOf(task),
    state,
    tier: task.spec.tier,
    task_id: task.taskId,
    retry_id: run.runId,
    duration,
    platform_option: task.spec.option,
    lastModifiedMs,
    submitMs,
    startMs,
    endMs,
    task,
  };
}

function treeherderStatus(
  task: SimTask,
  times: RunTimes[],
  run: RunTimes,
  runState: string,
): { state: string; result: string } {
  switch (runState) {
    case 'unscheduled':
    case 'pending':
    case 'running':
      return { state: runState, result: 'unknown' };
    case 'completed':
      return { state: 'completed', result: 'success' };
    case 'failed':
      return {
        state: 'completed',
        result: task.spec.kind === 'build' || task.spec.kind === 'decision' ? 'busted' : 'testfailed',
      };
    default: {
      if (run.reasonResolved === 'canceled') return { state: 'completed', result: 'usercancel' };
      const retried = times.some((r) => r.runId > run.runId && r.reasonCreated === 'retry');
      return { state: 'completed', result: retried ? 'retry' : 'exception' };
    }
  }
}

/** A row in `job_property_names` order. */
export function toRow(job: JobView): Array<string | number> {
  return JOB_PROPERTY_NAMES.map((k) => job[k]);
}

/** `<root>/api/queue/v1/task/<id>/runs/<run>/artifacts/public/logs/live_backing.log` and the errorsummary URL. */
export function logUrls(origin: string, job: JobView): Array<{ name: string; url: string }> {
  const base = `${origin}/api/queue/v1/task/${job.task_id}/runs/${job.retry_id}/artifacts`;
  const logs = [
    {
      name: job.task.spec.kind === 'build' ? 'builds-4h' : 'live_backing_log',
      url: `${base}/public/logs/live_backing.log`,
    },
  ];
  if (job.task.spec.kind === 'test')
    logs.push({ name: 'errorsummary_json', url: `${base}/${errorSummaryName(job.task)}` });
  return logs;
}

export function errorSummaryName(task: SimTask): string {
  return `public/test_info/${(task.spec.suite ?? 'test').replace(/-\d+$/, '')}_errorsummary.log`;
}
