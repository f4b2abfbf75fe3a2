import { describe, expect, it } from 'vitest';
import {
  buildAuthorizeUrl,
  exchangeCodeForCredentials,
  OAuthError,
  readAuthorizationCode,
} from '../../../src/auth/oauth';
import { readTreeherderLogin } from '../../../src/auth/treeherder-login';

const root = 'https://firefox-ci-tc.services.mozilla.com';

describe('Treeherder stored login', () => {
  const stored = JSON.stringify({
    [root]: {
      expires: '2030-01-01T00:00:00.000Z',
      credentials: {
        clientId: 'mozilla-auth0/ad|Mozilla-LDAP|me/treeherder-production-client-AbCdEf',
        accessToken: 'tok',
      },
    },
  });
  it('reads the one entry for the root URL', () => {
    expect(readTreeherderLogin(stored, `${root}/`)).toEqual({
      clientId: 'mozilla-auth0/ad|Mozilla-LDAP|me/treeherder-production-client-AbCdEf',
      accessToken: 'tok',
      expires: '2030-01-01T00:00:00.000Z',
    });
  });
  it('explains what is wrong instead of throwing', () => {
    expect(readTreeherderLogin(null, root)).toMatchObject({ problem: expect.stringMatching(/not signed in/) });
    expect(readTreeherderLogin('{oops', root)).toMatchObject({ problem: expect.stringMatching(/could not be read/) });
    expect(readTreeherderLogin(stored, 'https://other.example')).toMatchObject({
      problem: expect.stringMatching(/no login for https:\/\/other.example/),
    });
    expect(readTreeherderLogin(JSON.stringify({ [root]: { expires: 1 } }), root)).toMatchObject({
      problem: expect.stringMatching(/expected shape/),
    });
  });
});

describe('OAuth2 third-party login', () => {
  it('builds the authorize URL Taskcluster expects', () => {
    const url = new URL(
      buildAuthorizeUrl(root, {
        clientId: 'treeherder-ci-tools',
        redirectUri: 'https://abc.chromiumapp.org/',
        state: 's1',
      }),
    );
    expect(url.pathname).toBe('/login/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'treeherder-ci-tools',
      redirect_uri: 'https://abc.chromiumapp.org/',
      response_type: 'code',
      scope: 'hooks:trigger-hook:*',
      state: 's1',
    });
  });
  it('refuses a redirect whose state does not match', () => {
    expect(() => readAuthorizationCode('https://abc.chromiumapp.org/?code=c&state=evil', 's1')).toThrow(OAuthError);
    expect(readAuthorizationCode('https://abc.chromiumapp.org/?code=c&state=s1', 's1')).toBe('c');
    expect(() => readAuthorizationCode('https://abc.chromiumapp.org/?error=access_denied&state=s1', 's1')).toThrow(
      /did not grant access/,
    );
  });
  it('exchanges the code, then the token', async () => {
    const seen: string[] = [];
    const fetchFn = async (input: string, init?: RequestInit) => {
      seen.push(`${init?.method ?? 'GET'} ${input}`);
      if (input.endsWith('/token')) return new Response(JSON.stringify({ access_token: 'at', token_type: 'Bearer' }));
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer at');
      return new Response(
        JSON.stringify({
          credentials: { clientId: 'me/client-1', accessToken: 'secret' },
          expires: '2030-01-01T00:00:00Z',
        }),
      );
    };
    await expect(
      exchangeCodeForCredentials(fetchFn, root, { code: 'c', clientId: 'x', redirectUri: 'https://r/' }),
    ).resolves.toEqual({ clientId: 'me/client-1', accessToken: 'secret', expires: '2030-01-01T00:00:00Z' });
    expect(seen).toEqual([`POST ${root}/login/oauth/token`, `GET ${root}/login/oauth/credentials`]);
  });
  it('says when Taskcluster refuses the code', async () => {
    const fetchFn = async () => new Response('{}', { status: 400 });
    await expect(
      exchangeCodeForCredentials(fetchFn, root, { code: 'c', clientId: 'x', redirectUri: 'https://r/' }),
    ).rejects.toThrow(/refused the sign-in code \(HTTP 400\)/);
  });
});
