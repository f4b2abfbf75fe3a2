/**
 * The one place that imports zod for our schemas. MV3 extension pages and service workers forbid
 * `unsafe-eval`, and zod 4 otherwise probes `new Function` to JIT-compile object parsers; `jitless`
 * keeps it on the interpreter path everywhere. Every schema module imports `z` from here so the
 * setting is applied before the first schema is built.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };

/**
 * Re-reports issues from an inner parse (done inside a transform) at `prefix`, so a drift error
 * still names the full field path, e.g. `results[4].job_type_name`.
 */
export function forwardIssues(
  ctx: z.core.$RefinementCtx,
  issues: ReadonlyArray<z.core.$ZodIssue>,
  prefix: ReadonlyArray<PropertyKey>,
): void {
  for (const issue of issues) {
    ctx.issues.push({ ...issue, path: [...prefix, ...issue.path] } as z.core.$ZodRawIssue);
  }
}

/** Runs `schema` on `value` inside a transform; returns the output or undefined after forwarding issues. */
export function parseNested<S extends z.ZodType>(
  schema: S,
  value: unknown,
  ctx: z.core.$RefinementCtx,
  prefix: ReadonlyArray<PropertyKey>,
): z.output<S> | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  forwardIssues(ctx, result.error.issues, prefix);
  return undefined;
}
