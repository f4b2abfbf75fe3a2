// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  byTestid,
  cannedBackground,
  cost,
  describedJob,
  gapOf,
  LABEL,
  nextFrame,
  pageHtml,
  pushListInnerHtml,
  REVISION_A,
  REVISION_B,
  settle,
  TASK_ID,
  testids,
  type FixturePush,
  userClick,
} from './fixture';

const background = vi.hoisted(() => ({ send: vi.fn<(type: string, data: unknown) => Promise<unknown>>() }));
vi.mock('../../../../platform/messaging', () => ({ sendToBackground: background.send }));
vi.mock('../../../../platform/browser', () => ({ browser: {}, isExtensionContextAlive: () => true }));

const { failingJobWidgets } = await import('../../../../content/features/failing-job-widgets');
const { createFeatureContext } = await import('../../../../content/feature');

const pushes: FixturePush[] = [
  {
    id: 1592793,
    revision: REVISION_A,
    jobs: [
      { id: 1001, status: 'testfailed' },
      { id: 1002, status: 'success' },
      { id: 1003, status: 'busted' },
      { id: 1004, status: 'exception' },
    ],
  },
  {
    id: 1592792,
    revision: REVISION_B,
    jobs: [
      { id: 2001, status: 'running' },
      { id: 2002, status: 'testfailed' },
      { id: 2003, status: 'retry' },
    ],
  },
];
const FAILING = ['1001', '1003', '1004', '2002'];

let controller: AbortController;
let triggerResults: unknown[];
let gaps: Record<number, number>;

const callsOf = (type: string) =>
  background.send.mock.calls.filter(([sent]) => sent === type).map(([, data]) => data as Record<string, unknown>);
const widgetJobIds = () =>
  Array.from(
    document.querySelectorAll<HTMLElement>('[data-testid="cit-job-widget"]'),
    (w) => w.dataset.citJobId,
  ).sort();
const widgetOf = (jobId: number) =>
  document.querySelector<HTMLElement>(`[data-testid="cit-job-widget"][data-cit-job-id="${jobId}"]`)!;

async function start(): Promise<void> {
  controller = new AbortController();
  failingJobWidgets.start(createFeatureContext(controller.signal));
  await nextFrame();
  await settle();
}

async function openBackfill(jobId: number): Promise<HTMLElement> {
  byTestid('cit-backfill', widgetOf(jobId)).click();
  await settle();
  return byTestid('cit-backfill-popover');
}

beforeEach(() => {
  document.body.innerHTML = pageHtml(pushes);
  history.replaceState(null, '', '/jobs?repo=autoland');
  triggerResults = [];
  gaps = {};
  background.send.mockReset();
  background.send.mockImplementation(
    cannedBackground({
      describeJob: ({ jobId }) => describedJob(jobId as number),
      jobGap: ({ jobId }) => gapOf(gaps[jobId as number] ?? 7),
      previewTrigger: () => ({ summary: 'preview', cost: cost(7), decision: 'allow' }),
      trigger: () =>
        triggerResults.shift() ?? {
          status: 'triggered',
          logId: 'log-1',
          actionTaskId: 'ActionTask000000000000A',
          summary: 'sent',
          cost: cost(7),
        },
    }),
  );
});
afterEach(() => controller.abort());

describe('failing-job widgets', () => {
  it('puts one widget set (gap badge, backfill, retrigger, bisect) beside each failing job and no other', async () => {
    await start();
    expect(widgetJobIds()).toEqual(FAILING);
    for (const id of ['cit-gap-badge', 'cit-backfill', 'cit-retrigger', 'cit-bisect'])
      expect(testids(id)).toHaveLength(FAILING.length);
    for (const id of ['cit-backfill', 'cit-retrigger', 'cit-bisect']) {
      for (const control of testids(id)) expect(control.getAttribute('aria-label')).toMatch(/\S/);
    }
    // Nothing was inserted into Treeherder's (React's) containers.
    expect(document.querySelector('#push-list [data-testid^="cit-"]')).toBeNull();
    expect(document.querySelectorAll('[data-testid="cit-layer"]')).toHaveLength(1);
  });

  it('survives re-renders without duplicates or repeated requests', async () => {
    await start();
    const list = document.getElementById('push-list')!;
    for (let render = 0; render < 5; render++) {
      // A poll: className rewritten wholesale (selection), one node replaced, then every node recreated.
      for (const button of list.querySelectorAll('button.job-btn'))
        button.className = 'btn filter-shown job-btn selected-job btn-lg-xform';
      const failing = list.querySelector('[data-job-id="1001"]')!;
      failing.replaceWith(failing.cloneNode(true));
      await nextFrame();
      list.innerHTML = pushListInnerHtml(pushes);
      await nextFrame();
      await settle();
    }
    expect(widgetJobIds()).toEqual(FAILING);
    expect(testids('cit-backfill')).toHaveLength(FAILING.length);
    expect(
      callsOf('jobGap')
        .map((data) => data.jobId)
        .sort(),
    ).toEqual(FAILING.map(Number));
  });

  it('keeps the same widget (and its open popover) when React replaces the job node; one set per job id', async () => {
    await start();
    const widget = widgetOf(1001);
    await openBackfill(1001);
    const list = document.getElementById('push-list')!;
    list.innerHTML = pushListInnerHtml(pushes);
    await nextFrame();
    expect(widgetOf(1001)).toBe(widget);
    expect(testids('cit-backfill-popover')).toHaveLength(1);
    // The same job shown twice (e.g. pinned copies, duplicate renders) still gets one widget set.
    const copy = list.querySelector('[data-job-id="1003"]')!.cloneNode(true);
    list.querySelector('.group-job-list')!.append(copy);
    await nextFrame();
    expect(widgetJobIds()).toEqual(FAILING);
  });

  it('removes a widget when its job leaves the page or stops failing', async () => {
    await start();
    document.querySelector('[data-job-id="1003"]')!.remove();
    document.querySelector('[data-job-id="2002"]')!.setAttribute('data-status', 'success');
    await nextFrame();
    expect(widgetJobIds()).toEqual(['1001', '1004']);
    document.getElementById('push-list')!.remove();
    await nextFrame();
    expect(widgetJobIds()).toEqual([]);
  });

  it('sits at the free end of its job row, one slot per failing job in row order, and follows the row on scroll', async () => {
    await start();
    const job1001 = document.querySelector('[data-job-id="1001"]')!;
    const row = job1001.closest('td.job-row')!;
    const lastGroup = row.lastElementChild!;
    let top = 120;
    // The job button (its box decides whether the widget is shown) and the row's last group (the row's end).
    vi.spyOn(job1001, 'getBoundingClientRect').mockImplementation(() => new DOMRect(300, top + 1, 22, 18));
    const endOfRow = () => [new DOMRect(290, top, 160, 20)] as unknown as DOMRectList;
    vi.spyOn(lastGroup, 'getClientRects').mockImplementation(endOfRow);
    for (const id of [1003, 1004])
      vi.spyOn(document.querySelector(`[data-job-id="${id}"]`)!, 'getBoundingClientRect').mockImplementation(
        () => new DOMRect(330, top + 1, 22, 18),
      );
    job1001.setAttribute('title', job1001.getAttribute('title')!); // any observed mutation starts a batch
    await nextFrame();
    expect(widgetOf(1001).hasAttribute('data-cit-offscreen')).toBe(false);
    // 290 + 160 = 450, then 10 px of room; 1001, 1003, 1004 are the row's failing jobs, in that order.
    expect(widgetOf(1001).style.transform).toBe('translate(460px, 120px)');
    expect(widgetOf(1003).style.transform).toBe('translate(524px, 120px)');
    expect(widgetOf(1004).style.transform).toBe('translate(588px, 120px)');
    expect(widgetOf(1001).style.width).toBe('64px');
    expect(byTestid('cit-job-symbol', widgetOf(1001)).textContent).toBe('1');
    top = 40;
    document.dispatchEvent(new Event('scroll'));
    await nextFrame();
    expect(widgetOf(1001).style.transform).toBe('translate(460px, 40px)');
    // Half scrolled out at the top: hidden, rather than hanging over what borders the list.
    top = -10;
    document.dispatchEvent(new Event('scroll'));
    await nextFrame();
    expect(widgetOf(1001).hasAttribute('data-cit-offscreen')).toBe(true);
  });

  it('shows the gap badge text and tooltip, or "?" with the error sentence', async () => {
    gaps = { 1003: 12 };
    background.send.mockImplementation(
      cannedBackground({
        jobGap: ({ jobId }) => {
          if (jobId === 1004)
            throw new Error(
              'GET https://treeherder.mozilla.org/api/jobs/?push_id__in=1 failed: Treeherder had a server error (HTTP 502) loading the jobs of pushes 1. Try again later.',
            );
          return gapOf(gaps[jobId as number] ?? 7);
        },
      }),
    );
    await start();
    const badge = (jobId: number) => byTestid('cit-gap-badge', widgetOf(jobId));
    expect(badge(1001).textContent).toBe('↶7');
    expect(badge(1001).title).toContain('7 earlier pushes did not run it');
    expect(badge(1003).textContent).toBe('↶12');
    expect(badge(1004).textContent).toBe('?');
    expect(badge(1004).title).toBe(
      'Gap unknown (server error): Treeherder had a server error (HTTP 502) loading the jobs of pushes 1. Try again later.',
    );
    expect(badge(1004).dataset.citState).toBe('error');
  });

  it('keeps keys typed in a popover away from Treeherder’s document shortcuts; Escape closes and refocuses', async () => {
    await start();
    const shortcuts = vi.fn();
    document.addEventListener('keydown', shortcuts);
    const popover = await openBackfill(1001);
    const field = byTestid<HTMLInputElement>('cit-backfill-popover-field', popover);
    for (const key of ['r', 'j', 'Enter']) field.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(shortcuts).not.toHaveBeenCalled();
    expect(testids('cit-backfill-popover')).toHaveLength(0);
    expect(document.activeElement).toBe(byTestid('cit-backfill', widgetOf(1001)));
    document.removeEventListener('keydown', shortcuts);
  });

  it('backfill defaults its depth to the gap, previews the cost and sends a backfill intent of that depth', async () => {
    await start();
    const popover = await openBackfill(1001);
    expect(byTestid<HTMLInputElement>('cit-backfill-popover-field', popover).value).toBe('7');
    expect(byTestid('cit-backfill-popover-cost', popover).textContent).toContain('7 tasks');
    expect(callsOf('previewTrigger').at(-1)).toMatchObject({ intent: { kind: 'backfill', depth: 7 } });

    userClick(byTestid('cit-backfill-popover-go', popover));
    await settle();
    expect(callsOf('trigger')).toEqual([
      {
        confirmed: false,
        intent: {
          kind: 'backfill',
          depth: 7,
          push: { repo: 'autoland', pushId: 1592793, revision: REVISION_A },
          job: { jobId: 1001, taskId: TASK_ID, label: LABEL, symbol: '1', groupSymbol: 'M' },
        },
      },
    ]);
    const toast = byTestid('cit-toast');
    expect(toast.getAttribute('role')).toBe('status');
    expect(toast.textContent).toContain('Backfill requested: action task ActionTask000000000000A');
    expect(testids('cit-backfill-popover')).toHaveLength(0);
  });

  it('keeps focus in the popover while sending and returns it to the opening control after (never to <body>)', async () => {
    let answer: (value: unknown) => void = () => undefined;
    background.send.mockImplementation(
      cannedBackground({
        describeJob: ({ jobId }) => describedJob(jobId as number),
        jobGap: () => gapOf(7),
        previewTrigger: () => ({ summary: 'preview', cost: cost(7), decision: 'allow' }),
        trigger: () => new Promise((resolve) => (answer = resolve)),
      }),
    );
    await start();
    const opener = byTestid('cit-backfill', widgetOf(1001));
    opener.focus();
    const popover = await openBackfill(1001);
    const go = byTestid<HTMLButtonElement>('cit-backfill-popover-go', popover);
    go.focus();
    userClick(go);
    await settle();
    expect(go.disabled).toBe(true);
    expect(document.activeElement).toBe(popover); // not <body>, where `j` would move Treeherder's selection
    answer({ status: 'refused', summary: 'Backfill', cost: cost(7), reason: 'Daily cap reached.' });
    await settle();
    expect(document.activeElement).toBe(go); // refused: the popover stays, focus back on its button
    answer = () => undefined;
    background.send.mockImplementation(
      cannedBackground({
        trigger: () => ({
          status: 'triggered',
          logId: 'l',
          actionTaskId: 'ActionTask000000000000B',
          summary: 's',
          cost: cost(7),
        }),
      }),
    );
    userClick(go);
    await settle();
    expect(testids('cit-backfill-popover')).toHaveLength(0);
    expect(document.activeElement).toBe(opener);
  });

  it('Escape closes a popover whose load failed, even with focus lost to <body>, and refocuses its opener', async () => {
    background.send.mockImplementation(
      cannedBackground({
        describeJob: () => {
          throw new Error('Treeherder did not answer.');
        },
        jobGap: () => gapOf(7),
      }),
    );
    await start();
    const opener = byTestid('cit-retrigger', widgetOf(1001));
    opener.click();
    await settle();
    const popover = byTestid('cit-retrigger-popover');
    expect(byTestid('cit-retrigger-popover-notes', popover).textContent).toContain('Treeherder did not answer.');
    expect(popover.contains(document.activeElement)).toBe(true);
    (document.activeElement as HTMLElement).blur();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(testids('cit-retrigger-popover')).toHaveLength(0);
    expect(document.activeElement).toBe(opener);
  });

  it('caps the backfill depth at 25 and says a longer gap takes several backfills', async () => {
    gaps = { 1001: 60 };
    await start();
    const popover = await openBackfill(1001);
    expect(byTestid<HTMLInputElement>('cit-backfill-popover-field', popover).value).toBe('25');
    expect(byTestid('cit-backfill-popover-notes', popover).textContent).toContain('3 backfills (25, 25, 10');
  });

  it('asks for confirmation when the guard wants it and re-sends with confirmed: true', async () => {
    triggerResults = [
      {
        status: 'needs-confirmation',
        summary: 'Backfill 7',
        cost: cost(70),
        reason: 'This is over your confirm threshold.',
        confirmationToken: 'token-issued-by-the-background',
      },
    ];
    await start();
    const popover = await openBackfill(1001);
    const go = byTestid<HTMLButtonElement>('cit-backfill-popover-go', popover);
    userClick(go);
    expect(go.disabled).toBe(true); // in flight: a second click cannot trigger twice
    userClick(go);
    await settle();
    expect(callsOf('trigger')).toHaveLength(1);
    const confirmToast = byTestid('cit-toast');
    expect(confirmToast.textContent).toContain('This is over your confirm threshold.');
    userClick(byTestid('cit-confirm', confirmToast));
    await settle();
    expect(callsOf('trigger').map((data) => data.confirmed)).toEqual([false, true]);
    // The confirmed re-send carries the background's one-time token for this intent.
    expect(callsOf('trigger')[1]).toMatchObject({ confirmationToken: 'token-issued-by-the-background' });
    expect(callsOf('trigger')[1]!.intent).toEqual(callsOf('trigger')[0]!.intent);
    expect(byTestid('cit-toast').textContent).toContain('Backfill requested');
  });

  it('retriggers ×5 by default with the job’s label, and reports merged, refused and failed triggers', async () => {
    triggerResults = [
      { status: 'merged', logId: 'log-0', summary: 'Retrigger', reason: 'The same retrigger was sent 2 minutes ago.' },
      { status: 'refused', summary: 'Retrigger', cost: cost(5), reason: 'Daily cap reached.' },
    ];
    await start();
    byTestid('cit-retrigger', widgetOf(2002)).click();
    await settle();
    const popover = byTestid('cit-retrigger-popover');
    expect(byTestid<HTMLInputElement>('cit-retrigger-popover-field', popover).value).toBe('5');
    const go = byTestid<HTMLButtonElement>('cit-retrigger-popover-go', popover);
    userClick(go);
    await settle();
    expect(callsOf('trigger')[0]).toMatchObject({
      confirmed: false,
      intent: { kind: 'retrigger', labels: [LABEL], times: 5, job: { jobId: 2002 } },
    });
    expect(byTestid('cit-toast').textContent).toContain('already sent');

    userClick(go);
    await settle();
    const refused = byTestid('cit-toast');
    expect(refused.getAttribute('role')).toBe('alert');
    expect(refused.textContent).toContain('Daily cap reached.');

    background.send.mockImplementation(async (type) => {
      if (type === 'trigger') throw new Error('Sign in to Taskcluster first.');
      return undefined;
    });
    userClick(go);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const failed = byTestid('cit-toast');
    expect(failed.getAttribute('role')).toBe('alert');
    expect(failed.textContent).toContain('Sign in to Taskcluster first.');
    byTestid('cit-toast-dismiss', failed).click();
    expect(testids('cit-toast')).toHaveLength(0);
  });

  it('bisect shows the range and expected cost first, then starts with the chosen budget', async () => {
    const preview = {
      suspects: 8,
      firstPushId: 10,
      lastPushId: 17,
      budget: 60,
      parallel: 4,
      estimate: {
        draws: 150,
        medianJobs: 9,
        p90Jobs: 14,
        meanJobs: 9.5,
        medianRounds: 3,
        p90Rounds: 4,
        budgetExhausted: 0,
      },
    };
    const session = { status: 'running', suspects: new Array(8).fill({ pushId: 1, revision: 'a' }) };
    background.send.mockImplementation(
      cannedBackground({
        describeJob: ({ jobId }) => describedJob(jobId as number),
        jobGap: ({ jobId }) => gapOf(gaps[jobId as number] ?? 7),
        previewBisection: () => preview,
        startBisection: () => session,
      }),
    );
    await start();
    byTestid('cit-bisect', widgetOf(1001)).click();
    await settle();
    const popover = byTestid('cit-bisect-popover');
    expect(byTestid('cit-bisect-popover-summary', popover).textContent).toBe(
      'Range: 8 pushes (10…17). Expected cost: about 9 jobs (90 % of the time ≤ 14) in about 3 rounds, never more than 60.',
    );
    expect(callsOf('startBisection')).toHaveLength(0);
    const budget = byTestid('cit-bisect-popover-budget', popover) as HTMLInputElement;
    budget.value = '30';
    budget.dispatchEvent(new Event('change'));
    await settle();
    userClick(byTestid('cit-bisect-popover-go', popover));
    await settle();
    expect(callsOf('startBisection')).toEqual([
      { repo: 'autoland', jobId: 1001, mode: 'bisect', extendBy: 0, budget: 30, parallel: 4 },
    ]);
    expect(byTestid('cit-toast').textContent).toContain('Bisection running over 8 pushes');
  });

  it('reveals the toolbar while its job is hovered', async () => {
    await start();
    const button = document.querySelector('[data-job-id="1003"]')!;
    button.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(widgetOf(1003).hasAttribute('data-cit-hover')).toBe(true);
    document.querySelector('[data-job-id="2002"]')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(widgetOf(1003).hasAttribute('data-cit-hover')).toBe(false);
    expect(widgetOf(2002).hasAttribute('data-cit-hover')).toBe(true);
  });

  it('keeps the toolbar while the pointer crosses its row, and switches to another failing job of the row only after resting on it', async () => {
    await start();
    const over = (selector: string) =>
      document.querySelector(selector)!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    over('[data-job-id="1001"]');
    expect(widgetOf(1001).hasAttribute('data-cit-hover')).toBe(true);
    over('[data-job-id="1002"]'); // a passing job of the same row, on the way to the row's end
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(widgetOf(1001).hasAttribute('data-cit-hover')).toBe(true);
    over('[data-job-id="1003"]'); // another failing job of the row: passed over, not chosen
    expect(widgetOf(1001).hasAttribute('data-cit-hover')).toBe(true);
    over('[data-testid="cit-job-widget"][data-cit-job-id="1001"] [data-testid="cit-backfill"]');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(widgetOf(1001).hasAttribute('data-cit-hover')).toBe(true);
    expect(widgetOf(1003).hasAttribute('data-cit-hover')).toBe(false);
    over('[data-job-id="1003"]'); // resting on it
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(widgetOf(1003).hasAttribute('data-cit-hover')).toBe(true);
    expect(widgetOf(1001).hasAttribute('data-cit-hover')).toBe(false);
    over('#details-panel'); // elsewhere: hidden after the grace period
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(widgetOf(1003).hasAttribute('data-cit-hover')).toBe(false);
  });

  it('removes everything when the extension context ends', async () => {
    await start();
    controller.abort();
    expect(document.querySelector('[data-testid^="cit-"]')).toBeNull();
  });
});
