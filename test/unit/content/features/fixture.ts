/**
 * A hand-made page in Treeherder's jobs-view shape (treeherder.md §1.4, mozilla/treeherder
 * ui/job-view/pushes/{Push,PushHeader,JobButton}.jsx): pushes with a header and a job table, and the
 * details panel's action bar. Values are invented.
 */
export interface FixtureJob {
  id: number;
  status: string;
  name?: string;
  symbol?: string;
  selected?: boolean;
}
export interface FixturePush {
  id: number;
  revision: string;
  jobs: FixtureJob[];
}

export const REVISION_A = '9c6e4c31ad26efdad0b9af47a2b530bc414ce2c3';
export const REVISION_B = 'ba9c692786e95143b8df3f4b3e9b504dfbc589a0';

export function jobButtonHtml(job: FixtureJob): string {
  const name = job.name ?? 'test-linux1804-64-qr/debug-mochitest-plain';
  const size = job.selected ? 'selected-job btn-lg-xform' : 'btn-xs';
  return (
    `<button type="button" class="btn filter-shown job-btn ${size}" data-job-id="${job.id}" data-status="${job.status}"` +
    ` data-testid="job-btn" title="${name} - ${job.status} - 32 mins">${job.symbol ?? String(job.id % 10)}</button>`
  );
}

export function pushHtml(push: FixturePush, repo = 'autoland'): string {
  return `<div class="push" data-testid="push-${push.id}"><div></div>
  <div class="push-header" data-testid="push-header"><div class="push-bar">
    <span class="push-left"><span class="push-title-left"><span>
      <a href="/jobs?repo=${repo}&revision=${push.revision}" title="View only this push">Fri, Feb 28, 18:27:41 </a> - </span>
      <a href="/jobs?repo=${repo}&author=hacker0%40example.com">hacker0@example.com</a></span></span>
    <span class="push-counts badge bg-danger" title="1 jobs failed">1 job failed</span>
    <div><span class="push-progress"><span>- Complete -</span></span></div>
    <span class="push-buttons">
      <button type="button" class="btn btn-sm btn-push pin-all-jobs-btn" title="Pin all available jobs in this push"></button>
      <div class="btn-group dropdown"><button type="button" class="btn-push dropdown-toggle btn btn-primary btn-sm" title="Action menu" data-testid="push-action-menu-button"></button></div>
    </span>
  </div></div>
  <div class="push-body-divider"></div>
  <div class="push g-1 flex-nowrap ms-5 row"><div class="col-5"></div>
    <div class="job-list job-list-pad col-7"><div><table id="${repo}${push.id}${push.revision}" class="table-hover"><tbody><tr>
      <td class="platform"><span title="Linux 18.04 debug">Linux 18.04 debug</span></td>
      <td class="job-row"><span class="platform-group" data-group-key="${push.id}M1linux1804-64-qrdebug">
        <span class="disabled job-group" title="Mochitests"><button class="btn group-symbol">M</button>
          <span class="group-content"><span class="group-job-list">${push.jobs.map(jobButtonHtml).join('')}</span>
          <span class="group-count-list"></span></span></span></span></td>
    </tr></tbody></table></div></div>
  </div></div>`;
}

/** The children of #push-list: the ready marker, then the pushes. */
export function pushListInnerHtml(pushes: FixturePush[], repo = 'autoland'): string {
  return `<span class="hidden ready"></span>${pushes.map((push) => pushHtml(push, repo)).join('')}`;
}

export function pageHtml(pushes: FixturePush[], options: { selectedJobId?: number; repo?: string } = {}): string {
  const actionBar =
    options.selectedJobId === undefined
      ? ''
      : `<div id="actionbar"><nav class="navbar navbar-dark details-panel-navbar"><ul class="nav actionbar-nav">
      <li><a class="logviewer-btn" data-testid="logviewer-btn" href="/logviewer?job_id=${options.selectedJobId}&repo=${options.repo ?? 'autoland'}&task=Fe4GqwoZQSStNUbe4EeSPQ.0">log</a></li>
      <li><button type="button" id="retrigger-btn" title="Retrigger job (r)"></button></li></ul></nav></div>`;
  // The tab row of the details panel (rendered-details-panel.html): tabs, then PinBoard and close at its end.
  const tabs =
    options.selectedJobId === undefined
      ? ''
      : `<span class="job-tabs-divider"></span><div id="tabs-panel" role="region" aria-label="Job"><div class="react-tabs">
      <div class="tab-headers-wrapper"><ul class="tab-headers" role="tablist"><span class="tab-header-tabs">
        <li class="react-tabs__tab" role="tab">Artifacts and Debugging Tools</li>
        <li class="react-tabs__tab selected-tab" role="tab">Failure Summary</li></span>
        <span id="tab-header-buttons" class="details-panel-controls pull-right">
          <button type="button" id="pinboard-btn">PinBoard</button><button type="button" aria-label="Close"></button></span>
      </ul></div></div></div>`;
  return `<div id="root"><div id="th-global-content"><span class="th-view-content">
    <div role="list" id="push-list">${pushListInnerHtml(pushes, options.repo)}</div>
  </span></div>
  <div id="details-panel" class="details-panel-slide"><div id="details-panel-content">
    <div id="summary-panel" data-testid="summary-panel">${actionBar}</div>${tabs}</div></div></div>`;
}

/** Lets the shared observer run its batch (requestAnimationFrame) and the layer its update (microtask). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Resolves pending promise callbacks (background replies). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

export const testids = (id: string) => document.querySelectorAll(`[data-testid="${id}"]`);
export const byTestid = <T extends HTMLElement = HTMLElement>(id: string, root: ParentNode = document): T => {
  const found = root.querySelector<T>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no [data-testid="${id}"]`);
  return found;
};

export const TASK_ID = 'Fe4GqwoZQSStNUbe4EeSPQ';
export const LABEL = 'test-linux1804-64-qr/debug-mochitest-plain-1';

/** describeJob's answer for a job of the fixture (protocol JobDescription). */
export function describedJob(jobId: number, pushId = 1592793, revision = REVISION_A) {
  return {
    jobId,
    taskId: TASK_ID,
    retryId: 0,
    label: LABEL,
    symbol: '1',
    groupSymbol: 'M',
    platform: 'linux1804-64-qr',
    pushId,
    revision,
    state: 'completed',
    result: 'testfailed',
    tier: 1,
  };
}

export function gapOf(gap: number) {
  return {
    gap,
    lastRun: { pushId: 1592700, revision: REVISION_B, results: ['success'] },
    searched: gap + 1,
    beyondLimit: false,
  };
}

export const cost = (tasks: number) => ({ tasks, machineMinutes: tasks * 20, labelsWithoutHistory: [] });

type Handler = (data: Record<string, unknown>) => unknown;
/**
 * A canned background: one handler per message type, answering like the real protocol. Unknown
 * types throw the way the background's router would.
 */
export function cannedBackground(handlers: Record<string, Handler>) {
  return async (type: string, data: unknown): Promise<unknown> => {
    const handler = handlers[type];
    if (!handler) throw new Error(`No handler for ${type}`);
    return handler(data as Record<string, unknown>);
  };
}

/**
 * A click as the browser makes it for the user's own gesture (`isTrusted: true`, which page scripts cannot
 * set). `element.click()` and `dispatchEvent()` from a script make untrusted events, which costly buttons
 * ignore (content/ui/gesture.ts); tests of what a user does click like this.
 */
export function userClick(target: Element): void {
  target.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 })));
}

/** A key press as the user's own (trusted) keydown. */
export function userKeydown(target: Element, key: string): void {
  target.dispatchEvent(trusted(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));
}

function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/**
 * happy-dom has no layout, and its IntersectionObserver never reports. The badges ask for their data when
 * their anchor is in view (content/controls/viewport-first.ts); here every observed element is in view, as on
 * a page one screen tall. test/unit/content/viewport-first.test.ts covers the ordering itself.
 */
class EverythingInView {
  constructor(private readonly callback: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void) {}
  observe(target: Element): void {
    queueMicrotask(() => this.callback([{ target, isIntersecting: true }]));
  }
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof window !== 'undefined')
  Object.assign(globalThis, { IntersectionObserver: EverythingInView as unknown as typeof IntersectionObserver });
