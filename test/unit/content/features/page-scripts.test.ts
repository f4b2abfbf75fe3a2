// @vitest-environment happy-dom
/**
 * Issue 15, finding 3: a script in Treeherder's page can call click() or dispatchEvent() on our widgets, which
 * are plain DOM in its page. Such events are untrusted, and nothing costly may follow from them; the same
 * steps done as the user (trusted events, fixture.userClick) do send, so each check here can fail.
 */
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
  userClick,
  userKeydown,
} from './fixture';

const background = vi.hoisted(() => ({ send: vi.fn<(type: string, data: unknown) => Promise<unknown>>() }));
vi.mock('../../../../platform/messaging', () => ({ sendToBackground: background.send }));
vi.mock('../../../../platform/browser', () => ({ browser: {}, isExtensionContextAlive: () => true }));

const { failingJobWidgets } = await import('../../../../content/features/failing-job-widgets');
const { completenessBadge } = await import('../../../../content/features/completeness-badge');
const { createFeatureContext } = await import('../../../../content/feature');

const COSTLY = ['trigger', 'startBisection', 'startPerfBisection', 'startPerfBaseline'];
const costlyCalls = () => background.send.mock.calls.filter(([type]) => COSTLY.includes(type));
const widgetOf = (jobId: number) =>
  document.querySelector<HTMLElement>(`[data-testid="cit-job-widget"][data-cit-job-id="${jobId}"]`)!;
/** What a page script can do: a synthetic click (untrusted). */
const scriptClick = (target: HTMLElement) => target.click();
const scriptDispatch = (target: HTMLElement) =>
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));

let controller: AbortController;
let triggerResults: unknown[];

beforeEach(async () => {
  document.body.innerHTML = pageHtml([
    { id: 1592793, revision: REVISION_A, jobs: [{ id: 1001, status: 'testfailed' }] },
  ]);
  history.replaceState(null, '', '/jobs?repo=autoland');
  triggerResults = [];
  background.send.mockReset();
  background.send.mockImplementation(
    cannedBackground({
      describeJob: ({ jobId }) => describedJob(jobId as number),
      jobGap: () => gapOf(7),
      previewTrigger: () => ({ summary: 'preview', cost: cost(100), decision: 'confirm' }),
      trigger: () =>
        triggerResults.shift() ?? {
          status: 'triggered',
          logId: 'log-1',
          actionTaskId: 'ActionTask000000000000A',
          summary: 'sent',
          cost: cost(100),
        },
      previewBisection: () => ({
        suspects: 8,
        firstPushId: 10,
        lastPushId: 17,
        budget: 500,
        parallel: 4,
        estimate: {
          draws: 1,
          medianJobs: 9,
          p90Jobs: 14,
          meanJobs: 9,
          medianRounds: 3,
          p90Rounds: 4,
          budgetExhausted: 0,
        },
      }),
      startBisection: () => ({ status: 'running', suspects: [] }),
      perfSeriesOfJob: () => [],
      pushCompleteness: () => ({
        runnable: 10,
        scheduled: 8,
        complete: false,
        backstop: false,
        missingByPlatform: {
          linux: [
            { label: 'test-linux/opt-a', symbol: 'a', groupSymbol: 'M', platform: 'linux' },
            { label: 'test-linux/opt-b', symbol: 'b', groupSymbol: 'M', platform: 'linux' },
          ],
        },
      }),
    }),
  );
  controller = new AbortController();
  const ctx = createFeatureContext(controller.signal);
  failingJobWidgets.start(ctx);
  completenessBadge.start(ctx);
  await nextFrame();
  await settle();
});
afterEach(() => controller.abort());

async function openRetrigger(): Promise<HTMLElement> {
  byTestid('cit-retrigger', widgetOf(1001)).click(); // opening costs nothing: a script may open it
  await settle();
  const popover = byTestid('cit-retrigger-popover');
  const field = byTestid<HTMLInputElement>('cit-retrigger-popover-field', popover);
  field.value = '100';
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await settle();
  return popover;
}

describe('a page script cannot trigger jobs', () => {
  it('Retrigger ×100: a synthetic click or Enter on Go sends nothing; the user’s own click does', async () => {
    const popover = await openRetrigger();
    const go = byTestid<HTMLButtonElement>('cit-retrigger-popover-go', popover);
    expect(go.disabled).toBe(false);
    scriptClick(go);
    scriptDispatch(go);
    byTestid('cit-retrigger-popover-field', popover).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
    );
    await settle();
    expect(costlyCalls()).toEqual([]);
    userKeydown(byTestid('cit-retrigger-popover-field', popover), 'Enter');
    await settle();
    expect(costlyCalls()).toHaveLength(1);
  });

  it('the confirmation of a ×100 retrigger cannot be clicked through by a script', async () => {
    triggerResults = [
      { status: 'needs-confirmation', summary: 'x100', cost: cost(100), reason: 'Over 10.', confirmationToken: 't1' },
    ];
    const popover = await openRetrigger();
    userClick(byTestid('cit-retrigger-popover-go', popover));
    await settle();
    expect(costlyCalls()).toHaveLength(1);
    const confirm = byTestid('cit-confirm');
    scriptClick(confirm);
    scriptDispatch(confirm);
    await settle();
    expect(costlyCalls()).toHaveLength(1);
    expect(testids('cit-confirm')).toHaveLength(1); // still asking
    userClick(confirm);
    await settle();
    expect(costlyCalls().map(([, data]) => (data as { confirmed: boolean }).confirmed)).toEqual([false, true]);
  });

  it('Backfill and Bisect (a 500-job budget) start only on the user’s own click', async () => {
    byTestid('cit-backfill', widgetOf(1001)).click();
    await settle();
    const backfillGo = byTestid<HTMLButtonElement>('cit-backfill-popover-go');
    scriptClick(backfillGo);
    await settle();
    expect(costlyCalls()).toEqual([]);

    byTestid('cit-bisect', widgetOf(1001)).click();
    await settle();
    const budget = byTestid<HTMLInputElement>('cit-bisect-popover-budget');
    budget.value = '500';
    budget.dispatchEvent(new Event('change'));
    await settle();
    const start = byTestid<HTMLButtonElement>('cit-bisect-popover-go');
    expect(start.disabled).toBe(false);
    scriptClick(start);
    scriptDispatch(start);
    await settle();
    expect(costlyCalls()).toEqual([]);
    userClick(start);
    await settle();
    expect(costlyCalls()).toEqual([
      ['startBisection', { repo: 'autoland', jobId: 1001, mode: 'bisect', extendBy: 0, budget: 500, parallel: 4 }],
    ]);
  });

  it('"Fill in this push" and "Add selected" send only on the user’s own click', async () => {
    byTestid('cit-completeness').click();
    await settle();
    const panel = byTestid('cit-completeness-panel');
    for (const box of panel.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    }
    scriptClick(byTestid('cit-fill-in', panel));
    scriptClick(byTestid('cit-add-selected', panel));
    scriptDispatch(byTestid('cit-fill-in', panel));
    await settle();
    expect(costlyCalls()).toEqual([]);
    userClick(byTestid('cit-fill-in', panel));
    await settle();
    expect(costlyCalls()).toHaveLength(1);
  });
});
