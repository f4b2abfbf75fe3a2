import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { hawkAuthorizationHeader, hawkNormalizedString, taskclusterExt } from '../../../src/hawk';

/** The slice of the npm `hawk` server API used here (loaded untyped, so no ambient declaration is needed). */
interface HawkServer {
  server: {
    authenticate(
      req: { method: string; url: string; headers: Record<string, string | undefined> },
      credentialsFunc: (id: string) => Promise<{ id: string; key: string; algorithm: 'sha256' } | undefined>,
      options: { port: number; payload?: string },
    ): Promise<{ credentials: { id: string }; artifacts: { resource: string; ext?: string } }>;
  };
}
const Hawk = createRequire(import.meta.url)('hawk') as HawkServer;

const credentials = {
  id: 'mozilla-auth0/ad|Mozilla-LDAP|sheriff/treeherder-ci-tools-AbCdEf',
  key: 'secret-access-token',
};

/** The npm hawk server as Taskcluster uses it: look the client up, then verify the mac. */
function verify(
  authorization: string,
  request: { method: string; url: string },
  serverKey = credentials.key,
  payload?: { body: string; contentType: string },
) {
  const url = new URL(request.url);
  const fakeRequest = {
    method: request.method,
    url: url.pathname + url.search,
    headers: {
      host: url.host,
      authorization,
      'content-type': payload?.contentType,
    },
  };
  return Hawk.server.authenticate(
    fakeRequest,
    async (id) => (id === credentials.id ? { id, key: serverKey, algorithm: 'sha256' as const } : undefined),
    { port: Number(url.port || 443), payload: payload?.body },
  );
}

describe('hawkAuthorizationHeader', () => {
  const hookUrl = `https://tc.example.com/api/hooks/v1/hooks/project-gecko/${encodeURIComponent('in-tree-action-3-generic/9353e8f146')}/trigger`;

  it('produces a header the hawk server accepts, signing the %2F-encoded hook path as sent', async () => {
    const header = await hawkAuthorizationHeader({ method: 'POST', url: hookUrl, credentials });
    expect(header).toMatch(/^Hawk id="[^"]+", ts="\d+", nonce="[^"]+", mac="[^"]+"$/);
    const result = await verify(header, { method: 'POST', url: hookUrl });
    expect(result.credentials.id).toBe(credentials.id);
    expect(result.artifacts.resource).toContain('in-tree-action-3-generic%2F9353e8f146');
  });

  it('is rejected when the server holds a different key', async () => {
    const header = await hawkAuthorizationHeader({ method: 'POST', url: hookUrl, credentials });
    await expect(verify(header, { method: 'POST', url: hookUrl }, 'another-key')).rejects.toThrow(/Bad mac/);
  });

  it('is rejected when the path differs from the one signed (e.g. an unencoded slash)', async () => {
    const header = await hawkAuthorizationHeader({ method: 'POST', url: hookUrl, credentials });
    const decoded = hookUrl.replace('%2F', '/');
    await expect(verify(header, { method: 'POST', url: decoded })).rejects.toThrow(/Bad mac/);
  });

  it('signs the query string, explicit ports and http URLs', async () => {
    const url = 'http://127.0.0.1:8123/api/auth/v1/scopes/current?x=1&y=two';
    const header = await hawkAuthorizationHeader({ method: 'get', url, credentials });
    await expect(verify(header, { method: 'GET', url })).resolves.toBeTruthy();
  });

  it('includes a payload hash the server checks when asked to', async () => {
    const body = JSON.stringify({ user: { input: { times: 2 }, taskId: null } });
    const payload = { body, contentType: 'application/json' };
    const header = await hawkAuthorizationHeader({ method: 'POST', url: hookUrl, credentials, payload });
    expect(header).toContain(' hash="');
    await expect(verify(header, { method: 'POST', url: hookUrl }, credentials.key, payload)).resolves.toBeTruthy();
    const tampered = { ...payload, body: body.replace('2', '3') };
    await expect(verify(header, { method: 'POST', url: hookUrl }, credentials.key, tampered)).rejects.toThrow(
      /payload hash/,
    );
  });

  it('carries Taskcluster ext (certificate, authorizedScopes) inside the mac', async () => {
    const ext = taskclusterExt({
      certificate: { version: 1, scopes: ['a:*'] },
      authorizedScopes: ['hooks:trigger-hook:x/y'],
    });
    expect(ext).toBeDefined();
    const header = await hawkAuthorizationHeader({ method: 'POST', url: hookUrl, credentials, ext });
    const result = await verify(header, { method: 'POST', url: hookUrl });
    expect(JSON.parse(atob(result.artifacts.ext ?? ''))).toEqual({
      certificate: { version: 1, scopes: ['a:*'] },
      authorizedScopes: ['hooks:trigger-hook:x/y'],
    });
  });

  it('uses fresh nonces and the given clock', async () => {
    const a = await hawkAuthorizationHeader({ method: 'GET', url: hookUrl, credentials, timestampSec: 1700000000 });
    const b = await hawkAuthorizationHeader({ method: 'GET', url: hookUrl, credentials, timestampSec: 1700000000 });
    expect(a).toContain('ts="1700000000"');
    expect(a).not.toBe(b);
  });

  it('builds the normalized string in the documented order', () => {
    expect(
      hawkNormalizedString({ ts: '1', nonce: 'n', method: 'post', resource: '/p?q', host: 'H.example', port: '443' }),
    ).toBe('hawk.1.header\n1\nn\nPOST\n/p?q\nh.example\n443\n\n\n');
  });
});
