import './new-test-mode.css';
import { sendToBackground } from '../../platform/messaging';
import type { BisectionSession } from '../../src/bisection-session/session';
import type { NewTestPreview } from '../../src/protocol';
import { element } from '../ui/dom';
import type { JobControlsContext } from './job-context';
import { failingTestOf } from './known-failure';

/** Runs per task the issue asks for by default (and the most one backfill-task call makes). */
export const NEW_TEST_TIMES = 10;
export const NEW_TEST_MODE = 'new-test';

/**
 * The Bisect popover's "validate a new test on every platform" (issue 19): a test path (the job's failing test
 * to begin with, editable) and the runs per task; the preview names every task of the push that runs it.
 */
export function addNewTestMode(select: HTMLSelectElement, context: JobControlsContext) {
  select.append(element('option', { value: NEW_TEST_MODE }, ['Validate a new test on every platform']));
  const testPath = element('input', {
    class: 'cit-input cit-input-wide',
    type: 'text',
    'data-testid': 'cit-bisect-popover-test-path',
    'aria-label': 'Test path',
    placeholder: 'dom/…/test_example.html',
    spellcheck: 'false',
  });
  const times = element('input', {
    class: 'cit-input',
    type: 'number',
    min: 1,
    max: NEW_TEST_TIMES,
    value: NEW_TEST_TIMES,
    'data-testid': 'cit-bisect-popover-times',
    'aria-label': 'Runs per task',
  });
  const fields = element('div', { class: 'cit-new-test-fields', hidden: true }, [
    element('label', { class: 'cit-field' }, ['Test path ', testPath]),
    element('label', { class: 'cit-field' }, ['Runs per task ', times]),
  ]);
  const prefilled = failingTestOf(context.data, context.repo, context.jobId).then((path) => {
    if (path && !testPath.value) testPath.value = path;
  });

  const request = () => ({
    repo: context.repo,
    jobId: context.jobId,
    testPath: testPath.value.trim(),
    times: Number.isFinite(times.valueAsNumber)
      ? Math.min(NEW_TEST_TIMES, Math.max(1, Math.round(times.valueAsNumber)))
      : NEW_TEST_TIMES,
  });
  return {
    fields,
    inputs: [testPath, times] as const,
    chosen: () => select.value === NEW_TEST_MODE,
    /** Shows the mode's fields only while it is chosen. */
    sync: () => {
      fields.hidden = select.value !== NEW_TEST_MODE;
    },
    async preview(): Promise<string> {
      await prefilled;
      if (request().testPath.length < 3) return 'Type the path of the test to validate.';
      return describeNewTestPreview(await sendToBackground('previewNewTest', request()), request().times);
    },
    start(): Promise<BisectionSession> {
      return sendToBackground('startNewTest', request());
    },
  };
}

export function describeNewTestPreview(p: NewTestPreview, times: number): string {
  const testPathOnly = p.tasks.filter((t) => t.testPathOnly).length;
  const how =
    testPathOnly === p.tasks.length
      ? 'each as jobs that run only its manifest'
      : testPathOnly === 0
        ? 'each as a retrigger of the whole task'
        : `${testPathOnly} as jobs that run only its manifest, ${p.tasks.length - testPathOnly} as whole-task retriggers`;
  const skipped = p.notScheduled.length
    ? ` ${p.notScheduled.length} more that would run it were not scheduled on this push.`
    : '';
  const guessed =
    p.matchedBy === 'directory'
      ? ' (Manifests guessed from the test’s directory: the push has no tests-by-manifest.json.gz.)'
      : '';
  return `${p.tasks.length} task${p.tasks.length === 1 ? '' : 's'} of push ${p.pushId} run ${p.testPath}: ${p.tasks.map((t) => t.platform).join(', ')}. Runs it ${times}× on each, ${how}: ${p.jobs} jobs in one round.${skipped}${guessed}`;
}
