import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import '../../../src/zod-setup';
import { SchemaDriftError } from '../../../src/ci/drift';
import { HttpError } from '../../../src/http/errors';
import { defineMessage } from '../../../src/messaging/define';
import { createRouter, type SenderInfo } from '../../../src/messaging/router';

const clientId = 'mozilla-auth0/ad|Mozilla-LDAP|sheriff/ci-tools-AbCdEf';
const accessToken = 'the-access-token-0123456789';

const insufficientScopes = () =>
  new HttpError({
    kind: 'http',
    status: 403,
    method: 'POST',
    url: 'https://firefox-ci-tc.services.mozilla.com/api/hooks/v1/hooks/project-gecko/in-tree-action-3-generic%2Fabc/trigger',
    source: 'taskcluster',
    what: 'the trigger of hook project-gecko/in-tree-action-3-generic/abc',
    tries: 1,
    serverCode: 'InsufficientScopes',
    serverMessage: `Client ID ${clientId} does not have sufficient scopes and is missing the following scopes: hooks:trigger-hook:project-gecko/in-tree-action-3-generic/abc`,
    requiredScope: 'hooks:trigger-hook:project-gecko/in-tree-action-3-generic/abc',
  });

const protocol = {
  refused: defineMessage<never>()('any', z.object({}).strict()),
  drift: defineMessage<never>()('any', z.object({}).strict()),
  echoes: defineMessage<never>()('any', z.object({}).strict()),
};
const dispatch = createRouter(
  protocol,
  {
    refused: () => {
      throw insufficientScopes();
    },
    drift: () => {
      throw new SchemaDriftError('treeherder', '/api/jobs/', 'results[0].push_id', 'is missing');
    },
    echoes: () => {
      throw new Error(`Saved, but Taskcluster said: client ${clientId} with token ${accessToken} is unknown`);
    },
  },
  { credentials: async () => ({ clientId, accessToken }) },
);
const page: SenderInfo = { fromExtensionPage: false, tabId: 1, url: 'https://treeherder.mozilla.org/jobs' };
const options: SenderInfo = { fromExtensionPage: true, url: 'moz-extension://x/options/options.html' };

async function sentence(type: keyof typeof protocol, sender: SenderInfo): Promise<string> {
  const reply = await dispatch({ cit: 1, type, data: {} }, sender);
  if (reply.ok) throw new Error('expected a refusal');
  return reply.error.message;
}

describe('every error reaches the page as a sentence made in the router', () => {
  it('an HTTP failure is worded, never "POST https://… failed: …"', async () => {
    for (const sender of [page, options]) {
      const text = await sentence('refused', sender);
      expect(text).toMatch(
        /^Taskcluster refused the trigger of hook project-gecko\/in-tree-action-3-generic\/abc \(HTTP 403\)/,
      );
      expect(text).not.toMatch(/POST|https?:\/\//);
    }
  });

  it("Taskcluster's own text, which names the client, stays out of the page; the options page gets it", async () => {
    const onPage = await sentence('refused', page);
    expect(onPage).not.toContain(clientId);
    expect(onPage).not.toContain('The server said');
    expect(onPage).toContain('is missing the scope hooks:trigger-hook:project-gecko/in-tree-action-3-generic/abc');
    expect(await sentence('refused', options)).toContain(`Client ID ${clientId} does not have sufficient scopes`);
  });

  it('a message that names the client or its token is scrubbed: the token everywhere, the client id on the page', async () => {
    const onPage = await sentence('echoes', page);
    expect(onPage).not.toContain(clientId);
    expect(onPage).not.toContain(accessToken);
    const onOptions = await sentence('echoes', options);
    expect(onOptions).toContain(clientId);
    expect(onOptions).not.toContain(accessToken);
  });

  it('a schema change says what changed and that an update is needed', async () => {
    expect(await sentence('drift', page)).toBe(
      'treeherder changed the shape of /api/jobs/: field "results[0].push_id" is missing. The extension needs an update for this change.',
    );
  });
});
