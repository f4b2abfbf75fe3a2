import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { buildAuthorizeUrl, exchangeCodeForCredentials, readAuthorizationCode } from '../../../src/auth/oauth';
import { createCiClients } from '../../../src/ci';
import { startFakeCi, type FakeCi } from '../../fake-ci/server';

describe('OAuth2 third-party login against the fake CI', () => {
  let fake: FakeCi;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'default' });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('authorize → code → token → credentials that Taskcluster then accepts', async () => {
    const redirectUri = 'https://abcdefghijklmnop.chromiumapp.org/';
    const authorize = buildAuthorizeUrl(fake.url, { clientId: 'treeherder-ci-tools', redirectUri, state: 'st-1' });
    // The browser's identity API follows this redirect; here we read it ourselves.
    // Taskcluster serves only registered clients to users signed in to its web UI.
    const response = await fetch(authorize, { redirect: 'manual', headers: { cookie: fake.taskclusterSession() } });
    expect(response.status).toBeGreaterThanOrEqual(300);
    const location = response.headers.get('location')!;
    expect(location.startsWith(redirectUri)).toBe(true);
    const code = readAuthorizationCode(location, 'st-1');
    const creds = await exchangeCodeForCredentials((input, init) => fetch(input, init), fake.url, {
      code,
      clientId: 'treeherder-ci-tools',
      redirectUri,
    });
    expect(Date.parse(creds.expires)).toBeGreaterThan(Date.now());
    const { taskcluster } = createCiClients({ treeherderUrl: fake.url, taskclusterRootUrl: fake.url, hgUrl: fake.url });
    const scopes = await taskcluster.currentScopes({ clientId: creds.clientId, accessToken: creds.accessToken });
    expect(scopes.some((s) => s.startsWith('hooks:trigger-hook:'))).toBe(true);
    // A code is single-use.
    await expect(
      exchangeCodeForCredentials((input, init) => fetch(input, init), fake.url, {
        code,
        clientId: 'treeherder-ci-tools',
        redirectUri,
      }),
    ).rejects.toThrow(/refused the sign-in code/);
  });
});
