import type { DataOf, Envelope, Reply, ResultOf } from '../src/messaging/define';
import type { MessageType, Protocol } from '../src/protocol';
import { browser } from './browser';

/** An error raised in the background, re-thrown here with its name and message. */
export class BackgroundError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

const STARTUP_RETRY_MS = [50, 150, 400];

/**
 * Sends one typed message to the background and returns its result, or throws the background's error.
 * Retries briefly while the worker is starting ("Receiving end does not exist").
 */
export async function sendToBackground<K extends MessageType>(
  type: K,
  data: DataOf<Protocol[K]>,
): Promise<ResultOf<Protocol[K]>> {
  // One id for this call, kept on every resend below, so the background never acts twice on one call.
  const envelope: Envelope = { cit: 1, type, data, id: newCallId() };
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = (await browser.runtime.sendMessage(envelope)) as Reply | undefined;
      if (!reply) throw new BackgroundError('NoReply', 'The extension background did not answer.');
      if (!reply.ok) throw new BackgroundError(reply.error.name, reply.error.message);
      return reply.result as ResultOf<Protocol[K]>;
    } catch (error) {
      const delay = STARTUP_RETRY_MS[attempt];
      if (delay === undefined || !isWorkerStarting(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function isWorkerStarting(error: unknown): boolean {
  return error instanceof Error && /Receiving end does not exist|Could not establish connection/i.test(error.message);
}

function newCallId(): string {
  return typeof crypto?.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
}
