/**
 * Where the extension does what Treeherder does (mozilla/treeherder `ui/models/job.js` retrigger,
 * `ui/job-view/details/summary/ActionBar.jsx` backfill), and confirm-failures' real size (gecko
 * `actions/confirm_failure.py`).
 */
import { describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { backfillUnavailable } from '../../../src/actions/availability';
import { chooseAction } from '../../../src/actions/choose-action';
import { failingTestPaths } from '../../../src/actions/failure-lines';
import { triggerIntentSchema } from '../../../src/actions/intents';
import { planTrigger } from '../../../src/actions/plan-trigger';
import { ActionUnavailableError } from '../../../src/actions/select-action';
import { ActionsJsonSchema, type ActionsJson } from '../../../src/ci/schemas/actions';
import { BugSuggestionListSchema } from '../../../src/ci/schemas/treeherder';
import { HAVE_SAMPLES, NO_SAMPLES_REASON, readSampleJson } from '../../samples';

const push = { repo: 'autoland', pushId: 1592793, revision: '9c6e4c31ad26efdad0b9af47a2b530bc414ce2c3' };
const job = {
  jobId: 497001001,
  taskId: 'AbCdEfGhIjKlMnOpQrStUv',
  label: 'test-linux1804-64-qr/debug-mochitest-plain-3',
};
const NOW = Date.UTC(2026, 11, 1);

describe('backfill availability', () => {
  it('is refused on try, with the reason', () => {
    expect(backfillUnavailable({ isTryRepo: true, taskExpires: '2027-01-01T00:00:00.000Z' }, NOW)).toMatch(
      /^Backfill is not available on try: it would schedule this job on other people’s pushes/,
    );
  });
  it('is refused for an expired task, naming the day', () => {
    expect(backfillUnavailable({ isTryRepo: false, taskExpires: '2026-11-03T10:00:00.000Z' }, NOW)).toBe(
      'Backfill is not available: this job’s Taskcluster task expired on 2026-11-03, and a backfill needs its definition.',
    );
  });
  it('is allowed elsewhere', () => {
    expect(backfillUnavailable({ isTryRepo: false, taskExpires: '2027-11-03T10:00:00.000Z' }, NOW)).toBeUndefined();
  });
});

describe.skipIf(!HAVE_SAMPLES)(
  `retrigger on a push without retrigger-multiple${HAVE_SAMPLES ? '' : ` (${NO_SAMPLES_REASON})`}`,
  () => {
    const actions = (): ActionsJson => ActionsJsonSchema.parse(readSampleJson('treeherder/initialActions.json'));
    const withoutRetriggerMultiple = (): ActionsJson => {
      const json = actions();
      return { ...json, actions: json.actions.filter((a) => a.name !== 'retrigger-multiple') };
    };
    const plan = planTrigger(triggerIntentSchema.parse({ kind: 'retrigger', push, labels: ['a', 'b'], times: 3 }));

    it('uses retrigger-multiple when the push offers it', () => {
      const chosen = chooseAction(actions(), plan, null);
      expect(chosen).toMatchObject({ actionName: 'retrigger-multiple', input: plan.input });
      expect(chosen.fallback).toBeUndefined();
    });

    it('falls back to add-new-jobs with the same labels (and times, which add-new-jobs takes)', () => {
      const chosen = chooseAction(withoutRetriggerMultiple(), plan, null);
      expect(chosen.actionName).toBe('add-new-jobs');
      expect(chosen.action.name).toBe('add-new-jobs');
      expect(chosen.input).toEqual({ tasks: ['a', 'b'], times: 3 });
      expect(chosen.fallback).toMatch(/as Treeherder does/);
    });

    it('sends the labels alone, as Treeherder does, when add-new-jobs takes no times', () => {
      const json = withoutRetriggerMultiple();
      const stripped = {
        ...json,
        actions: json.actions.map((a) => (a.name === 'add-new-jobs' ? { ...a, schema: { type: 'object' } } : a)),
      };
      expect(chooseAction(stripped, plan, null).input).toEqual({ tasks: ['a', 'b'] });
    });

    it('says so in a sentence when neither exists', () => {
      const json = withoutRetriggerMultiple();
      const none = { ...json, actions: json.actions.filter((a) => a.name !== 'add-new-jobs') };
      expect(() => chooseAction(none, plan, null)).toThrow(ActionUnavailableError);
      expect(() => chooseAction(none, plan, null)).toThrow(/offers no "add-new-jobs" action for this push/);
    });
  },
);

describe('confirm-failures cost from the failure lines', () => {
  const line = (search: string, pathEnd: string | null) => ({
    search,
    search_terms: [pathEnd ? pathEnd.split('/').pop()! : null],
    path_end: pathEnd,
    bugs: { open_recent: [], all_others: [] },
  });

  it('counts the distinct failing tests named in the lines, not a fixed 10', () => {
    const tests = Array.from({ length: 4 }, (_, i) => `dom/base/test/test_${i}.html`);
    const suggestions = BugSuggestionListSchema.parse([
      ...tests.map((t) => line(`TEST-UNEXPECTED-FAIL | ${t} | Test timed out`, t)),
      line(`TEST-UNEXPECTED-FAIL | ${tests[0]} | a second assertion`, tests[0]!),
      line('Return code: 1', null),
    ]);
    const paths = failingTestPaths(suggestions);
    expect(paths).toEqual(tests);
    const plan = planTrigger(triggerIntentSchema.parse({ kind: 'confirm-failures', push, job }), {
      failingTests: paths.length,
    });
    expect(plan.expectedTasks).toBe(4);
  });

  it('can be more than 10: gecko reads up to 11 tests of an error summary', () => {
    const plan = (n: number) =>
      planTrigger(triggerIntentSchema.parse({ kind: 'confirm-failures', push, job }), { failingTests: n })
        .expectedTasks;
    expect(plan(15)).toBe(11);
    expect(plan(0)).toBe(1); // no failing test: a plain retrigger
    expect(planTrigger(triggerIntentSchema.parse({ kind: 'confirm-failures', push, job })).expectedTasks).toBe(11);
  });
});
