import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import '../../../src/zod-setup';
import { fakeBrowser } from './fake-browser';

vi.mock('../../../platform/browser', async () => ({
  browser: (await import('./fake-browser')).fakeBrowser.browser,
  isExtensionContextAlive: () => true,
}));

const checkedRepos: string[] = [];
vi.mock('../../../background/services/repository-services', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../background/services/repository-services')>();
  return {
    ...original,
    // The services of a repository, recording which one sign-in asked about.
    servicesForRepo: async (repo: string) => {
      checkedRepos.push(repo);
      if (!/^[\w-]{1,50}$/.test(repo)) throw new Error(`Treeherder does not know the repository "${repo}".`);
      return {
        urls: {
          treeherderUrl: 'https://th.example',
          taskclusterRootUrl: 'https://tc.example',
          hgUrl: 'https://hg.example',
        },
        clients: {
          taskcluster: {
            currentScopes: async () => ['hooks:trigger-hook:*'],
            actionsJson: async () => ({ version: 1, variables: {}, actions: [] }),
          },
          treeherder: {
            latestPushes: async () => [{ id: 1 }],
            decisionTask: async () => ({ taskId: 'DecisionTask0000000000A', runId: 0 }),
          },
        },
      };
    },
  };
});

const { noteTreeherderPage, knownTreeherderOrigins } = await import('../../../background/services/repository-services');
const { signInWithPastedClient } = await import('../../../background/sign-in/sign-in');
const { protocol } = await import('../../../src/protocol');

const local = fakeBrowser.browser.storage.local.values;

beforeEach(() => {
  for (const key of Object.keys(local)) delete local[key];
  for (const key of Object.keys(fakeBrowser.browser.storage.session.values))
    delete fakeBrowser.browser.storage.session.values[key];
  fakeBrowser.tabs.length = 0;
  checkedRepos.length = 0;
});

/** Issue 15, finding 6. */
describe('repository names from Treeherder URLs', () => {
  it('are validated before they are stored: empty, markup and 3,000 characters are not repositories', async () => {
    for (const repo of ['', '<img src=x onerror=alert(1)>', 'a'.repeat(3000), 'mozilla central', '../../etc']) {
      expect(await noteTreeherderPage(`https://treeherder.mozilla.org/jobs?repo=${encodeURIComponent(repo)}`)).toBe(
        undefined,
      );
    }
    expect(await knownTreeherderOrigins()).toEqual({});
    expect(await noteTreeherderPage('https://treeherder.mozilla.org/jobs?repo=mozilla-central')).toEqual({
      origin: 'https://treeherder.mozilla.org',
      repo: 'mozilla-central',
    });
    expect(await noteTreeherderPage('https://treeherder.mozilla.org/jobs')).toMatchObject({ repo: 'autoland' });
    expect(Object.keys(await knownTreeherderOrigins()).sort()).toEqual(['*', 'autoland', 'mozilla-central']);
  });

  it('sign-in checks against the repository of the Treeherder tab at hand, not the first stored one', async () => {
    // What an earlier visit to /jobs?repo= left behind, before names were validated.
    local.treeherderOrigins = {
      '': 'https://th.example',
      'comm-central': 'https://th.example',
      '*': 'https://th.example',
    };
    fakeBrowser.tabs.push(
      { id: 1, url: 'https://th.example/jobs?repo=comm-central', lastAccessed: 100 },
      { id: 2, url: 'https://th.example/jobs?repo=try', active: true, lastAccessed: 200 },
    );
    const status = await signInWithPastedClient('me/client', 'a-good-access-token');
    expect(status).toMatchObject({ signedIn: true, clientId: 'me/client' });
    expect(checkedRepos).toEqual(['try']);
  });
});

/** Issue 15, finding 8: a client id with control characters is refused at paste, not saved. */
describe('a pasted client', () => {
  const paste = protocol.setPastedCredentials.data;
  it('with control characters, spaces or markup in its id is refused with a sentence', () => {
    for (const clientId of ['me/cli\u0007ent', 'me/client\nX-Injected: 1', 'me client', 'me/<b>']) {
      const parsed = paste.safeParse({ clientId, accessToken: 'a-good-access-token' });
      expect(parsed.success, JSON.stringify(clientId)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/is not a Taskcluster client id/);
    }
    expect(paste.safeParse({ clientId: 'me/client', accessToken: 'token\u0000with-nul' }).success).toBe(false);
  });
  it('with a real id passes, trimmed', () => {
    expect(
      paste.parse({
        clientId: ' mozilla-auth0/ad|Mozilla-LDAP|someone/treeherder-ci-tools-AbCdEf ',
        accessToken: 'a-good-access-token',
      }),
    ).toEqual({
      clientId: 'mozilla-auth0/ad|Mozilla-LDAP|someone/treeherder-ci-tools-AbCdEf',
      accessToken: 'a-good-access-token',
    });
  });
});
