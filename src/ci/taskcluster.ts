/**
 * Taskcluster client: Queue, Index and Auth reads are anonymous; Hooks `triggerHook` is Hawk-signed
 * (reference/taskcluster.md §1.6, §3–§6). The root URL comes from settings or the repository entry.
 */
import type { z } from 'zod';
import { hawkSignRequest, taskclusterExt, type HawkCredentials } from '../hawk/sign';
import type { HttpClient, RequestOptions, SignableRequest } from '../http/client';
import { isNotFound } from '../http/errors';
import type { ServiceUrls } from '../settings';
import { ActionsJsonSchema, type ActionsJson } from './schemas/actions';
import {
  LabelToTaskIdSchema,
  RunnableJobsSchema,
  TaskGraphSchema,
  type LabelToTaskId,
  type RunnableJobs,
  type TaskGraph,
} from './schemas/decision-artifacts';
import {
  ArtifactListSchema,
  DependentTasksSchema,
  IndexedTaskListSchema,
  IndexedTaskSchema,
  ScopeSetSchema,
  TaskDefinitionSchema,
  TaskGroupListSchema,
  TaskStatusesResponseSchema,
  TaskStatusResponseSchema,
  TriggerHookResponseSchema,
  type Artifact,
  type IndexedTask,
  type TaskDefinition,
  type TaskDefinitionAndStatus,
  type TaskStatus,
  type TriggerHookResult,
} from './schemas/taskcluster';
import { trimSlashes, withQuery } from './url';

/** Taskcluster credentials as issued by the OAuth flow or pasted by the user. */
export interface TaskclusterCredentials {
  clientId: string;
  accessToken: string;
  /** Temporary credentials only: the certificate (JSON string or object). */
  certificate?: string | Record<string, unknown>;
  /** Restricts the request to these scopes (sent in Hawk `ext`). */
  authorizedScopes?: readonly string[];
}

export interface TaskclusterClientOptions {
  http: HttpClient;
  urls: Pick<ServiceUrls, 'taskclusterRootUrl'>;
  /** Unix seconds for Hawk timestamps; default the system clock. */
  nowSeconds?: () => number;
  /** Safety stop for continuation-token loops. */
  maxPages?: number;
}

export interface TaskclusterClient {
  readonly rootUrl: string;
  task(taskId: string): Promise<TaskDefinition>;
  taskStatus(taskId: string): Promise<TaskStatus>;
  /** Bulk statuses (POST /tasks/status); unknown task ids are simply absent from the map. */
  taskStatuses(taskIds: readonly string[]): Promise<Map<string, TaskStatus>>;
  /** Every task of a group, following continuation tokens. */
  listTaskGroup(taskGroupId: string): Promise<TaskDefinitionAndStatus[]>;
  /** Tasks that list `taskId` among their dependencies (all pages). */
  listDependentTasks(taskId: string): Promise<TaskDefinitionAndStatus[]>;
  /** Artifacts of the latest run, or of `runId`. */
  listArtifacts(taskId: string, runId?: number): Promise<Artifact[]>;
  /** Queue URL of an artifact (the queue answers with a redirect to storage). */
  artifactUrl(taskId: string, name: string, runId?: number): string;
  /** Downloads a public JSON artifact (following redirects) and validates it. */
  publicArtifactJson<S extends z.ZodType>(
    taskId: string,
    name: string,
    schema: S,
    options?: { runId?: number; cacheTtlMs?: number },
  ): Promise<z.output<S>>;
  actionsJson(decisionTaskId: string): Promise<ActionsJson>;
  runnableJobs(decisionTaskId: string, runId?: number): Promise<RunnableJobs>;
  labelToTaskId(taskId: string): Promise<LabelToTaskId>;
  taskGraph(taskId: string): Promise<TaskGraph>;
  /** Index lookup; null when nothing is indexed at that path. */
  findTask(indexPath: string): Promise<IndexedTask | null>;
  /** Tasks indexed right under a namespace (all pages); empty when the namespace does not exist. */
  listIndexedTasks(namespace: string): Promise<IndexedTask[]>;
  /** Scopes of the caller: anonymous scopes, or those of `credentials`. */
  currentScopes(credentials?: TaskclusterCredentials): Promise<string[]>;
  expandScopes(scopes: readonly string[]): Promise<string[]>;
  /** Fires a hook once (retried only if it provably never reached Taskcluster: an action must not run twice). */
  triggerHook(
    hookGroupId: string,
    hookId: string,
    payload: Record<string, unknown>,
    credentials: TaskclusterCredentials,
  ): Promise<TriggerHookResult>;
  /** Taskcluster UI links. */
  taskUiUrl(taskId: string): string;
  taskGroupUiUrl(taskGroupId: string): string;
}

const HOUR_MS = 60 * 60 * 1000;
const STATUS_BATCH = 500;

export function createTaskclusterClient(options: TaskclusterClientOptions): TaskclusterClient {
  const { http } = options;
  const rootUrl = trimSlashes(options.urls.taskclusterRootUrl);
  const queue = `${rootUrl}/api/queue/v1`;
  const maxPages = options.maxPages ?? 1000;
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const describe = (endpoint: string, what: string): RequestOptions => ({ source: 'taskcluster', endpoint, what });
  const id = encodeURIComponent;

  function signer(credentials: TaskclusterCredentials) {
    const hawkCredentials: HawkCredentials = { id: credentials.clientId, key: credentials.accessToken };
    const ext = taskclusterExt({
      certificate: credentials.certificate,
      authorizedScopes: credentials.authorizedScopes,
    });
    // A request with a body is signed with its payload hash (src/hawk).
    return (request: SignableRequest) =>
      hawkSignRequest(request, { credentials: hawkCredentials, ext, timestampSec: nowSeconds() });
  }

  /** Calls `fetchPage` with each continuation token until the server stops sending one. */
  async function collectPages<T>(
    fetchPage: (token: string | undefined) => Promise<{ items: T[]; token?: string }>,
    what: string,
  ) {
    const items: T[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const result = await fetchPage(token);
      items.push(...result.items);
      if (!result.token) return items;
      token = result.token;
    }
    throw new Error(`Stopped listing ${what} after ${maxPages} pages; Taskcluster kept sending continuation tokens.`);
  }

  function artifactUrl(taskId: string, name: string, runId?: number): string {
    const encodedName = name.split('/').map(encodeURIComponent).join('/');
    const run = runId === undefined ? '' : `/runs/${runId}`;
    return `${queue}/task/${id(taskId)}${run}/artifacts/${encodedName}`;
  }

  const client: TaskclusterClient = {
    rootUrl,

    async task(taskId) {
      // A task definition never changes once created.
      return http.getJson(`${queue}/task/${id(taskId)}`, TaskDefinitionSchema, {
        ...describe('queue task(<taskId>)', `task ${taskId}`),
        cacheTtlMs: HOUR_MS,
      });
    },

    async taskStatus(taskId) {
      const response = await http.getJson(
        `${queue}/task/${id(taskId)}/status`,
        TaskStatusResponseSchema,
        describe('queue status(<taskId>)', `the status of task ${taskId}`),
      );
      return response.status;
    },

    async taskStatuses(taskIds) {
      const statuses = new Map<string, TaskStatus>();
      const unique = [...new Set(taskIds)];
      const batches: string[][] = [];
      for (let i = 0; i < unique.length; i += STATUS_BATCH) batches.push(unique.slice(i, i + STATUS_BATCH));
      await Promise.all(
        batches.map(async (batch) => {
          const entries = await collectPages(async (token) => {
            const url = withQuery(`${queue}/tasks/status`, token ? { continuationToken: token } : {});
            const page = await http.postJson(url, { taskIds: batch }, TaskStatusesResponseSchema, {
              ...describe('queue statuses()', `the statuses of ${batch.length} tasks`),
              idempotent: true,
            });
            return { items: page.statuses, token: page.continuationToken };
          }, 'task statuses');
          for (const entry of entries) statuses.set(entry.taskId, entry.status);
        }),
      );
      return statuses;
    },

    async listTaskGroup(taskGroupId) {
      return collectPages(async (token) => {
        const url = withQuery(`${queue}/task-group/${id(taskGroupId)}/list`, {
          limit: '1000',
          ...(token ? { continuationToken: token } : {}),
        });
        const page = await http.getJson(
          url,
          TaskGroupListSchema,
          describe('queue listTaskGroup(<taskGroupId>)', `task group ${taskGroupId}`),
        );
        return { items: page.tasks, token: page.continuationToken };
      }, `task group ${taskGroupId}`);
    },

    async listDependentTasks(taskId) {
      return collectPages(async (token) => {
        const url = withQuery(`${queue}/task/${id(taskId)}/dependents`, {
          limit: '1000',
          ...(token ? { continuationToken: token } : {}),
        });
        const page = await http.getJson(
          url,
          DependentTasksSchema,
          describe('queue listDependentTasks(<taskId>)', `the tasks that depend on task ${taskId}`),
        );
        return { items: page.tasks, token: page.continuationToken };
      }, `the dependents of task ${taskId}`);
    },

    async listArtifacts(taskId, runId) {
      const path = runId === undefined ? `task/${id(taskId)}/artifacts` : `task/${id(taskId)}/runs/${runId}/artifacts`;
      return collectPages(async (token) => {
        const url = withQuery(`${queue}/${path}`, token ? { continuationToken: token } : {});
        const page = await http.getJson(
          url,
          ArtifactListSchema,
          describe('queue listArtifacts(<taskId>)', `the artifacts of task ${taskId}`),
        );
        return { items: page.artifacts, token: page.continuationToken };
      }, `the artifacts of task ${taskId}`);
    },

    artifactUrl,

    async publicArtifactJson(taskId, name, schema, artifactOptions = {}) {
      return http.getJson(artifactUrl(taskId, name, artifactOptions.runId), schema, {
        ...describe(name, `artifact ${name} of task ${taskId}`),
        cacheTtlMs: artifactOptions.cacheTtlMs,
      });
    },

    // Decision-task artifacts are written once, so they are cached.
    actionsJson(decisionTaskId) {
      return client.publicArtifactJson(decisionTaskId, 'public/actions.json', ActionsJsonSchema, {
        cacheTtlMs: HOUR_MS,
      });
    },
    runnableJobs(decisionTaskId, runId) {
      return client.publicArtifactJson(decisionTaskId, 'public/runnable-jobs.json', RunnableJobsSchema, {
        runId,
        cacheTtlMs: HOUR_MS,
      });
    },
    labelToTaskId(taskId) {
      return client.publicArtifactJson(taskId, 'public/label-to-taskid.json', LabelToTaskIdSchema, {
        cacheTtlMs: HOUR_MS,
      });
    },
    taskGraph(taskId) {
      return client.publicArtifactJson(taskId, 'public/task-graph.json', TaskGraphSchema, { cacheTtlMs: HOUR_MS });
    },

    async findTask(indexPath) {
      try {
        return await http.getJson(
          `${rootUrl}/api/index/v1/task/${id(indexPath)}`,
          IndexedTaskSchema,
          describe('index findTask(<indexPath>)', `the task indexed at ${indexPath}`),
        );
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async listIndexedTasks(namespace) {
      try {
        return await collectPages(async (token) => {
          const url = withQuery(
            `${rootUrl}/api/index/v1/tasks/${id(namespace)}`,
            token ? { continuationToken: token } : {},
          );
          const page = await http.getJson(
            url,
            IndexedTaskListSchema,
            describe('index listTasks(<namespace>)', `the tasks indexed under ${namespace}`),
          );
          return { items: page.tasks, token: page.continuationToken };
        }, `the tasks indexed under ${namespace}`);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },

    async currentScopes(credentials) {
      const result = await http.getJson(`${rootUrl}/api/auth/v1/scopes/current`, ScopeSetSchema, {
        ...describe('auth currentScopes()', 'your current Taskcluster scopes'),
        authorize: credentials ? signer(credentials) : undefined,
      });
      return result.scopes;
    },

    async expandScopes(scopes) {
      const result = await http.postJson(`${rootUrl}/api/auth/v1/scopes/expand`, { scopes }, ScopeSetSchema, {
        ...describe('auth expandScopes()', 'the expansion of the decision task scopes'),
        idempotent: true,
      });
      return result.scopes;
    },

    async triggerHook(hookGroupId, hookId, payload, credentials) {
      // hookId contains '/', which must travel (and be signed) as %2F.
      const url = `${rootUrl}/api/hooks/v1/hooks/${id(hookGroupId)}/${id(hookId)}/trigger`;
      return http.postJson(url, payload, TriggerHookResponseSchema, {
        ...describe('hooks triggerHook(<hookGroupId>, <hookId>)', `the trigger of hook ${hookGroupId}/${hookId}`),
        authorize: signer(credentials),
        requiredScope: `hooks:trigger-hook:${hookGroupId}/${hookId}`,
        // Repeated only when the request provably never left (src/http: POSTs are not idempotent).
        idempotent: false,
      });
    },

    taskUiUrl: (taskId) => `${rootUrl}/tasks/${id(taskId)}`,
    taskGroupUiUrl: (taskGroupId) => `${rootUrl}/tasks/groups/${id(taskGroupId)}`,
  };
  return client;
}
