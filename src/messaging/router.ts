import { z } from 'zod';
import { formatZodPath } from '../ci/drift';
import type { Envelope, ParsedDataOf, ProtocolMap, Reply, ResultOf } from './define';
import { isEnvelope, messageIdOf } from './define';
import { errorSentence, type SentenceOptions } from './error-sentence';

/** The facts about a sender the router needs; the background fills them in from runtime.MessageSender. */
export interface SenderInfo {
  /** True when the message comes from one of the extension's own pages (not a content script). */
  readonly fromExtensionPage: boolean;
  /** Tab the sender lives in, when it is a content script. */
  readonly tabId?: number;
  /** URL of the sending document. */
  readonly url?: string;
  /** The call's id, the same on every resend of it (define.ts); filled in by the router. */
  readonly messageId?: string;
}

export type Handlers<P extends ProtocolMap> = {
  [K in keyof P]: (data: ParsedDataOf<P[K]>, sender: SenderInfo) => Promise<ResultOf<P[K]>> | ResultOf<P[K]>;
};

export class MessageRefusedError extends Error {
  override readonly name = 'MessageRefusedError';
}

export interface RouterOptions {
  /** The signed-in client, so error sentences never carry its token (nor, to a page, its id). */
  credentials?: () => Promise<SentenceOptions['credentials']>;
}

/**
 * Builds the one dispatcher the background registers. It rejects unknown messages, refuses
 * extension-only messages from content scripts, validates data with the message's zod schema, and
 * turns every thrown error into a Reply carrying one sentence for people, made here and nowhere else
 * (error-sentence.ts), so the caller can re-throw it.
 */
export function createRouter<P extends ProtocolMap>(protocol: P, handlers: Handlers<P>, options: RouterOptions = {}) {
  return async function dispatch(message: unknown, sender: SenderInfo): Promise<Reply> {
    try {
      return { ok: true, result: await route(message, sender) };
    } catch (error) {
      const credentials = await options.credentials?.().catch(() => undefined);
      const message = errorSentence(error, {
        audience: sender.fromExtensionPage ? 'extension' : 'page',
        credentials,
      });
      const name = error instanceof Error ? error.name : 'Error';
      return { ok: false, error: { name, message } };
    }
  };

  async function route(message: unknown, sender: SenderInfo): Promise<unknown> {
    if (!isEnvelope(message)) throw new MessageRefusedError('Malformed message: not a CI Tools envelope.');
    const envelope: Envelope = message;
    if (!Object.hasOwn(protocol, envelope.type)) {
      throw new MessageRefusedError(`Unknown message "${envelope.type}".`);
    }
    const type = envelope.type as keyof P & string;
    const spec = protocol[type]!;
    if (spec.tier === 'extension' && !sender.fromExtensionPage) {
      throw new MessageRefusedError(
        `"${type}" may only be sent from the extension's own pages (popup or options), not from a web page.`,
      );
    }
    const parsed = spec.data.safeParse(envelope.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? formatZodPath(issue.path) || '(data)' : '(data)';
      throw new MessageRefusedError(`Invalid data for "${type}": ${where}: ${issue?.message ?? 'invalid'}.`);
    }
    const handler = handlers[type];
    const messageId = messageIdOf(envelope);
    return handler(parsed.data as ParsedDataOf<P[typeof type]>, messageId ? { ...sender, messageId } : sender);
  }
}

/** Decides the trust tier from what the browser reports about a sender. */
export function isExtensionPageSender(
  sender: { id?: string; url?: string; origin?: string; tab?: unknown },
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId) return false;
  const origin = sender.origin ?? safeOrigin(sender.url);
  // Content scripts carry the page's URL/origin; extension pages carry the extension's own origin.
  return origin !== undefined && stripSlash(origin) === stripSlash(extensionOrigin);
}

function safeOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    // moz-extension:// and chrome-extension:// URLs report origin "null" in some runtimes.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

function stripSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

export const emptyData = z.object({}).strict();
