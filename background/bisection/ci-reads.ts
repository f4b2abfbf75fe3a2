import type { ModeReads } from '../../src/bisection-session/mode';
import type { CulpritDetails } from '../../src/bisection-session/session';
import { loadRangeRevisions } from '../../src/revisions/load';
import { createRevisionSources } from '../../src/revisions/sources';
import { describeJob, earlierLabelRuns } from '../services/page-data';
import { servicesForRepo } from '../services/repository-services';
import { similarJobHistory } from './history';
import { perfReads } from './perf-data';

const treeherder = async (repo: string) => (await servicesForRepo(repo)).clients.treeherder;

/** Every CI read of the bisection runner and its modes, through the per-repository clients. */
export const bisectionReads: ModeReads & { culpritDetails(repo: string, pushId: number): Promise<CulpritDetails> } = {
  ...perfReads,
  describeJob,
  earlierRuns: earlierLabelRuns,
  pushesBefore: async (repo, pushId, count) => (await treeherder(repo)).pushesBefore(repo, pushId, count),
  jobsOf: async (repo, labels, pushIds) => {
    const client = await treeherder(repo);
    const perLabel = await Promise.all(labels.map((label) => client.findJobs({ pushIds, jobTypeName: label })));
    return perLabel
      .flat()
      .map((j) => ({ id: j.id, push_id: j.push_id, job_type_name: j.job_type_name, state: j.state, result: j.result }));
  },
  failureLines: async (repo, jobId) => (await treeherder(repo)).bugSuggestions(repo, jobId),
  pushFiles: async (repo, fromRevision, toRevision) => {
    const services = await servicesForRepo(repo);
    const sources = createRevisionSources(services.clients, services.urls.hgUrl, services.repoPath);
    const range = await loadRangeRevisions(sources, fromRevision, toRevision);
    return range.pushes.map((p) => ({ revision: p.revision, files: p.files }));
  },
  history: async (repo, jobId, beforePushId) => similarJobHistory(await treeherder(repo), repo, jobId, beforePushId),
  culpritDetails: async (repo, pushId) => {
    const { clients, urls } = await servicesForRepo(repo);
    const push = await clients.treeherder.pushById(repo, pushId);
    return {
      pushId,
      revision: push.revision,
      author: push.author,
      comments: push.revisions.map((r) => r.comments.split('\n')[0] ?? ''),
      treeherderUrl: `${urls.treeherderUrl}/jobs?repo=${encodeURIComponent(repo)}&revision=${push.revision}`,
    };
  },
};
