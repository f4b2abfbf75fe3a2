/**
 * Treeherder's `/api/failurecount/?startday=&endday=&tree=&bug=` (mozilla/treeherder
 * `treeherder/webapp/api/intermittents_view.py` `FailureCount`, `serializers.py` `FailureCountSerializer`): per
 * day of the range, the pushes of the tree (`test_runs`, a count of pushes) and the failures classified as the
 * bug (`failure_count`) — the "orange factor" of Treeherder's Intermittent Failures View.
 */
import { z } from '../zod';

export const FailureCountSchema = z.looseObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a YYYY-MM-DD date'),
  test_runs: z.number().int().nonnegative(),
  failure_count: z.number().int().nonnegative(),
});
export const FailureCountListSchema = z.array(FailureCountSchema);

export type FailureCount = z.output<typeof FailureCountSchema>;
