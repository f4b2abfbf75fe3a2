// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  byTestid,
  cannedBackground,
  cost,
  describedJob,
  gapOf,
  nextFrame,
  pageHtml,
  REVISION_A,
  settle,
  testids,
  type FixturePush,
} from './fixture';

const background = vi.hoisted(() => ({ send: vi.fn<(type: string, data: unknown) => Promise<unknown>>() }));
vi.mock('../../../../platform/messaging', () => ({ sendToBackground: background.send }));
vi.mock('../../../../platform/browser', () => ({ browser: {}, isExtensionContextAlive: () => true }));

const { actionBar } = await import('../../../../content/features/action-bar');
const { createFeatureContext } = await import('../../../../content/feature');

const pushes: FixturePush[] = [
  {
    id: 1592793,
    revision: REVISION_A,
    jobs: [
      { id: 1001, status: 'testfailed', selected: true },
      { id: 1002, status: 'success' },
    ],
  },
];

let controller: AbortController;
const actionBarWidget = () => byTestid('cit-actionbar-widget');

beforeEach(() => {
  document.body.innerHTML = pageHtml(pushes, { selectedJobId: 1001 });
  history.replaceState(null, '', '/jobs?repo=autoland&selectedTaskRun=Fe4GqwoZQSStNUbe4EeSPQ.0');
  background.send.mockReset();
  background.send.mockImplementation(
    cannedBackground({
      describeJob: ({ jobId }) => describedJob(jobId as number),
      jobGap: () => gapOf(3),
      previewTrigger: () => ({ summary: 'preview', cost: cost(3), decision: 'allow' }),
    }),
  );
  controller = new AbortController();
});
afterEach(() => controller.abort());

describe('action-bar controls', () => {
  it('offers the three controls for the selected job, in the overlay, and follows the selection', async () => {
    actionBar.start(createFeatureContext(controller.signal));
    await nextFrame();
    expect(actionBarWidget().dataset.citJobId).toBe('1001');
    expect(testids('cit-backfill')).toHaveLength(1);
    expect(testids('cit-retrigger')).toHaveLength(1);
    expect(testids('cit-bisect')).toHaveLength(1);
    expect(document.querySelector('#actionbar [data-testid^="cit-"]')).toBeNull();

    // Treeherder moves the selection: className rewrites on the buttons, new log link in the bar.
    const [first, second] = Array.from(document.querySelectorAll('#push-list button.job-btn'));
    first!.className = 'btn filter-shown job-btn btn-xs';
    second!.className = 'btn filter-shown job-btn selected-job btn-lg-xform';
    await nextFrame();
    expect(actionBarWidget().dataset.citJobId).toBe('1002');
    expect(testids('cit-backfill')).toHaveLength(1);

    byTestid('cit-backfill').click();
    await settle();
    expect(byTestid<HTMLInputElement>('cit-backfill-popover-field').value).toBe('3');
    expect(background.send).toHaveBeenCalledWith('describeJob', { repo: 'autoland', jobId: 1002 });
  });

  it('holds "Artifacts" and the job controls in one widget, rebuilt together when the selection moves', async () => {
    const runs = [
      { runId: 0, state: 'failed', reasonResolved: 'failed', artifacts: [artifact('public/logs/live.log')] },
      { runId: 1, state: 'completed', artifacts: [artifact('public/logs/live.log'), artifact('public/crash.dmp')] },
    ];
    background.send.mockImplementation(
      cannedBackground({
        describeJob: ({ jobId }) => describedJob(jobId as number),
        taskArtifacts: ({ taskId }) => ({
          taskId,
          label: 'test-linux1804-64-qr/debug-mochitest-plain-1',
          taskGroupId: 'TaskGroup0000000000000',
          state: 'completed',
          taskUrl: 'https://tc.invalid/tasks/x',
          runs,
        }),
      }),
    );
    actionBar.start(createFeatureContext(controller.signal));
    await nextFrame();
    const parts = () =>
      Array.from(actionBarWidget().children, (child) => (child as HTMLElement).dataset.testid ?? child.className);
    expect(parts()).toEqual(['cit-artifacts-widget', 'cit-job-controls']);
    expect(testids('cit-artifacts-control')).toHaveLength(1);
    const [first, second] = Array.from(document.querySelectorAll('#push-list button.job-btn'));
    first!.className = 'btn filter-shown job-btn btn-xs';
    second!.className = 'btn filter-shown job-btn selected-job btn-lg-xform';
    await nextFrame();
    expect(parts()).toEqual(['cit-artifacts-widget', 'cit-job-controls']);
    expect(testids('cit-artifacts-control')).toHaveLength(1);

    byTestid('cit-artifacts-control').click();
    await settle();
    const popover = byTestid('cit-artifacts-popover');
    // Popovers float in the layer's root, placed inside the window beside their trigger (ui/placement.ts).
    expect(popover.parentElement).toBe(byTestid('cit-layer'));
    expect(byTestid('cit-artifacts-control').getAttribute('aria-controls')).toBe(popover.id);
    expect(byTestid('cit-artifacts-heading', popover).textContent).toBe('Artifacts of job 1002');
    expect(byTestid('cit-artifacts-status', popover).textContent).toBe(
      'test-linux1804-64-qr/debug-mochitest-plain-1 · 2 runs',
    );
    expect(
      Array.from(popover.querySelectorAll('[data-testid="cit-artifact"]'), (a) => a.getAttribute('data-name')),
    ).toEqual(['public/logs/live.log', 'public/logs/live.log', 'public/crash.dmp']);
    expect(background.send).toHaveBeenCalledWith('describeJob', { repo: 'autoland', jobId: 1002 });
  });

  it('shows nothing while no job is selected', async () => {
    document.body.innerHTML = pageHtml([{ ...pushes[0]!, jobs: [{ id: 1001, status: 'testfailed' }] }], {
      selectedJobId: 1001,
    });
    document.querySelector('#actionbar a[href*="job_id"]')!.remove();
    actionBar.start(createFeatureContext(controller.signal));
    await nextFrame();
    expect(testids('cit-backfill')).toHaveLength(0);
  });
});

function artifact(name: string) {
  return {
    name,
    contentType: 'text/plain',
    storageType: 's3',
    expires: '2027-01-01T00:00:00.000Z',
    url: `https://tc.invalid/${name}`,
  };
}
