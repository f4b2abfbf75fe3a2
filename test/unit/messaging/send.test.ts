import { beforeEach, describe, expect, it, vi } from 'vitest';

// A hand-rolled fake: the calls and the behaviour of runtime.sendMessage for each test.
const fake = { calls: [] as unknown[], answer: (_message: unknown): Promise<unknown> => Promise.resolve(undefined) };
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      id: 'test',
      sendMessage: (message: unknown) => {
        fake.calls.push(message);
        return fake.answer(message);
      },
    },
  },
}));

const { sendToBackground, BackgroundError } = await import('../../../platform/messaging');
const notReady = () => new Error('Could not establish connection. Receiving end does not exist.');

describe('sendToBackground', () => {
  beforeEach(() => {
    fake.calls = [];
  });

  it('sends an envelope and returns the result', async () => {
    fake.answer = async () => ({ ok: true, result: { version: '1.0.0', fromExtensionPage: true } });
    await expect(sendToBackground('ping', {})).resolves.toEqual({ version: '1.0.0', fromExtensionPage: true });
    expect(fake.calls).toEqual([{ cit: 1, type: 'ping', data: {}, id: expect.stringMatching(/^[\w.-]{8,100}$/) }]);
  });

  it('re-throws the background error with its name and message', async () => {
    fake.answer = async () => ({
      ok: false,
      error: { name: 'HttpError', message: 'Taskcluster refused: scope missing' },
    });
    const error = await sendToBackground('ping', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackgroundError);
    expect(error).toMatchObject({ name: 'HttpError', message: 'Taskcluster refused: scope missing' });
  });

  it('retries briefly while the worker starts', async () => {
    let failuresLeft = 1;
    fake.answer = async () => {
      if (failuresLeft-- > 0) throw notReady();
      return { ok: true, result: 1 };
    };
    await expect(sendToBackground('ping', {})).resolves.toBe(1);
    expect(fake.calls).toHaveLength(2);
  });

  it('resends one call with one id (so the background can tell a resend), and a new call with a new id', async () => {
    let failuresLeft = 2;
    fake.answer = async () => {
      if (failuresLeft-- > 0) throw notReady();
      return { ok: true, result: 1 };
    };
    await sendToBackground('ping', {});
    await sendToBackground('ping', {});
    const ids = fake.calls.map((c) => (c as { id: string }).id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(ids[3]).not.toBe(ids[0]);
  });

  it('gives up after a few tries when the worker never answers', async () => {
    fake.answer = async () => {
      throw notReady();
    };
    const error = await sendToBackground('ping', {}).catch((e: unknown) => e);
    expect(String(error)).toMatch(/Receiving end does not exist/);
    expect(fake.calls).toHaveLength(4);
  });

  it('says so when nothing answers', async () => {
    fake.answer = async () => undefined;
    await expect(sendToBackground('ping', {})).rejects.toThrow('The extension background did not answer.');
  });
});
