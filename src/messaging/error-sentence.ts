import { SchemaDriftError } from '../ci/drift';
import { HttpError, userMessageFor } from '../http/errors';

/** Errors that mean a bug here, not a condition to explain: shown as unexpected. */
const PROGRAMMING_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'AbortError']);

export interface SentenceOptions {
  /**
   * Who reads it. The Treeherder page (a content script) gets Taskcluster's failures without the server's
   * own text, which names the client; the extension's own pages get it in full.
   */
  audience?: 'page' | 'extension';
  /** The signed-in client: its token is never shown, and its id never on the Treeherder page. */
  credentials?: { clientId?: string | undefined; accessToken?: string | undefined } | undefined;
}

/**
 * The sentence a page shows for a failure, made in one place (the router calls it for every reply):
 * HTTP and schema errors in their worded form (never the raw "POST <url> failed: …"), our own errors as
 * written, anything else marked unexpected.
 */
export function errorSentence(error: unknown, options: SentenceOptions = {}): string {
  let sentence: string;
  if (error instanceof HttpError) {
    sentence = options.audience === 'page' && error.source === 'taskcluster' ? error.briefMessage : error.userMessage;
  } else if (error instanceof SchemaDriftError) sentence = userMessageFor(error);
  else if (error instanceof Error && error.message && !PROGRAMMING_ERRORS.has(error.name)) sentence = error.message;
  else sentence = userMessageFor(error);
  return scrub(sentence, options);
}

function scrub(sentence: string, options: SentenceOptions): string {
  let out = sentence;
  const { clientId, accessToken } = options.credentials ?? {};
  if (accessToken) out = out.split(accessToken).join('[redacted]');
  if (clientId && options.audience === 'page') out = out.split(clientId).join('your Taskcluster client');
  return out;
}
