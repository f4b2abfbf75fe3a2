import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { identityHeaders } from '../../../src/http/identity';
import { createTestHttp, jsonResponse } from './fake-fetch';

const identity = { product: 'treeherder-ci-tools', version: '0.1.0', browserHeaderHosts: ['tc.example'] };

describe('identifying the extension', () => {
  it('sets a descriptive User-Agent in Node only', () => {
    expect(identityHeaders(identity, 'https://th.example/api/', 'node')).toEqual({
      'user-agent': 'treeherder-ci-tools/0.1.0',
    });
    expect(identityHeaders(identity, 'https://th.example/api/', 'browser')).toEqual({});
  });

  it('adds X-Client in a browser only for hosts known to accept it', () => {
    expect(identityHeaders(identity, 'https://tc.example/api/', 'browser')).toEqual({
      'x-client': 'treeherder-ci-tools/0.1.0',
    });
  });

  it('is sent on requests, and can be turned off', async () => {
    const on = createTestHttp(() => jsonResponse({}));
    await on.http.getJson('https://th.example/a', z.looseObject({}), {
      source: 'treeherder',
      endpoint: 'a',
      what: 'a',
    });
    expect(on.fake.requests[0]!.headers.get('user-agent')).toBe('treeherder-ci-tools/0.1.0');
    expect(on.fake.requests[0]!.headers.get('accept')).toBe('application/json');

    const off = createTestHttp(() => jsonResponse({}), { identity: false });
    await off.http.getJson('https://th.example/a', z.looseObject({}), {
      source: 'treeherder',
      endpoint: 'a',
      what: 'a',
    });
    expect(off.fake.requests[0]!.headers.get('user-agent')).toBeNull();
  });
});
