import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTaskclusterClient } from '../../../src/ci/taskcluster';
import { createHttpClient } from '../../../src/http/client';
import { HttpError } from '../../../src/http/errors';
import { createTestHttp, jsonResponse, routes } from '../http/fake-fetch';
import { FIXTURES, OTHER_TASK_ID, TASK_ID, taskDefinition, taskStatus } from './fixtures';

const ROOT = 'https://tc.example';
const credentials = {
  clientId: 'mozilla-auth0/ad|Mozilla-LDAP|sheriff/treeherder-ci-tools-AbCdEf',
  accessToken: 'sekrit',
};

interface HawkServer {
  server: {
    authenticate(
      req: { method: string; url: string; headers: Record<string, string | undefined> },
      credentialsFunc: (id: string) => Promise<{ id: string; key: string; algorithm: 'sha256' }>,
      options: { port: number },
    ): Promise<{ credentials: { id: string } }>;
  };
}
const Hawk = createRequire(import.meta.url)('hawk') as HawkServer;

function client(handler: Parameters<typeof createTestHttp>[0]) {
  const t = createTestHttp(handler);
  return { ...t, taskcluster: createTaskclusterClient({ http: t.http, urls: { taskclusterRootUrl: ROOT } }) };
}

describe('Taskcluster client', () => {
  it('lists a whole task group across continuation tokens', async () => {
    const tasks = [0, 1, 2].map(() => FIXTURES['task-group'].tasks[0]);
    const c = client((request) => {
      const token = new URL(request.url).searchParams.get('continuationToken');
      const index = token === null ? 0 : Number(token);
      return jsonResponse({
        ...FIXTURES['task-group'],
        tasks: [tasks[index]],
        ...(index < 2 ? { continuationToken: String(index + 1) } : {}),
      });
    });
    const all = await c.taskcluster.listTaskGroup(TASK_ID);
    expect(all).toHaveLength(3);
    expect(c.fake.urls()).toEqual([
      `${ROOT}/api/queue/v1/task-group/${TASK_ID}/list?limit=1000`,
      `${ROOT}/api/queue/v1/task-group/${TASK_ID}/list?limit=1000&continuationToken=1`,
      `${ROOT}/api/queue/v1/task-group/${TASK_ID}/list?limit=1000&continuationToken=2`,
    ]);
  });

  it('gets bulk statuses by POST /tasks/status, in batches, following tokens', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => `${String(i).padStart(4, '0')}${TASK_ID.slice(4)}`);
    const c = client((request) => {
      const token = new URL(request.url).searchParams.get('continuationToken');
      return request.json().then((body: { taskIds: string[] }) => {
        const half = Math.ceil(body.taskIds.length / 2);
        const slice = token ? body.taskIds.slice(half) : body.taskIds.slice(0, half);
        return jsonResponse({
          statuses: slice.map((taskId) => ({ taskId, status: taskStatus(taskId) })),
          ...(token ? {} : { continuationToken: 'more' }),
        });
      });
    });
    const statuses = await c.taskcluster.taskStatuses([...ids, ids[0]!]);
    expect(statuses.size).toBe(600);
    expect(statuses.get(ids[599]!)?.state).toBe('completed');
    expect(c.fake.requests.every((r) => r.method === 'POST')).toBe(true);
    expect(c.fake.requests).toHaveLength(4); // 2 batches × 2 pages
    expect(JSON.parse(c.fake.bodies[0]!).taskIds).toHaveLength(500);
  });

  it('reads a task, its status and its artifacts; builds artifact URLs', async () => {
    const c = client(
      routes({
        '/runs/1/artifacts': () => jsonResponse(FIXTURES.artifacts),
        '/artifacts': () => jsonResponse(FIXTURES.artifacts),
        '/status': () => jsonResponse({ status: taskStatus(OTHER_TASK_ID, 'failed') }),
        [`/task/${OTHER_TASK_ID}`]: () => jsonResponse(taskDefinition()),
      }),
    );
    expect((await c.taskcluster.task(OTHER_TASK_ID)).metadata.name).toBe(
      'test-linux1804-64-qr/debug-mochitest-plain-3',
    );
    await c.taskcluster.task(OTHER_TASK_ID); // cached: definitions are immutable
    expect((await c.taskcluster.taskStatus(OTHER_TASK_ID)).state).toBe('failed');
    expect(await c.taskcluster.listArtifacts(OTHER_TASK_ID, 1)).toHaveLength(2);
    expect(c.fake.urls()).toEqual([
      `${ROOT}/api/queue/v1/task/${OTHER_TASK_ID}`,
      `${ROOT}/api/queue/v1/task/${OTHER_TASK_ID}/status`,
      `${ROOT}/api/queue/v1/task/${OTHER_TASK_ID}/runs/1/artifacts`,
    ]);
    expect(c.taskcluster.artifactUrl(TASK_ID, 'public/test_info/a b.log', 0)).toBe(
      `${ROOT}/api/queue/v1/task/${TASK_ID}/runs/0/artifacts/public/test_info/a%20b.log`,
    );
    expect(c.taskcluster.taskGroupUiUrl(TASK_ID)).toBe(`${ROOT}/tasks/groups/${TASK_ID}`);
  });

  it('returns null from findTask when nothing is indexed', async () => {
    const c = client(
      routes({
        'latest.taskgraph.decision': () => jsonResponse(FIXTURES['index-task']),
        '/api/index/': () => jsonResponse({ code: 'ResourceNotFound', message: 'Indexed task not found' }, 404),
      }),
    );
    expect((await c.taskcluster.findTask('gecko.v2.autoland.latest.taskgraph.decision'))?.taskId).toBe(TASK_ID);
    expect(await c.taskcluster.findTask('gecko.v2.autoland.pushlog-id.1.decision')).toBeNull();
  });

  it('triggers a hook once, Hawk-signed on the %2F-encoded path, and returns the action task id', async () => {
    const hookId = 'in-tree-action-3-generic/9353e8f146';
    let verifiedId = '';
    const c = client(async (request) => {
      const url = new URL(request.url);
      const result = await Hawk.server.authenticate(
        {
          method: request.method,
          url: url.pathname + url.search,
          headers: { host: url.host, authorization: request.headers.get('authorization') ?? undefined },
        },
        async (id) => ({ id, key: credentials.accessToken, algorithm: 'sha256' }),
        { port: 443 },
      );
      verifiedId = result.credentials.id;
      return jsonResponse({ taskId: OTHER_TASK_ID, status: { taskId: OTHER_TASK_ID } });
    });
    const payload = { decision: {}, user: { input: { times: 1 }, taskId: null, taskGroupId: TASK_ID } };
    const result = await c.taskcluster.triggerHook('project-gecko', hookId, payload, credentials);
    expect(result).toEqual({ taskId: OTHER_TASK_ID });
    expect(verifiedId).toBe(credentials.clientId);
    expect(c.fake.urls()).toEqual([
      `${ROOT}/api/hooks/v1/hooks/project-gecko/in-tree-action-3-generic%2F9353e8f146/trigger`,
    ]);
    expect(JSON.parse(c.fake.bodies[0]!)).toEqual(payload);
  });

  it('never retries a trigger and explains a missing scope', async () => {
    const c = client(() =>
      jsonResponse(
        {
          code: 'InsufficientScopes',
          message: 'Client ID x does not have sufficient scopes\n\n---\n\n* method: triggerHook',
        },
        403,
      ),
    );
    const error = (await c.taskcluster
      .triggerHook('project-gecko', 'in-tree-action-1-generic/abc', {}, credentials)
      .catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.userMessage).toContain(
      'is missing the scope hooks:trigger-hook:project-gecko/in-tree-action-1-generic/abc',
    );
    const failing = client(() => jsonResponse({}, 503));
    await expect(failing.taskcluster.triggerHook('g', 'h', {}, credentials)).rejects.toMatchObject({
      status: 503,
      tries: 1,
    });
    expect(failing.fake.requests).toHaveLength(1);
  });

  it('reads scopes anonymously, or signed with credentials; expands scopes by POST', async () => {
    const c = client(routes({ '/scopes/': () => jsonResponse({ scopes: ['assume:anonymous'] }) }));
    expect(await c.taskcluster.currentScopes()).toEqual(['assume:anonymous']);
    await c.taskcluster.currentScopes(credentials);
    expect(await c.taskcluster.expandScopes(['assume:repo:x'])).toEqual(['assume:anonymous']);
    expect(c.fake.requests[0]!.headers.get('authorization')).toBeNull();
    expect(c.fake.requests[1]!.headers.get('authorization')).toMatch(
      /^Hawk id="mozilla-auth0\/ad\|Mozilla-LDAP\|sheriff/,
    );
    expect(c.fake.requests[2]!.method).toBe('POST');
    expect(JSON.parse(c.fake.bodies[2]!)).toEqual({ scopes: ['assume:repo:x'] });
  });

  it('downloads a public artifact through the queue redirect (real fetch, gzip)', async () => {
    const actions = { version: 1, variables: {}, actions: [] };
    const server = createServer((req, res) => {
      if (req.url === `/api/queue/v1/task/${TASK_ID}/artifacts/public/actions.json`) {
        res.writeHead(303, { location: '/storage/actions.json' });
        res.end();
      } else if (req.url === '/storage/actions.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify(actions)));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const taskcluster = createTaskclusterClient({
        http: createHttpClient({ identity: false }),
        urls: { taskclusterRootUrl: `http://127.0.0.1:${port}` },
      });
      expect(await taskcluster.actionsJson(TASK_ID)).toEqual(actions);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('validates decision artifacts and names drift in them', async () => {
    const c = client(
      routes({
        'runnable-jobs.json': () => jsonResponse(FIXTURES['runnable-jobs']),
        'label-to-taskid.json': () => jsonResponse({ 'build-linux64/opt': 'short' }),
        'task-graph.json': () => jsonResponse(FIXTURES['task-graph']),
      }),
    );
    expect(Object.keys(await c.taskcluster.runnableJobs(TASK_ID, 0))).toContain('build-linux64/opt');
    expect(c.fake.urls()[0]).toBe(`${ROOT}/api/queue/v1/task/${TASK_ID}/runs/0/artifacts/public/runnable-jobs.json`);
    expect(Object.values(await c.taskcluster.taskGraph(TASK_ID))[0]!.label).toMatch(/mochitest/);
    await expect(c.taskcluster.labelToTaskId(TASK_ID)).rejects.toThrow(
      'taskcluster changed the shape of public/label-to-taskid.json: field "build-linux64/opt" is not a Taskcluster task id',
    );
  });
});
