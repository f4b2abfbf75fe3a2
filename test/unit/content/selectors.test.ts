// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  jobIdOf,
  jobStatusOf,
  jobTitleNameOf,
  pushIdOf,
  selectors,
  type SelectorName,
} from '../../../content/selectors';
import { HAVE_SAMPLES, readSample } from '../../samples';

/**
 * Each selector's expected count in the real Treeherder markup (../shared/samples/treeherder, rendered
 * from mozilla/treeherder dc3080dd7: 10 try pushes, details panel of a selected testfailed job).
 */
const expectations: Record<'collapsed' | 'expanded', Record<SelectorName, number>> = {
  collapsed: {
    // The samples hold the push list and the details panel, not the top bar: the real-build e2e
    // (test/e2e/real-treeherder.e2e.ts) checks navbarLogo on the whole page.
    navbarLogo: 0,
    pushList: 1,
    pushListReady: 1,
    push: 10,
    pushHeader: 10,
    pushButtons: 10,
    pushTitle: 10,
    pushRevisionLink: 10,
    revision: 20,
    jobButton: 17,
    jobRow: 15,
    failingJobButton: 4,
    failingJobButtonInside: 4,
    groupCountButton: 1,
    platformGroup: 4,
    selectedJob: 0,
    detailsPanel: 1,
    actionBar: 1,
    detailsTabHeaders: 1,
    detailsTabInside: 4,
    detailsTabButtonsInside: 1,
    retriggerButton: 1,
    backfillButton: 1,
  },
  expanded: {
    navbarLogo: 0,
    pushList: 1,
    pushListReady: 1,
    push: 10,
    pushHeader: 10,
    pushButtons: 10,
    pushTitle: 10,
    pushRevisionLink: 10,
    revision: 20,
    jobButton: 23,
    jobRow: 15,
    failingJobButton: 4,
    failingJobButtonInside: 4,
    groupCountButton: 0,
    platformGroup: 4,
    selectedJob: 0,
    detailsPanel: 1,
    actionBar: 1,
    detailsTabHeaders: 1,
    detailsTabInside: 4,
    detailsTabButtonsInside: 1,
    retriggerButton: 1,
    backfillButton: 1,
  },
};

describe.skipIf(!HAVE_SAMPLES)('selectors against real Treeherder markup', () => {
  for (const variant of ['collapsed', 'expanded'] as const) {
    describe(variant, () => {
      beforeEach(() => {
        document.body.innerHTML =
          readSample(`treeherder/rendered-jobs-view-${variant}.html`) +
          readSample('treeherder/rendered-details-panel.html');
      });
      it.each(Object.keys(selectors) as SelectorName[])('%s', (name) => {
        expect(document.querySelectorAll(selectors[name]).length).toBe(expectations[variant][name]);
      });
      it('reads push ids, job ids, statuses and job type names', () => {
        const pushes = Array.from(document.querySelectorAll(selectors.push));
        expect(pushes.map(pushIdOf).every((id) => typeof id === 'number' && id > 0)).toBe(true);
        const failing = Array.from(document.querySelectorAll(selectors.failingJobButton));
        expect(failing.map(jobStatusOf).sort()).toEqual(['busted', 'testfailed', 'testfailed', 'testfailed']);
        for (const button of failing) {
          expect(jobIdOf(button)).toBeGreaterThan(0);
          expect(jobTitleNameOf(button)).toMatch(/\S/);
        }
      });
    });
  }
});

describe('selector helpers', () => {
  const make = (html: string) => {
    const host = document.createElement('div');
    host.innerHTML = html;
    return host.firstElementChild!;
  };
  it('reads a push id only from push-<digits>', () => {
    expect(pushIdOf(make('<div data-testid="push-1592793"></div>'))).toBe(1592793);
    expect(pushIdOf(make('<div data-testid="push-header"></div>'))).toBeUndefined();
  });
  it('treats runnable pseudo-job ids as no job id', () => {
    expect(jobIdOf(make('<button data-job-id="497001001"></button>'))).toBe(497001001);
    expect(jobIdOf(make('<button data-job-id="1592793test-linux"></button>'))).toBeUndefined();
  });
  it('falls back to legacy btn-* classes, then the title, for the status', () => {
    expect(jobStatusOf(make('<button class="btn btn-orange-classified"></button>'))).toBe('testfailed');
    expect(
      jobStatusOf(make('<button title="test-linux1804-64-qr/debug-mochitest-plain - busted - 3 mins"></button>')),
    ).toBe('busted');
    expect(
      jobTitleNameOf(
        make('<button title="test-linux1804-64-qr/debug-mochitest-plain - testfailed - 32 mins"></button>'),
      ),
    ).toBe('test-linux1804-64-qr/debug-mochitest-plain');
  });
});
