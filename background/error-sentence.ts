import { SchemaDriftError } from '../src/ci';
import { HttpError, userMessageFor } from '../src/http/errors';

/** Errors that mean a bug here, not a condition to explain: shown as unexpected. */
const PROGRAMMING_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'AbortError']);

/**
 * The sentence a page shows for a failure: HTTP and schema errors in their worded form (not the raw
 * "GET <url> failed: …" message), our own errors as written, anything else marked unexpected.
 */
export function errorSentence(error: unknown): string {
  if (error instanceof HttpError || error instanceof SchemaDriftError) return userMessageFor(error);
  if (error instanceof Error && error.message && !PROGRAMMING_ERRORS.has(error.name)) return error.message;
  return userMessageFor(error);
}

/** Runs `work`; a failure is re-thrown as a plain Error carrying its sentence, which crosses to the page as is. */
export async function withSentence<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(errorSentence(error));
  }
}
