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
  // reportInput keeps the offending value on each issue, so "missing" and "wrong type" can be told apart.
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  throw driftFromIssues(result.error.issues, source, endpoint);
}

/** Builds the SchemaDriftError for the most telling issue of a failed parse. */
export function driftFromIssues(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  source: DataSource,
  endpoint: string,
): SchemaDriftError {
  const located = issues[0] ? locateIssue(issues[0], []) : undefined;
  if (!located) return new SchemaDriftError(source, endpoint, '', 'is invalid');
  return new SchemaDriftError(source, endpoint, formatZodPath(located.path), describeIssue(located.issue));
}

interface LocatedIssue {
  issue: z.core.$ZodIssue;
  path: PropertyKey[];
}

/**
 * A union failure says only "invalid input" at the union's position. Descend into the branch that got
 * furthest (the deepest failing path, skipping branches rejected on a literal such as `kind`), so the
 * message names the real field, e.g. `pushes.12.changesets[0].files` instead of `pushes.12.changesets[0]`.
 */
function locateIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[]): LocatedIssue {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_key' && issue.issues[0]) {
    return { issue: issue.issues[0], path };
  }
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  let best: LocatedIssue | undefined;
  let bestScore = -1;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (!first) continue;
    const rejectedOnLiteral = branch.some((i) => i.code === 'invalid_value' && i.path.length === 1);
    const candidate = locateIssue(first, path);
    const score = (rejectedOnLiteral ? 0 : 1000) + candidate.path.length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best ?? { issue, path };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const input = (issue as { input?: unknown }).input;
    return input === undefined
      ? `is missing (expected ${issue.expected})`
      : `should be ${issue.expected} but is ${describeValueType(input)}`;
  }
  if (issue.code === 'invalid_value') {
    const input = (issue as { input?: unknown }).input;
    const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
    return input === undefined
      ? `is missing (expected one of ${allowed})`
      : `has value ${shortJson(input)}, expected one of ${allowed}`;
  }
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}

function describeValueType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${shortJson(value)}`;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
