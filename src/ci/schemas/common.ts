import { z } from '../zod';

/** A Taskcluster slugid (22 url-safe base64 characters). Checked loosely: length and alphabet. */
export const TaskIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not a Taskcluster task id');

/** An hg or git commit hash (12–40 hex digits; Treeherder may send short prefixes in some places). */
export const RevisionSchema = z.string().regex(/^[0-9a-f]{12,40}$/i, 'is not a revision hash');

/** Integer id as sent by Django/DRF. */
export const IdSchema = z.number().int().nonnegative();

/** ISO 8601 timestamp string; Treeherder omits the `Z`, Taskcluster includes it. */
export const IsoTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, 'is not an ISO date-time');

/** Unix time in seconds. */
export const EpochSecondsSchema = z.number().nonnegative();

/** An absolute http(s) URL. */
export const HttpUrlSchema = z.string().regex(/^https?:\/\//, 'is not an http(s) URL');
