/** hg.mozilla.org pushlog and automation-relevance responses (reference/taskcluster.md §7). */
import { z } from '../zod';
import { EpochSecondsSchema } from './common';
import { RevisionSchema } from '../../ids';

/** A changeset as sent by `json-pushes?version=2&full=1`. */
export const PushlogChangesetSchema = z.looseObject({
  node: RevisionSchema,
  author: z.string(),
  desc: z.string(),
  files: z.array(z.string()),
  parents: z.array(RevisionSchema).optional(),
});

export const PushlogPushSchema = z.looseObject({
  /** Changesets in DAG order, tip last: hashes, or objects with `full=1`. */
  changesets: z.array(z.union([RevisionSchema, PushlogChangesetSchema])),
  date: EpochSecondsSchema,
  user: z.string(),
});

/** `json-pushes?version=2`: `{lastpushid, pushes: {"<pushlog id>": push}}`. */
export const JsonPushesSchema = z.looseObject({
  lastpushid: z.number().int().nonnegative(),
  pushes: z.record(z.string().regex(/^\d+$/, 'is not a pushlog id'), PushlogPushSchema),
});

/** A changeset of `json-automationrelevance/<rev>`. */
export const RelevantChangesetSchema = z.looseObject({
  node: RevisionSchema,
  desc: z.string(),
  author: z.string().optional(),
  files: z.array(z.string()),
  parents: z.array(RevisionSchema),
  pushid: z.number().int().nonnegative(),
  pushhead: RevisionSchema,
  /** [unix seconds, tz offset]. */
  pushdate: z.tuple([z.number(), z.number()]),
  bugs: z.array(z.looseObject({ no: z.union([z.string(), z.number()]).transform(String) })),
  backsoutnodes: z.array(z.looseObject({ node: RevisionSchema })),
  /** Only with `?backouts=1`. */
  backedoutby: z.string().optional(),
});

export const AutomationRelevanceSchema = z.looseObject({
  changesets: z.array(RelevantChangesetSchema),
  /**
   * Whether the requested changeset is visible (not obsolete); `null` when the changeset list is empty
   * (mozilla/version-control-tools `hgext/hgmo/__init__.py`, `automationrelevancewebcommand`).
   */
  visible: z.boolean().nullable().optional(),
});

export type PushlogChangeset = z.output<typeof PushlogChangesetSchema>;
export type PushlogPush = z.output<typeof PushlogPushSchema>;
export type JsonPushes = z.output<typeof JsonPushesSchema>;
export type RelevantChangeset = z.output<typeof RelevantChangesetSchema>;
export type AutomationRelevance = z.output<typeof AutomationRelevanceSchema>;
