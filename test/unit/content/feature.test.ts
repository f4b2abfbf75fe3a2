// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { ContentFeature, FeatureContext } from '../../../content/feature';
import {
  cannedBackground,
  describedJob,
  gapOf,
  nextFrame,
  pageHtml,
  REVISION_A,
  settle,
  testids,
  type FixturePush,
} from './features/fixture';

const background = vi.hoisted(() => ({ send: vi.fn<(type: string, data: unknown) => Promise<unknown>>() }));
vi.mock('../../../platform/messaging', () => ({ sendToBackground: background.send }));
vi.mock('../../../platform/browser', () => ({
  browser: { runtime: { onMessage: { addListener: () => undefined, removeListener: () => undefined } } },
  isExtensionContextAlive: () => true,
}));

const { createFeatureContext, startFeatures } = await import('../../../content/feature');
const { features } = await import('../../../content/feature-list');

const broken: ContentFeature = {
  id: 'broken',
  start: () => {
    throw new Error('The selector matched nothing.');
  },
};

let controller: AbortController;
let warn: MockInstance<typeof console.warn>;

beforeEach(() => {
  controller = new AbortController();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  controller.abort();
  warn.mockRestore();
});

describe('startFeatures', () => {
  it('starts the features after one that throws, all with the same context, and names the broken one', () => {
    const ctx = createFeatureContext(controller.signal);
    const started: Array<[string, FeatureContext]> = [];
    const recording = (id: string): ContentFeature => ({ id, start: (given) => void started.push([id, given]) });

    startFeatures([recording('first'), broken, recording('last')], ctx);

    expect(started).toEqual([
      ['first', ctx],
      ['last', ctx],
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('"broken"');
    expect(warn.mock.calls[0]![1]).toEqual(new Error('The selector matched nothing.'));
  });

  it('a broken feature first in the list leaves every feature of the page working', async () => {
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
    document.body.innerHTML = pageHtml(pushes, { selectedJobId: 1001 });
    history.replaceState(null, '', '/jobs?repo=autoland');
    background.send.mockImplementation(
      cannedBackground({
        ping: () => ({ version: '9.9.9' }),
        describeJob: ({ jobId }) => describedJob(jobId as number),
        jobGap: () => gapOf(2),
        pushCompleteness: () => ({
          runnable: 3,
          scheduled: 2,
          complete: false,
          backstop: false,
          missingByPlatform: {},
        }),
      }),
    );

    startFeatures([broken, ...features], createFeatureContext(controller.signal));
    await nextFrame();
    await settle();

    expect(warn).toHaveBeenCalledTimes(1);
    expect(document.querySelector('[data-testid="cit-status"]')?.textContent).toBe('CI Tools 9.9.9');
    expect(testids('cit-job-widget')).toHaveLength(1);
    expect(testids('cit-completeness')).toHaveLength(1);
    expect(testids('cit-artifacts-control')).toHaveLength(1);
    expect(document.querySelector<HTMLElement>('[data-testid="cit-actionbar-widget"]')?.dataset.citJobId).toBe('1001');
  });
});
