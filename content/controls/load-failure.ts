/**
 * A failed load (a badge's numbers, a job's gap) as the page shows it: a word or two in the visible text that
 * says what is wrong, and a sentence without the request line for the tooltip and screen readers. The
 * background words its errors (src/http/errors.ts); this only picks the gist and drops a leading
 * "GET https://… failed: " where one slipped through.
 */
export interface LoadFailure {
  /** "offline", "no decision task", "sign-in needed", …: short enough for a badge. */
  short: string;
  sentence: string;
}

const REQUEST_LINE = /^(?:GET|POST|PUT|DELETE|PATCH|HEAD) \S+ failed: /;

/** First match wins: the wording of src/http/errors.ts and the background's own sentences. */
const GISTS: ReadonlyArray<[RegExp, string]> = [
  [/Could not reach|network request failed|Failed to fetch|NetworkError|ERR_CONNECTION|ECONNREFUSED/i, 'offline'],
  [/did not answer in time|timed out|timeout/i, 'timed out'],
  [/no decision task/i, 'no decision task'],
  [/HTTP 401|sign in|signed in|credentials have expired|login has expired/i, 'sign-in needed'],
  [/HTTP 403|refused/i, 'not allowed'],
  [/HTTP 404|Not found/i, 'not found'],
  [/HTTP 429|rate-limiting/i, 'rate-limited'],
  [/HTTP 5\d\d|server error/i, 'server error'],
  [/changed the shape/i, 'unexpected data'],
  [/background|Receiving end does not exist|message channel closed|Extension context/i, 'extension restarting'],
];

export function describeLoadFailure(error: unknown): LoadFailure {
  const raw = (error instanceof Error ? error.message : String(error)).trim();
  const sentence = raw.replace(REQUEST_LINE, '').trim() || 'The request failed for an unknown reason.';
  const short = GISTS.find(([pattern]) => pattern.test(raw))?.[1] ?? 'error';
  return { short, sentence: /[.!?]$/.test(sentence) ? sentence : `${sentence}.` };
}
