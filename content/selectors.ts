/**
 * Every Treeherder selector the extension uses, in one place. Each is checked by
 * test/unit/content/selectors.test.ts against the real rendered markup in ../shared/samples/treeherder
 * and against the fake CI's page. Prefer hooks Treeherder's own tests rely on (data-testid, ids).
 * Always scope job queries to #push-list: the pinboard also has job buttons.
 */
export const selectors = {
  /** Treeherder's logo menu at the left of its top bar; free room follows it up to the right-hand menus. */
  navbarLogo: '#th-global-navbar-top #th-logo',
  /** The list of pushes; everything we decorate lives under it. */
  pushList: '#push-list',
  /** Present once every push's jobs have loaded (first child of #push-list). */
  pushListReady: '#push-list > span.hidden.ready',
  /** A push root. `div.push.row` (the body) also has class `push`, hence the data-testid prefix. */
  push: '#push-list div.push[data-testid^="push-"]',
  pushHeader: 'div.push-header[data-testid="push-header"]',
  pushButtons: 'span.push-buttons',
  /** The push's title (collapse icon, date link, author); free room follows it in the push bar. */
  pushTitle: 'span.push-title-left',
  /** Tip revision link in the push header (title "View only this push"). */
  pushRevisionLink: 'a[title="View only this push"]',
  /** Revision rows in a push body. */
  revision: 'div.revision[data-testid="revision"]',
  /** A job button with a Treeherder job id (runnable pseudo-jobs have non-numeric ids). */
  jobButton: '#push-list button.job-btn[data-job-id]',
  /**
   * Failing job buttons: the ones that get backfill/retrigger/bisect controls. One selector with :is(),
   * not a list of three: the observe helper runs it on every batch, and on a 50-push page (46k nodes)
   * Chromium answers the single selector in 0.8 ms against 2.3 ms for the list (`npm run bench`).
   */
  failingJobButton:
    '#push-list button.job-btn[data-job-id]:is([data-status="testfailed"], [data-status="busted"], [data-status="exception"])',
  /** The same, for a query inside one element of #push-list (a job row). */
  failingJobButtonInside:
    'button.job-btn[data-job-id]:is([data-status="testfailed"], [data-status="busted"], [data-status="exception"])',
  /** A platform's row of job groups (the cell right of the platform name): free room follows its last group. */
  jobRow: '#push-list td.job-row',
  /** Collapsed-group count buttons ("+3"). */
  groupCountButton: '#push-list button.job-group-count[data-testid="job-group-count"]',
  platformGroup: '#push-list span.platform-group[data-group-key]',
  /** The selected job (scoped: pinned jobs are also .selected-job). */
  selectedJob: '#push-list button.job-btn.selected-job',
  detailsPanel: '#details-panel',
  actionBar: '#details-panel #actionbar',
  /**
   * The details panel's tab row (right of the 310 px summary panel): its tabs on the left, Treeherder's
   * PinBoard and close buttons (#tab-header-buttons) at its right end, and free room between them.
   */
  detailsTabHeaders: '#details-panel #tabs-panel ul.tab-headers',
  /** Inside the tab row: its tabs, and Treeherder's buttons at its end. */
  detailsTabInside: '[role="tab"]',
  detailsTabButtonsInside: '#tab-header-buttons',
  retriggerButton: '#details-panel #retrigger-btn',
  backfillButton: '#details-panel #backfill-btn',
} as const;

export type SelectorName = keyof typeof selectors;

/** Statuses Treeherder treats as failures (buttons always shown, never aggregated into counts). */
export const FAILING_STATUSES = ['testfailed', 'busted', 'exception'] as const;

/** Reads the numeric push id from a push root's data-testid ("push-1592793"). */
export function pushIdOf(pushRoot: Element): number | undefined {
  const match = /^push-(\d+)$/.exec(pushRoot.getAttribute('data-testid') ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Reads the Treeherder job id of a job button; undefined for runnable pseudo-jobs. */
export function jobIdOf(button: Element): number | undefined {
  const raw = button.getAttribute('data-job-id') ?? '';
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** Status of a job button: data-status first, then legacy btn-* classes, then the title. */
export function jobStatusOf(button: Element): string | undefined {
  const status = button.getAttribute('data-status');
  if (status) return status;
  const legacy: Record<string, string> = {
    'btn-red': 'busted',
    'btn-purple': 'exception',
    'btn-orange': 'testfailed',
    'btn-green': 'success',
    'btn-dkgray': 'running',
    'btn-ltgray': 'pending',
    'btn-dkblue': 'retry',
    'btn-pink': 'usercancel',
  };
  for (const cls of Array.from(button.classList)) {
    const base = cls.replace(/-classified$/, '');
    if (legacy[base]) return legacy[base];
  }
  return /^.* - (\w+) - /.exec(button.getAttribute('title') ?? '')?.[1];
}

/** The job type name from a job button's title ("<job_type_name w/o chunk> - <status> - N mins"). */
export function jobTitleNameOf(button: Element): string | undefined {
  return /^(.*) - \w+ - /.exec(button.getAttribute('title') ?? '')?.[1];
}
