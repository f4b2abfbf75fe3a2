// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  byTestid,
  cannedBackground,
  cost,
  nextFrame,
  pageHtml,
  REVISION_A,
  REVISION_B,
  settle,
  testids,
  type FixturePush,
  userClick,
} from './fixture';

const background = vi.hoisted(() => ({ send: vi.fn<(type: string, data: unknown) => Promise<unknown>>() }));
vi.mock('../../../../platform/messaging', () => ({ sendToBackground: background.send }));
vi.mock('../../../../platform/browser', () => ({ browser: {}, isExtensionContextAlive: () => true }));

const { completenessBadge } = await import('../../../../content/features/completeness-badge');
const { createFeatureContext } = await import('../../../../content/feature');

const pushes: FixturePush[] = [
  { id: 1592793, revision: REVISION_A, jobs: [{ id: 1001, status: 'testfailed' }] },
  { id: 1592792, revision: REVISION_B, jobs: [{ id: 2001, status: 'success' }] },
];
const missing = (platform: string, ...suffixes: string[]) =>
  suffixes.map((suffix) => ({
    label: `test-${platform}/opt-${suffix}`,
    symbol: suffix.slice(-1),
    groupSymbol: 'M',
    platform,
  }));
const incomplete = {
  runnable: 1210,
  scheduled: 1204,
  complete: false,
  backstop: false,
  missingByPlatform: {
    'linux1804-64-qr': missing('linux1804-64-qr', 'mochitest-plain-1', 'mochitest-plain-2', 'xpcshell-3'),
    'windows11-64-24h2': missing('windows11-64-24h2', 'mochitest-plain-1', 'reftest-2', 'web-platform-tests-4'),
  },
};
const backstop = { runnable: 900, scheduled: 900, complete: true, backstop: true, missingByPlatform: {} };
const allMissingLabels = [
  ...incomplete.missingByPlatform['linux1804-64-qr'],
  ...incomplete.missingByPlatform['windows11-64-24h2'],
].map((job) => job.label);

let controller: AbortController;
let triggerResults: unknown[];
const callsOf = (type: string) =>
  background.send.mock.calls.filter(([sent]) => sent === type).map(([, data]) => data as Record<string, unknown>);
const badgeOf = (pushId: number) =>
  byTestid<HTMLButtonElement>(
    'cit-completeness',
    document.querySelector(`[data-testid="cit-push-widget"][data-cit-push-id="${pushId}"]`)!,
  );

async function start(): Promise<void> {
  controller = new AbortController();
  completenessBadge.start(createFeatureContext(controller.signal));
  await nextFrame();
  await settle();
}

async function openPanel(): Promise<HTMLElement> {
  badgeOf(1592793).click();
  await settle();
  return byTestid('cit-completeness-panel');
}

beforeEach(() => {
  document.body.innerHTML = pageHtml(pushes, { repo: 'try' });
  history.replaceState(null, '', '/jobs?repo=try');
  triggerResults = [];
  background.send.mockReset();
  background.send.mockImplementation(
    cannedBackground({
      pushCompleteness: ({ pushId }) => (pushId === 1592793 ? incomplete : backstop),
      trigger: () =>
        triggerResults.shift() ?? {
          status: 'triggered',
          logId: 'log-1',
          actionTaskId: 'ActionTask000000000000F',
          summary: 'sent',
          cost: cost(6),
        },
    }),
  );
});
afterEach(() => controller.abort());

describe('completeness badges', () => {
  it('shows "scheduled / runnable" on every push header, with markers for complete and backstop pushes', async () => {
    await start();
    expect(testids('cit-completeness')).toHaveLength(2);
    expect(badgeOf(1592793).textContent).toBe('1,204 / 1,210 scheduled');
    expect(badgeOf(1592793).title).toContain('6 runnable jobs were not scheduled');
    expect(badgeOf(1592793).hasAttribute('data-cit-complete')).toBe(false);
    expect(badgeOf(1592792).textContent).toBe('★900 / 900 scheduled');
    expect(badgeOf(1592792).hasAttribute('data-cit-backstop')).toBe(true);
    expect(callsOf('pushCompleteness')).toEqual([
      { repo: 'try', pushId: 1592793 },
      { repo: 'try', pushId: 1592792 },
    ]);
  });

  it('asks once per push however often the headers re-render', async () => {
    await start();
    const list = document.getElementById('push-list')!;
    for (let render = 0; render < 5; render++) {
      for (const header of list.querySelectorAll('.push-buttons')) header.replaceWith(header.cloneNode(true));
      await nextFrame();
    }
    expect(testids('cit-completeness')).toHaveLength(2);
    expect(callsOf('pushCompleteness')).toHaveLength(2);
  });

  it('says in its text what is wrong (offline, no decision task, sign-in needed), the sentence without the request line in its tooltip, and tries again on click', async () => {
    const failures: Record<number, string> = {
      1592793:
        'GET https://firefox-ci-tc.services.mozilla.com/api/queue/v1/task/abc/artifacts/public/runnable-jobs.json failed: Could not reach firefox-ci-tc.services.mozilla.com to load the runnable jobs: the network request failed. Check your connection or try again later.',
      1592792: 'Push 1592792 has no decision task yet, so its runnable jobs are unknown.',
    };
    background.send.mockImplementation(async (_type, data) => {
      throw new Error(failures[(data as { pushId: number }).pushId]);
    });
    await start();
    const offline = badgeOf(1592793);
    expect(offline.textContent).toBe('? scheduled · offline');
    expect(offline.title).toBe(
      'Could not reach firefox-ci-tc.services.mozilla.com to load the runnable jobs: the network request failed. Check your connection or try again later. Click to try again.',
    );
    expect(offline.getAttribute('aria-label')).not.toContain('GET https://');
    expect(badgeOf(1592792).textContent).toBe('? scheduled · no decision task');
    background.send.mockImplementation(cannedBackground({ pushCompleteness: () => incomplete }));
    offline.click();
    await settle();
    expect(offline.textContent).toBe('1,204 / 1,210 scheduled');
  });

  it('lists the missing jobs by platform and "Fill in this push" sends exactly them, after confirmation', async () => {
    triggerResults = [
      {
        status: 'needs-confirmation',
        summary: 'Add 6 jobs',
        cost: cost(6),
        reason: 'Adding 6 jobs needs your confirmation.',
      },
    ];
    await start();
    const panel = await openPanel();
    expect(
      Array.from(panel.querySelectorAll<HTMLElement>('[data-cit-platform]'), (section) => section.dataset.citPlatform),
    ).toEqual(['linux1804-64-qr', 'windows11-64-24h2']);
    expect(panel.querySelectorAll('input[type="checkbox"]')).toHaveLength(6);

    userClick(byTestid('cit-fill-in', panel));
    await settle();
    expect(callsOf('trigger')).toHaveLength(1);
    userClick(byTestid('cit-confirm'));
    await settle();
    const sent = callsOf('trigger');
    expect(sent.map((data) => data.confirmed)).toEqual([false, true]);
    for (const data of sent) {
      expect(data.intent).toEqual({
        kind: 'add-new-jobs',
        push: { repo: 'try', pushId: 1592793, revision: REVISION_A },
        labels: allMissingLabels,
      });
    }
    expect(byTestid('cit-toast').textContent).toContain(
      'Fill-in of 6 jobs requested: action task ActionTask000000000000F',
    );
    // Its numbers are asked again after jobs were added.
    expect(callsOf('pushCompleteness').filter((data) => data.pushId === 1592793)).toHaveLength(2);
  });

  it('"Add selected" sends only the ticked jobs; the filter narrows the list and typing stays out of Treeherder', async () => {
    await start();
    const shortcuts = vi.fn();
    document.addEventListener('keydown', shortcuts);
    const panel = await openPanel();
    const filter = byTestid<HTMLInputElement>('cit-missing-filter', panel);
    filter.value = 'windows';
    filter.dispatchEvent(new KeyboardEvent('keydown', { key: 'w', bubbles: true }));
    filter.dispatchEvent(new Event('input', { bubbles: true }));
    expect(shortcuts).not.toHaveBeenCalled();
    const boxes = panel.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    expect(boxes).toHaveLength(3);
    const addSelected = byTestid<HTMLButtonElement>('cit-add-selected', panel);
    expect(addSelected.disabled).toBe(true);
    for (const box of [boxes[0]!, boxes[2]!]) {
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    }
    expect(addSelected.textContent).toBe('Add selected (2)');
    userClick(addSelected);
    await settle();
    expect(callsOf('trigger')).toEqual([
      {
        confirmed: false,
        intent: {
          kind: 'add-new-jobs',
          push: { repo: 'try', pushId: 1592793, revision: REVISION_A },
          labels: ['test-windows11-64-24h2/opt-mochitest-plain-1', 'test-windows11-64-24h2/opt-web-platform-tests-4'],
        },
      },
    ]);
    document.removeEventListener('keydown', shortcuts);
  });

  it('splits a large fill-in into add-new-jobs intents of at most 500 labels', async () => {
    const many = {
      runnable: 2000,
      scheduled: 800,
      complete: false,
      backstop: false,
      missingByPlatform: {
        linux: Array.from({ length: 1200 }, (_, i) => ({
          label: `test-linux/opt-chunk-${String(i).padStart(4, '0')}`,
          symbol: String(i),
          platform: 'linux',
        })),
      },
    };
    background.send.mockImplementation(
      cannedBackground({
        pushCompleteness: () => many,
        trigger: () => ({
          status: 'triggered',
          logId: 'log',
          actionTaskId: 'ActionTask000000000000F',
          summary: 'sent',
          cost: cost(500),
        }),
      }),
    );
    await start();
    const panel = await openPanel();
    userClick(byTestid('cit-fill-in', panel));
    await settle();
    const labels = callsOf('trigger').map((data) => (data.intent as { labels: string[] }).labels);
    expect(labels.map((list) => list.length)).toEqual([500, 500, 200]);
    expect(labels.flat()).toEqual(many.missingByPlatform.linux.map((job) => job.label));
  });

  it('closes the panel on Escape and returns focus to the badge', async () => {
    await start();
    const panel = await openPanel();
    expect(badgeOf(1592793).getAttribute('aria-expanded')).toBe('true');
    byTestid('cit-missing-filter', panel).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(testids('cit-completeness-panel')).toHaveLength(0);
    expect(document.activeElement).toBe(badgeOf(1592793));
  });

  it('closes the panel when its push leaves the page', async () => {
    await start();
    await openPanel();
    document.querySelector('[data-testid="push-1592793"]')!.remove();
    await nextFrame();
    expect(testids('cit-completeness-panel')).toHaveLength(0);
    expect(testids('cit-completeness')).toHaveLength(1);
  });
});
