import { z } from '../zod';

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
