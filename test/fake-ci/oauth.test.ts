/**
 * Third-party login as Taskcluster's web-server does it (test/fake-ci/README.md, "Third-party login"): only
 * registered clients, exact redirect URI and scope list, a signed-in user, 10-minute codes and tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH } from './test-helpers';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';

describe('OAuth2 third-party login', () => {
  let fake: FakeCi;
  let cookie: string;
  beforeAll(async () => {
    fake = await startFakeCi({ scenario: 'default', timeScale: 0, epochMs: EPOCH });
    cookie = fake.taskclusterSession();
  });
  afterAll(() => fake.close());

  const authorize = (params: Record<string, string>, withSession = true) =>
    fetch(
      `${fake.url}/login/oauth/authorize?${new URLSearchParams({
        client_id: 'treeherder-ci-tools',
        redirect_uri: REDIRECT,
        response_type: 'code',
        scope: 'hooks:trigger-hook:*',
        state: 's1',
        ...params,
      })}`,
      { redirect: 'manual', headers: withSession ? { cookie } : {} },
    );
  const location = (res: Response) => new URL(res.headers.get('location') ?? '', fake.url);
  const token = (code: string, redirectUri = REDIRECT) =>
    fetch(`${fake.url}/login/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
    });
  const credentials = (accessToken: string) =>
    fetch(`${fake.url}/login/oauth/credentials`, { headers: { authorization: `Bearer ${accessToken}` } });
  const codeFor = async () => location(await authorize({})).searchParams.get('code')!;

  it('a registered client with a signed-in user gets a code, a token and a real client', async () => {
    const res = await authorize({});
    expect(res.status).toBe(302);
    const back = location(res);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('s1');
    const tokenRes = await token(back.searchParams.get('code')!);
    expect(tokenRes.status).toBe(200);
    const { access_token: accessToken } = (await tokenRes.json()) as { access_token: string };
    const credsRes = await credentials(accessToken);
    expect(credsRes.status).toBe(200);
    const creds = (await credsRes.json()) as { credentials: { clientId: string }; expires: string };
    expect(creds.credentials.clientId).toMatch(
      /^mozilla-auth0\/ad\|Mozilla-LDAP\|sheriff\/treeherder-ci-tools-[0-9a-f]{6}$/,
    );
    // The client can be created once: the same token cannot make a second one.
    expect((await credentials(accessToken)).status).toBe(400);
  });

  it('without a Taskcluster session the user is sent to the sign-in page', async () => {
    const res = await authorize({}, false);
    expect(res.status).toBe(302);
    expect(location(res).pathname).toBe('/third-party');
  });

  it('refuses unregistered clients and redirect URIs that are not registered exactly, without redirecting', async () => {
    for (const params of <Record<string, string>[]>[
      { client_id: 'some-extension' },
      { redirect_uri: 'https://abcdefghijklmnop.chromiumapp.org/other' },
      { redirect_uri: 'https://abcdefghijklmnop.chromiumapp.org' },
    ]) {
      const res = await authorize(params);
      expect(res.status, JSON.stringify(params)).toBe(403);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('refuses a scope list that is not exactly the registered one', async () => {
    for (const scope of [
      'hooks:trigger-hook:project-gecko/in-tree-action-*',
      'hooks:trigger-hook:* queue:create-task:*',
    ]) {
      // Not the registered list, so no immediate grant: the consent page, whose decision the grant refuses.
      const res = await authorize({ scope });
      expect(location(res).pathname).toBe('/third-party');
      const consent = location(res).searchParams;
      const decision = await fetch(`${fake.url}/login/oauth/authorize/decision`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          transaction_id: consent.get('transactionID')!,
          scope,
          expires: consent.get('expires')!,
          clientId: consent.get('clientId')!,
        }).toString(),
      });
      expect(location(decision).searchParams.get('error'), scope).toBe('invalid_scope');
      expect(location(decision).searchParams.get('code')).toBeNull();
    }
    // The client is registered for the code flow only.
    const res = await authorize({ response_type: 'token' });
    expect(location(res).searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('a code is single-use, bound to its redirect URI, and expires after 10 minutes', async () => {
    const used = await codeFor();
    expect((await token(used)).status).toBe(200);
    expect((await token(used)).status).toBe(403);
    const wrongRedirect = await codeFor();
    expect((await token(wrongRedirect, `${REDIRECT}x`)).status).toBe(403);
    expect((await token(wrongRedirect)).status).toBe(403); // consumed by the failed attempt
    const late = await codeFor();
    fake.advance(10 * 60_000 + 1000);
    expect(await (await token(late)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid authorization code',
    });
  });

  it('an access token expires after 10 minutes', async () => {
    const tokenRes = await token(await codeFor());
    const { access_token: accessToken } = (await tokenRes.json()) as { access_token: string };
    fake.advance(10 * 60_000 + 1000);
    expect((await credentials(accessToken)).status).toBe(400);
  });
});
