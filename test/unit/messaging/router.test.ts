import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import '../../../src/zod-setup';
import { defineMessage } from '../../../src/messaging/define';
import { createRouter, isExtensionPageSender, type SenderInfo } from '../../../src/messaging/router';
import { protocol } from '../../../src/protocol';

const testProtocol = {
  add: defineMessage<number>()('any', z.object({ a: z.number(), b: z.number() }).strict()),
  secret: defineMessage<string>()('extension', z.object({}).strict()),
  boom: defineMessage<never>()('any', z.object({}).strict()),
};
const dispatch = createRouter(testProtocol, {
  add: ({ a, b }) => a + b,
  secret: () => 'the secret',
  boom: () => {
    throw new TypeError('Taskcluster said no: scope missing');
  },
});
const page: SenderInfo = {
  fromExtensionPage: false,
  tabId: 3,
  url: 'https://treeherder.mozilla.org/jobs?repo=autoland',
};
const popup: SenderInfo = { fromExtensionPage: true, url: 'chrome-extension://abc/popup/popup.html' };

describe('message router', () => {
  it('validates data and returns the handler result', async () => {
    expect(await dispatch({ cit: 1, type: 'add', data: { a: 2, b: 3 } }, page)).toEqual({ ok: true, result: 5 });
  });

  it('rejects invalid data with the field named', async () => {
    const reply = await dispatch({ cit: 1, type: 'add', data: { a: 2, b: 'x' } }, page);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toMatch(/Invalid data for "add": b:/);
  });

  it('rejects unknown messages, including prototype keys', async () => {
    for (const type of ['nope', 'toString', '__proto__', 'constructor']) {
      const reply = await dispatch({ cit: 1, type, data: {} }, popup);
      expect(reply).toEqual({
        ok: false,
        error: { name: 'MessageRefusedError', message: `Unknown message "${type}".` },
      });
    }
  });

  it('rejects things that are not envelopes', async () => {
    for (const junk of [null, 'ping', { type: 'add' }, { cit: 2, type: 'add' }]) {
      expect((await dispatch(junk, popup)).ok).toBe(false);
    }
  });

  it('refuses extension-only messages from a content script and accepts them from extension pages', async () => {
    const refused = await dispatch({ cit: 1, type: 'secret', data: {} }, page);
    expect(refused).toEqual({
      ok: false,
      error: {
        name: 'MessageRefusedError',
        message: expect.stringMatching(/only be sent from the extension's own pages/),
      },
    });
    expect(await dispatch({ cit: 1, type: 'secret', data: {} }, popup)).toEqual({ ok: true, result: 'the secret' });
  });

  it('carries a thrown error back with its name and one sentence (a programming error is marked unexpected)', async () => {
    expect(await dispatch({ cit: 1, type: 'boom', data: {} }, page)).toEqual({
      ok: false,
      error: { name: 'TypeError', message: 'Unexpected error: Taskcluster said no: scope missing' },
    });
  });

  it("hands the call's id (the same on every resend) to the handler, and ignores a malformed one", async () => {
    const seen: (string | undefined)[] = [];
    const withIds = createRouter(testProtocol, {
      add: (_data, sender) => {
        seen.push(sender.messageId);
        return 0;
      },
      secret: () => 'x',
      boom: () => 0 as never,
    });
    await withIds({ cit: 1, type: 'add', data: { a: 1, b: 1 }, id: 'f3c5527c-2b6e-4e40' }, page);
    await withIds({ cit: 1, type: 'add', data: { a: 1, b: 1 }, id: '<script>' }, page);
    await withIds({ cit: 1, type: 'add', data: { a: 1, b: 1 } }, page);
    expect(seen).toEqual(['f3c5527c-2b6e-4e40', undefined, undefined]);
  });

  it('marks every credential and settings message of the real protocol as extension-only', () => {
    const privileged = Object.entries(protocol)
      .filter(([, spec]) => spec.tier === 'extension')
      .map(([name]) => name);
    expect(privileged).toEqual(
      expect.arrayContaining([
        'getSettings',
        'updateSettings',
        'getCredentialsStatus',
        'setPastedCredentials',
        'clearCredentials',
      ]),
    );
    for (const [name, spec] of Object.entries(protocol)) {
      if (/credential|setting/i.test(name)) expect(spec.tier, name).toBe('extension');
    }
  });
});

describe('isExtensionPageSender', () => {
  const id = 'abcdef';
  it('accepts the extension origin in both browsers', () => {
    expect(
      isExtensionPageSender(
        { id, url: 'chrome-extension://abcdef/popup/popup.html', origin: 'chrome-extension://abcdef' },
        id,
        'chrome-extension://abcdef',
      ),
    ).toBe(true);
    // Firefox does not report `origin`; the URL decides.
    expect(
      isExtensionPageSender(
        { id, url: 'moz-extension://1234-uuid/options/options.html', tab: {} },
        id,
        'moz-extension://1234-uuid',
      ),
    ).toBe(true);
  });
  it('refuses content scripts, other extensions and senders without a URL', () => {
    expect(
      isExtensionPageSender(
        { id, url: 'https://treeherder.mozilla.org/jobs', tab: {} },
        id,
        'chrome-extension://abcdef',
      ),
    ).toBe(false);
    expect(
      isExtensionPageSender(
        { id: 'other', url: 'chrome-extension://abcdef/popup.html' },
        id,
        'chrome-extension://abcdef',
      ),
    ).toBe(false);
    expect(isExtensionPageSender({ id }, id, 'chrome-extension://abcdef')).toBe(false);
    expect(
      isExtensionPageSender({ id, url: 'chrome-extension://abcdef.evil.example/x' }, id, 'chrome-extension://abcdef'),
    ).toBe(false);
  });
});
