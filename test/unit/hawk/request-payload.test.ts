import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { createTaskclusterClient } from '../../../src/ci/taskcluster';
import { hawkSignRequest } from '../../../src/hawk';
import { createTestHttp, jsonResponse } from '../http/fake-fetch';

interface HawkServer {
  server: {
    authenticate(
      req: { method: string; url: string; headers: Record<string, string | undefined> },
      credentialsFunc: (id: string) => Promise<{ id: string; key: string; algorithm: 'sha256' }>,
      options: { port: number; payload?: string },
    ): Promise<{ credentials: { id: string }; artifacts: { hash?: string } }>;
  };
}
const Hawk = createRequire(import.meta.url)('hawk') as HawkServer;
const credentials = { clientId: 'mozilla-auth0/ad|Mozilla-LDAP|sheriff/ci-tools', accessToken: 'secret-access-token' };

/** Taskcluster's check when the payload is verified: the header must carry a hash of exactly this body. */
function verifyWithPayload(request: Request, body: string) {
  const url = new URL(request.url);
  return Hawk.server.authenticate(
    {
      method: request.method,
      url: url.pathname + url.search,
      headers: {
        host: url.host,
        authorization: request.headers.get('authorization') ?? undefined,
        'content-type': request.headers.get('content-type') ?? undefined,
      },
    },
    async (id) => ({ id, key: credentials.accessToken, algorithm: 'sha256' }),
    { port: 443, payload: body },
  );
}

describe('Hawk signatures of requests with a body', () => {
  it('triggerHook carries the payload hash of the body it sends, and a changed body fails the check', async () => {
    const t = createTestHttp(() => jsonResponse({ taskId: 'ActionTask000000000001' }));
    const taskcluster = createTaskclusterClient({ http: t.http, urls: { taskclusterRootUrl: 'https://tc.example' } });
    const payload = { decision: {}, user: { input: { times: 2 }, taskId: null, taskGroupId: 'G' } };
    await taskcluster.triggerHook('project-gecko', 'in-tree-action-3-generic/abc', payload, credentials);
    const [request] = t.fake.requests;
    expect(request!.headers.get('authorization')).toContain(' hash="');
    const verified = await verifyWithPayload(request!, t.fake.bodies[0]!);
    expect(verified.artifacts.hash).toBeTruthy();
    await expect(verifyWithPayload(request!, t.fake.bodies[0]!.replace('2', '3'))).rejects.toThrow(/payload hash/i);
  });

  it('hawkSignRequest hashes a body, and only a body', async () => {
    const signing = { credentials: { id: 'c', key: 'k' }, timestampSec: 1_700_000_000 };
    const withBody = await hawkSignRequest(
      { method: 'POST', url: 'https://tc.example/x', body: '{}', contentType: 'application/json; charset=utf-8' },
      signing,
    );
    const withoutBody = await hawkSignRequest({ method: 'GET', url: 'https://tc.example/x' }, signing);
    expect(withBody).toContain(' hash="');
    expect(withoutBody).not.toContain('hash=');
  });
});
