import { z } from './ci/zod';
import { RepoNameSchema, REVISION_PATTERN, RevisionSchema } from './ids';

/** Which push something is about (an intent, a log entry, a tracked group): repository, Treeherder id, tip. */
export const pushRefSchema = z.object({
  repo: RepoNameSchema,
  pushId: z.number().int().positive(),
  revision: RevisionSchema,
});
export type PushRef = z.output<typeof pushRefSchema>;

/**
 * A push as a page names it before the background looks it up: by Treeherder id, or by one of its
 * revisions (the tip or any commit of it). At least one of the two is needed; the messages check that.
 */
export const pushLookupSchema = pushRefSchema.partial({ pushId: true, revision: true });
export type PushLookup = z.output<typeof pushLookupSchema>;

/** What a person typed for a push: digits are a Treeherder push id, anything else a revision (the schema checks it). */
export function pushLookupOf(text: string): { pushId: number } | { revision: string } {
  return /^\d+$/.test(text) ? { pushId: Number(text) } : { revision: text };
}

/** The HTML `pattern` of a field that takes a push id or a revision. */
export const PUSH_ID_OR_REVISION_PATTERN = `\\d+|${REVISION_PATTERN}`;
