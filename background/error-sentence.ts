import { errorSentence } from '../src/messaging/error-sentence';

export { errorSentence };

/** Runs `work`; a failure is re-thrown as a plain Error carrying its sentence, which crosses to the page as is. */
export async function withSentence<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(errorSentence(error));
  }
}
