import type { BisectionStartRequest, JobDescription } from '../protocol';
import { jobRefOf, type ModeReads } from './mode';
import { countRunsPerPush, type SessionCore } from './session';

/**
 * What the two modes started from a failing job (bisect, retrigger until it fails) draft alike: the job, the
 * suspects (the `earlierPushes` pushes before the failing one, then the failing push) and what already ran there.
 */
export async function draftFromFailingJob(
  request: BisectionStartRequest,
  reads: ModeReads,
  earlierPushes: (job: JobDescription) => Promise<number>,
): Promise<Pick<SessionCore, 'repo' | 'label' | 'job' | 'suspects' | 'observed' | 'budget' | 'parallel'>> {
  const job = await reads.describeJob(request.repo, request.jobId);
  const span = await earlierPushes(job);
  const earlier = span > 0 ? await reads.pushesBefore(request.repo, job.pushId, span) : [];
  const suspects = [
    ...earlier
      .slice(0, span)
      .reverse()
      .map((p) => ({ pushId: p.id, revision: p.revision })),
    { pushId: job.pushId, revision: job.revision },
  ];
  const session = { repo: request.repo, label: job.label, suspects };
  return {
    ...session,
    job: jobRefOf(job),
    observed: await labelRuns(session, reads),
    budget: request.budget,
    parallel: request.parallel,
  };
}

/** The session's label's runs on each suspect push, as counts. */
export async function labelRuns(session: Pick<SessionCore, 'repo' | 'label' | 'suspects'>, reads: ModeReads) {
  const pushIds = session.suspects.map((s) => s.pushId);
  return countRunsPerPush(await reads.jobsOf(session.repo, [session.label], pushIds), pushIds);
}
