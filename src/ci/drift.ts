import type { z } from 'zod';

/** Which outside service a response came from. */
export type DataSource = 'treeherder' | 'taskcluster' | 'pushlog' | 'perfherder' | 'message';

/**
 * A response (or message) did not have the shape we rely on. It names the source, the endpoint and the
 * field path, so a user or a test can tell exactly what changed upstream.
 */
export class SchemaDriftError extends Error {
  override readonly name = 'SchemaDriftError';
  constructor(
    readonly source: DataSource,
    readonly endpoint: string,
    readonly fieldPath: string,
    readonly problem: string,
  ) {
    super(`${source} changed the shape of ${endpoint}: field "${fieldPath || '(root)'}" ${problem}`);
  }
}

/** Turns a zod path into the dotted/bracketed form people read, e.g. `results[3].revision`. */
export function formatZodPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Parses `data` with `schema`; on failure throws a SchemaDriftError for the first issue. */
export function parseOrDrift<S extends z.ZodType>(
  schema: S,
  data: unknown,
  source: DataSource,
  endpoint: string,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? formatZodPath(issue.path) : '';
  const problem = issue ? describeIssue(issue) : 'is invalid';
  throw new SchemaDriftError(source, endpoint, path, problem);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? `is missing (expected ${issue.expected})` : `should be ${issue.expected}`;
  }
  return issue.message.toLowerCase();
}
