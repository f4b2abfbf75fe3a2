/** Perfherder responses served by Treeherder (reference/treeherder.md §5, Perfherder). */
import { z } from '../zod';
import { IdSchema, IsoTimeSchema } from './common';
import { RevisionSchema } from '../../ids';

export const PerformanceDatumSchema = z.looseObject({
  /** Perfherder's datum id. */
  id: IdSchema,
  job_id: IdSchema.nullable(),
  value: z.number(),
  push_id: IdSchema,
  push_timestamp: IsoTimeSchema,
  revision: RevisionSchema,
  /** Present with `replicates=true`: the run's individual values (e.g. 25 page loads). */
  replicates: z.array(z.number()).optional(),
});

/** One series of `GET /api/performance/summary/`. */
export const PerformanceSeriesSchema = z.looseObject({
  signature_id: IdSchema,
  framework_id: IdSchema,
  signature_hash: z.string(),
  platform: z.string(),
  suite: z.string(),
  test: z.string().nullable(),
  name: z.string(),
  /** Which direction is a regression. */
  lower_is_better: z.boolean(),
  data: z.array(PerformanceDatumSchema),
});
export const PerformanceSummarySchema = z.array(PerformanceSeriesSchema);

export const PerformanceSignatureRefSchema = z.looseObject({
  id: IdSchema,
  signature_hash: z.string(),
  machine_platform: z.string(),
  suite: z.string(),
  test: z.string().nullable(),
  lower_is_better: z.boolean(),
});

export const PerformanceAlertSchema = z.looseObject({
  id: IdSchema,
  status: z.number().int(),
  series_signature: PerformanceSignatureRefSchema,
  is_regression: z.boolean(),
  prev_value: z.number(),
  new_value: z.number(),
  t_value: z.number().nullable(),
  amount_pct: z.number(),
});

/** One item of `GET /api/performance/alertsummary/`. */
export const AlertSummarySchema = z.looseObject({
  id: IdSchema,
  push_id: IdSchema,
  prev_push_id: IdSchema,
  created: IsoTimeSchema,
  repository: z.string(),
  framework: IdSchema,
  status: z.number().int(),
  revision: RevisionSchema,
  alerts: z.array(PerformanceAlertSchema),
});

/** Paginated envelope of `/api/performance/alertsummary/`. */
export const AlertSummaryPageSchema = z.looseObject({
  next: z.string().nullable(),
  previous: z.string().nullable().optional(),
  results: z.array(AlertSummarySchema),
});

export type PerformanceDatum = z.output<typeof PerformanceDatumSchema>;
export type PerformanceSeries = z.output<typeof PerformanceSeriesSchema>;
export type PerformanceAlert = z.output<typeof PerformanceAlertSchema>;
export type AlertSummary = z.output<typeof AlertSummarySchema>;
export type AlertSummaryPage = z.output<typeof AlertSummaryPageSchema>;
