import type { z } from 'zod';

/**
 * Who may send a message. `any`: content scripts and extension pages. `extension`: only the
 * extension's own pages (popup, options), checked on the sender in the background.
 */
export type TrustTier = 'any' | 'extension';

export interface MessageSpec<Data extends z.ZodType, Result> {
  readonly tier: TrustTier;
  readonly data: Data;
  /** Phantom marker carrying the result type; never set at run time. */
  readonly result?: Result;
}

/** Declares one message: its trust tier, the zod schema of its data, and (as a type) its result. */
export function defineMessage<Result>() {
  return <Data extends z.ZodType>(tier: TrustTier, data: Data): MessageSpec<Data, Result> => ({ tier, data });
}

export type AnyMessageSpec = MessageSpec<z.ZodType, unknown>;
export type ProtocolMap = Record<string, AnyMessageSpec>;

export type DataOf<M extends AnyMessageSpec> = z.input<M['data']>;
export type ParsedDataOf<M extends AnyMessageSpec> = z.output<M['data']>;
export type ResultOf<M extends AnyMessageSpec> = M extends MessageSpec<z.ZodType, infer R> ? R : never;

/** What travels over runtime.sendMessage. */
export interface Envelope {
  readonly cit: 1;
  readonly type: string;
  readonly data: unknown;
  /**
   * One id per call, the same on every resend of that call (the sender resends while the background is
   * starting, and a background stopped mid-request can make a delivered message look undelivered), so the
   * background can tell a resend from a new request.
   */
  readonly id?: string;
}

const MESSAGE_ID = /^[\w.-]{8,100}$/;

/** The envelope's call id, when it carries a well-formed one. */
export function messageIdOf(envelope: Envelope): string | undefined {
  return typeof envelope.id === 'string' && MESSAGE_ID.test(envelope.id) ? envelope.id : undefined;
}

/** What comes back. Errors cross the boundary as plain data and are re-thrown at the caller. */
export type Reply =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { cit?: unknown }).cit === 1 &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}
