import { AutomationRelevanceSchema, type CiClients } from '../ci';
import type { RevisionSources } from './load';

/**
 * The pushlog reads of one repository. Automation relevance is asked with `backouts=1` so each
 * changeset says which later changeset backed it out; not cached, since that can change any time.
 */
export function createRevisionSources(
  clients: Pick<CiClients, 'http' | 'pushlog'>,
  hgUrl: string,
  repoPath: string,
): RevisionSources {
  const repoBase = `${hgUrl.replace(/\/+$/, '')}/${repoPath.replace(/^\/+|\/+$/g, '')}`;
  return {
    async automationRelevance(revision) {
      const url = `${repoBase}/json-automationrelevance/${encodeURIComponent(revision)}?backouts=1`;
      const result = await clients.http.getJson(url, AutomationRelevanceSchema, {
        source: 'pushlog',
        endpoint: 'json-automationrelevance/<rev>?backouts=1',
        what: `the changesets of ${revision.slice(0, 12)} on ${repoPath}`,
      });
      return result.changesets;
    },
    pushesBetween(fromRevision, toRevision) {
      return clients.pushlog.pushesBetweenRevisions(repoPath, { fromRevision, toRevision, full: true });
    },
  };
}
