import type { JobRef, PushRef, TriggerIntentInput } from '../../src/actions/intents';
import type { JobDescription } from '../../src/protocol';

/** Intents for one job, built from the background's description of it (never from button text). */

export function pushRefOf(repo: string, job: JobDescription): PushRef {
  return { repo, pushId: job.pushId, revision: job.revision };
}

export function jobRefOf(job: JobDescription): JobRef {
  return { jobId: job.jobId, taskId: job.taskId, label: job.label, symbol: job.symbol, groupSymbol: job.groupSymbol };
}

export function backfillIntent(repo: string, job: JobDescription, depth: number): TriggerIntentInput {
  return { kind: 'backfill', push: pushRefOf(repo, job), job: jobRefOf(job), depth };
}

export function retriggerIntent(repo: string, job: JobDescription, times: number): TriggerIntentInput {
  return { kind: 'retrigger', push: pushRefOf(repo, job), labels: [job.label], times, job: jobRefOf(job) };
}
