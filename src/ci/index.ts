/**
 * The CI data layer's public surface: validated types, schemas, and clients for Treeherder,
 * Taskcluster, the hg pushlog and Perfherder. Import from here, not from the files behind it.
 */
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../http/client';
import type { ServiceUrls } from '../settings';
import { createPerfherderClient, type PerfherderClient } from './perfherder';
import { createPushlogClient, type PushlogClient } from './pushlog';
import { createTaskclusterClient, type TaskclusterClient } from './taskcluster';
import { createTreeherderClient, type TreeherderClient } from './treeherder';

export { SchemaDriftError, parseOrDrift, formatZodPath, driftFromIssues } from './drift';
export type { DataSource } from './drift';

export * from './schemas/treeherder';
export * from './schemas/taskcluster';
export * from './schemas/actions';
export * from './schemas/decision-artifacts';
export * from './schemas/pushlog';
export * from './schemas/perfherder';
export { SCHEMA_KINDS, isSchemaKindName } from './schema-kinds';
export type { SchemaKind, SchemaKindName } from './schema-kinds';

export { createTreeherderClient, decisionTaskFromJobs } from './treeherder';
export type { DecisionTaskRef, JobFilter, TreeherderClient, TreeherderClientOptions } from './treeherder';
export { createTaskclusterClient } from './taskcluster';
export type { TaskclusterClient, TaskclusterClientOptions, TaskclusterCredentials } from './taskcluster';
export { createPushlogClient, repoPathFromUrl } from './pushlog';
export type { FilesTouched, PushlogChangesetEntry, PushlogClient, PushlogClientOptions, PushlogEntry } from './pushlog';
export { createPerfherderClient } from './perfherder';
export type { AlertSummaryQuery, PerfherderClient, PerfherderClientOptions, SeriesAroundPushQuery } from './perfherder';
export { formatTreeherderTime, parseTreeherderTime } from './treeherder-time';

export interface CiClients {
  http: HttpClient;
  treeherder: TreeherderClient;
  taskcluster: TaskclusterClient;
  pushlog: PushlogClient;
  perfherder: PerfherderClient;
}

/** All four clients over one HTTP layer (one cache, one set of per-host limits). */
export function createCiClients(urls: ServiceUrls, http: HttpClient | HttpClientOptions = {}): CiClients {
  const shared = 'getJson' in http ? http : createHttpClient(http);
  return {
    http: shared,
    treeherder: createTreeherderClient({ http: shared, urls }),
    taskcluster: createTaskclusterClient({ http: shared, urls }),
    pushlog: createPushlogClient({ http: shared, urls }),
    perfherder: createPerfherderClient({ http: shared, urls }),
  };
}
