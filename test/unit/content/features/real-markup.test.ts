// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HAVE_SAMPLES, readSample } from '../../../samples';
import { cannedBackground, cost, describedJob, gapOf, nextFrame, settle, testids } from './fixture';

const background = vi.hoisted(() => ({ send: vi.fn<(type: string, data: unknown) => Promise<unknown>>() }));
vi.mock('../../../../platform/messaging', () => ({ sendToBackground: background.send }));
vi.mock('../../../../platform/browser', () => ({ browser: {}, isExtensionContextAlive: () => true }));

const { failingJobWidgets } = await import('../../../../content/features/failing-job-widgets');
const { actionBar } = await import('../../../../content/features/action-bar');
const { completenessBadge } = await import('../../../../content/features/completeness-badge');
const { createFeatureContext } = await import('../../../../content/feature');

/** Real markup rendered by mozilla/treeherder dc3080dd7 (../shared/samples/treeherder): 10 try pushes, 4 failing jobs. */
describe.skipIf(!HAVE_SAMPLES)('features on real Treeherder markup', () => {
  const controller = new AbortController();
  afterEach(() => controller.abort());

  it('mounts one widget set per failing job, one badge per push and the action-bar controls', async () => {
    document.body.innerHTML =
      readSample('treeherder/rendered-jobs-view-collapsed.html') + readSample('treeherder/rendered-details-panel.html');
    history.replaceState(null, '', '/jobs?repo=try');
    background.send.mockImplementation(
      cannedBackground({
        describeJob: ({ jobId }) => describedJob(jobId as number),
        jobGap: () => gapOf(2),
        pushCompleteness: () => ({
          runnable: 10,
          scheduled: 4,
          complete: false,
          backstop: false,
          missingByPlatform: {},
        }),
        previewTrigger: () => ({ summary: 'preview', cost: cost(1), decision: 'allow' }),
      }),
    );
    const ctx = createFeatureContext(controller.signal);
    failingJobWidgets.start(ctx);
    actionBar.start(ctx);
    completenessBadge.start(ctx);
    await nextFrame();
    await settle();
    expect(document.querySelectorAll('[data-cit-placement="job"]')).toHaveLength(4);
    expect(testids('cit-gap-badge')).toHaveLength(4);
    expect(testids('cit-completeness')).toHaveLength(10);
    expect(document.querySelector<HTMLElement>('[data-cit-placement="actionbar"]')?.dataset.citJobId).toBe('259539664');
    expect(testids('cit-backfill')).toHaveLength(5);
    expect(document.querySelector('#push-list [data-testid^="cit-"], #details-panel [data-testid^="cit-"]')).toBeNull();
  });
});
