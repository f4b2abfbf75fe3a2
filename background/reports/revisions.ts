import { loadPushRevisions, loadRangeRevisions } from '../../src/revisions/load';
import { createRevisionSources } from '../../src/revisions/sources';
import type { GapRevisions, PushChangesets, RangeRevisions } from '../../src/revisions/types';
import { withSentence } from '../error-sentence';
import { describeJob, jobGap } from '../services/page-data';
import type { PushLookup } from '../../src/push-ref';
import { resolvePush } from '../services/resolve-push';
import { servicesForRepo, type RepoServices } from '../services/repository-services';

function sourcesOf(services: RepoServices) {
  return createRevisionSources(services.clients, services.urls.hgUrl, services.repoPath);
}

/** Where the repository's changesets live on hg (`<repoUrl>/rev/<node>`). */
function repoUrlOf(services: RepoServices): string {
  return `${services.urls.hgUrl.replace(/\/+$/, '')}/${services.repoPath}`;
}

/** A push's changesets from the pushlog, with Treeherder's push id and authors. */
export function pushRevisions(request: PushLookup): Promise<PushChangesets> {
  return withSentence(async () => {
    const services = await servicesForRepo(request.repo);
    const push = await resolvePush(services, request);
    return { ...(await loadPushRevisions(sourcesOf(services), push)), repoUrl: repoUrlOf(services) };
  });
}

/** The pushes after `fromRevision` up to and including `toRevision`, and the files they touched. */
export function rangeRevisions(request: {
  repo: string;
  fromRevision: string;
  toRevision: string;
}): Promise<RangeRevisions> {
  return withSentence(async () => {
    const services = await servicesForRepo(request.repo);
    return {
      ...(await loadRangeRevisions(sourcesOf(services), request.fromRevision, request.toRevision)),
      repoUrl: repoUrlOf(services),
    };
  });
}

/** The suspects of a failing job: its gap (pushes since the label last ran) plus its own push. */
export function jobGapRevisions(repo: string, jobId: number): Promise<GapRevisions> {
  return withSentence(async () => {
    const [job, gap] = await Promise.all([describeJob(repo, jobId), jobGap(repo, jobId)]);
    if (!gap.lastRun) {
      throw new Error(
        `${job.label} did not run on any of the ${gap.searched} earlier pushes searched, so its gap has no start to show.`,
      );
    }
    const services = await servicesForRepo(repo);
    const range = await loadRangeRevisions(sourcesOf(services), gap.lastRun.revision, job.revision);
    return {
      job: { jobId, label: job.label, pushId: job.pushId, revision: job.revision, result: job.result },
      gap: gap.gap,
      lastRun: gap.lastRun,
      range: { ...range, repoUrl: repoUrlOf(services) },
    };
  });
}
