import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SchemaDriftError } from '../../../src/ci/drift';
import { type HttpError, readServerMessage, userMessageFor } from '../../../src/http/errors';
import { answerInOrder, createTestHttp, jsonResponse } from './fake-fetch';

const Any = z.looseObject({ id: z.number() });

const taskclusterInsufficientScopes = {
  code: 'InsufficientScopes',
  message:
    'Client ID mozilla-auth0/ad|Mozilla-LDAP|someone/treeherder-ci-tools does not have sufficient scopes and is missing the following scopes:\n\n```\nhooks:trigger-hook:project-gecko/in-tree-action-3-generic/abc\n```\n\n---\n\n* method:     triggerHook\n* errorCode:  InsufficientScopes\n* statusCode: 403',
  requestInfo: { method: 'triggerHook', params: {}, payload: {}, time: '2026-11-01T00:00:00.000Z' },
};

async function failWith(
  status: number,
  body: unknown,
  options: Record<string, unknown> = {},
  source: 'taskcluster' | 'treeherder' = 'taskcluster',
) {
  const t = createTestHttp(answerInOrder(jsonResponse(body, status)));
  return (await t.http
    .getJson('https://tc.example/api/x', Any, { source, endpoint: 'x', what: 'task abc', ...options })
    .catch((e: unknown) => e)) as HttpError;
}

describe('errors as sentences', () => {
  it('403 from Taskcluster names the missing scope and keeps the server text before the dashes', async () => {
    const error = await failWith(403, taskclusterInsufficientScopes, {
      what: 'the trigger of hook project-gecko/in-tree-action-3-generic/abc',
      requiredScope: 'hooks:trigger-hook:project-gecko/in-tree-action-3-generic/abc',
    });
    expect(error.serverCode).toBe('InsufficientScopes');
    expect(error.userMessage).toMatch(/^Taskcluster refused the trigger of hook .* \(HTTP 403\)/);
    expect(error.userMessage).toContain(
      'is missing the scope hooks:trigger-hook:project-gecko/in-tree-action-3-generic/abc',
    );
    expect(error.userMessage).toContain('does not have sufficient scopes');
    expect(error.userMessage).not.toContain('errorCode');
  });

  it('401 from Taskcluster says to sign in again', async () => {
    const error = await failWith(401, {
      code: 'AuthenticationFailed',
      message: 'ext.certificate.expiry < now\n----\n* method: x',
    });
    expect(error.userMessage).toMatch(/sign in to Taskcluster again/);
    expect(error.userMessage).toContain('ext.certificate.expiry < now');
  });

  it('404 says what was not found', async () => {
    const error = await failWith(404, 'No job with id: 42', { what: 'autoland job 42' }, 'treeherder');
    expect(error.userMessage).toBe(
      'Not found: Treeherder could not find autoland job 42 (HTTP 404). The server said: "No job with id: 42"',
    );
  });

  it('a Treeherder 403 mentions sign-in and request blocking', async () => {
    const error = await failWith(403, { detail: 'Forbidden' }, {}, 'treeherder');
    expect(error.userMessage).toMatch(/Treeherder refused task abc \(HTTP 403\)/);
  });

  it('drift names the field; invalid JSON is drift at the root', async () => {
    const t = createTestHttp(
      answerInOrder(jsonResponse({ id: 'x' }), new Response('<html>oops</html>', { status: 200 })),
    );
    // (the second answer repeats, so the non-JSON body persists through all three tries)
    const drift = await t.http
      .getJson('https://th.example/a', Any, { source: 'treeherder', endpoint: '/api/a/', what: 'a' })
      .catch((e: unknown) => e);
    expect(drift).toBeInstanceOf(SchemaDriftError);
    expect(userMessageFor(drift)).toBe(
      'treeherder changed the shape of /api/a/: field "id" should be number but is string "x". The extension needs an update for this change.',
    );
    const notJson = await t.http
      .getJson('https://th.example/b', Any, { source: 'treeherder', endpoint: '/api/b/', what: 'b' })
      .catch((e: unknown) => e);
    expect((notJson as SchemaDriftError).message).toBe(
      'treeherder changed the shape of /api/b/: field "(root)" is not valid JSON (after 3 tries)',
    );
  });

  it('reads server messages from Taskcluster, DRF and plain bodies', () => {
    expect(readServerMessage(JSON.stringify(taskclusterInsufficientScopes)).message).not.toContain('method:');
    expect(readServerMessage('{"detail":"No project with name foo"}').message).toBe('No project with name foo');
    expect(readServerMessage('"unknown revision \'abc\'"').message).toBe("unknown revision 'abc'");
    expect(readServerMessage('<html>502</html>')).toEqual({});
    expect(readServerMessage('plain text')).toEqual({ message: 'plain text' });
  });

  it('userMessageFor words anything thrown', () => {
    expect(userMessageFor(new DOMException('x', 'AbortError'))).toBe('The request was cancelled.');
    expect(userMessageFor(new Error('boom'))).toBe('Unexpected error: boom');
    expect(userMessageFor('odd')).toBe('Unexpected error: odd');
  });
});
