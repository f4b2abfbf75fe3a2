import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmPageBundle } from './page/serve';
import { startFakeCi, type FakeCi } from './server';
import { EPOCH } from './test-helpers';

type PageWindow = InstanceType<typeof Window>;

/** Loads the fake jobs page into happy-dom (HTML shell + the served bundle) and waits for `.ready`. */
async function openPage(fake: FakeCi, query: string): Promise<PageWindow> {
  const html = await (await fetch(`${fake.url}/jobs?${query}`)).text();
  const js = await (await fetch(`${fake.url}/fake-page/app.js`)).text();
  const window = new Window({ url: `${fake.url}/jobs?${query}` });
  window.document.write(html.replace(/<script[^>]*><\/script>/, ''));
  window.eval(js);
  await until(() => !!window.document.querySelector('#push-list > span.hidden.ready'), 'page ready');
  return window;
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the fake jobs page', () => {
  let fake: FakeCi;
  const windows: PageWindow[] = [];
  beforeAll(async () => {
    await warmPageBundle();
    fake = await startFakeCi({ scenario: 'default', timeScale: 0, epochMs: EPOCH, pollIntervalMs: 60_000 });
  });
  afterAll(async () => {
    for (const w of windows) await w.happyDOM.close();
    await fake.close();
  });

  it('serves the HTML shell and the script', async () => {
    const html = await fetch(`${fake.url}/jobs?repo=autoland`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<div id="details-panel" class="details-panel-slide"></div>');
    const js = await fetch(`${fake.url}/fake-page/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
  });

  it('renders the push list like the real jobs view (collapsed groups)', async () => {
    const w = await openPage(fake, 'repo=autoland');
    windows.push(w);
    const d = w.document;
    const list = d.querySelector('#push-list')!;
    expect(list.getAttribute('role')).toBe('list');
    expect(list.firstElementChild?.matches('span.hidden.ready')).toBe(true);
    expect(list.lastElementChild?.matches('div.card.get-next')).toBe(true);
    expect(
      d.querySelectorAll('[data-testid="get-next-10"], [data-testid="get-next-20"], [data-testid="get-next-50"]'),
    ).toHaveLength(3);
    const roots = [...list.querySelectorAll('div.push[data-testid^="push-"]')];
    expect(roots.map((r) => r.getAttribute('data-testid'))).toEqual(
      fake.truth.pushes
        .slice(-10)
        .reverse()
        .map((p) => `push-${p.id}`),
    );
    for (const root of roots) {
      expect(root.firstElementChild?.outerHTML).toBe('<div></div>');
      expect(
        root.querySelector(
          ':scope > div.push-header[data-testid="push-header"] > div.push-bar > span.push-buttons button.pin-all-jobs-btn',
        ),
      ).not.toBeNull();
      expect(
        root.querySelector('span.push-buttons [data-testid="push-action-menu-button"][title="Action menu"]'),
      ).not.toBeNull();
      expect(root.querySelector('a[title="View only this push"]')?.getAttribute('href')).toMatch(
        /^\/jobs\?repo=autoland&revision=[0-9a-f]{40}$/,
      );
    }
    const tip = fake.truth.pushes.at(-3)!;
    const root = list.querySelector(`div.push[data-testid="push-${tip.id}"]`)!;
    const rev = root.querySelector('div.revision[data-testid="revision"] a.font-monospace')!;
    expect(rev.getAttribute('title')).toBe(`Open revision ${tip.revision} on ${fake.url}/integration/autoland`);
    expect(rev.textContent).toBe(tip.revision.slice(0, 12));
    expect(
      root.querySelector(`table#autoland${tip.id}${tip.revision}.table-hover > tbody > tr > td.platform > span[title]`),
    ).not.toBeNull();

    const button = list.querySelector('button.job-btn[data-job-id]')!;
    expect(button.className).toBe('btn filter-shown job-btn btn-xs');
    expect(button.getAttribute('data-testid')).toBe('job-btn');
    expect(button.getAttribute('title')).toMatch(/^.+ - [a-z]+ - \d+ mins?$/);
    const count = list.querySelector(
      'span.platform-group[data-group-key] > span.job-group > span.group-content > span.group-count-list > button.job-group-count',
    )!;
    expect(count.className).toBe(' btn group-btn btn-xs job-group-count filter-shown');
    expect(count.getAttribute('data-testid')).toBe('job-group-count');
    expect(count.getAttribute('title')).toBe(`${count.textContent} ${count.getAttribute('data-status')} jobs in group`);
    expect(Number(count.textContent)).toBeGreaterThanOrEqual(2);
    for (const b of list.querySelectorAll('.group-job-list > button.job-btn')) {
      const status = b.getAttribute('data-status')!;
      const group = b.closest('.job-group')!;
      const sameStatus = group.querySelectorAll(`.group-job-list > [data-status="${status}"]`).length;
      if (!['testfailed', 'busted', 'exception'].includes(status)) expect(sameStatus).toBe(1);
    }
    const regression = fake.truth.regressions[0]!;
    const failing = list.querySelector(`div.push[data-testid="push-${regression.firstFailurePushId}"]`)!;
    const title = `${regression.label.replace(/-\d+$/, '')} - testfailed - `;
    expect(
      [...failing.querySelectorAll('button.job-btn[data-status="testfailed"]')].some((b) =>
        b.getAttribute('title')?.startsWith(title),
      ),
    ).toBe(true);
    // tier 3 hidden by default
    const tier3 = fake.truth.wasteful.find((x) => x.reason === 'tier3')!;
    expect(
      [...list.querySelectorAll('button.job-btn')].some((b) =>
        b.getAttribute('title')?.startsWith(tier3.label.replace(/-\d+$/, '')),
      ),
    ).toBe(false);
  });

  it('expands groups with group_state=expanded and shows tier 3 with tier=1,2,3', async () => {
    const w = await openPage(fake, 'repo=autoland&group_state=expanded&tier=1,2,3');
    windows.push(w);
    const list = w.document.querySelector('#push-list')!;
    expect(list.querySelectorAll('button.job-group-count')).toHaveLength(0);
    expect(list.querySelectorAll('.platform-group .small').length).toBeGreaterThan(0);
    expect([...list.querySelectorAll('.group-symbol .small')].some((s) => s.textContent === '[tier 3]')).toBe(true);
  });

  it('selects a job on mousedown: classes, selectedTaskRun + popstate, details panel with the action bar', async () => {
    const w = await openPage(fake, 'repo=autoland');
    windows.push(w);
    const d = w.document;
    expect(d.querySelector('#details-panel')?.children).toHaveLength(0);
    let popstates = 0;
    w.addEventListener('popstate', () => popstates++);
    const button = d.querySelector('#push-list button.job-btn[data-status="testfailed"]')!;
    button.dispatchEvent(new w.MouseEvent('mousedown', { bubbles: true, button: 0 }));
    expect(button.className).toBe('btn filter-shown job-btn selected-job btn-lg-xform');
    expect(popstates).toBe(1);
    const url = new URL(w.location.href);
    expect(url.searchParams.get('selectedTaskRun')).toMatch(/^[A-Za-z0-9_-]{22}\.\d+$/);
    expect(d.title).toBe('Treeherder Jobs View');
    const panel = d.querySelector('#details-panel')!;
    expect(panel.querySelector('#actionbar #retrigger-btn')?.getAttribute('title')).toBe('Retrigger job (r)');
    expect(panel.querySelector('#actionbar #pin-job-btn')).not.toBeNull();
    expect(panel.querySelector('#actionbar #find-job-btn')).not.toBeNull();
    expect(panel.querySelector('.dropdown-menu:not(.show) a#backfill-btn')).not.toBeNull();

    // `r` on the document retriggers (reported to the fake); INPUT targets are exempt, TEXTAREA is not.
    const before = fake.state().shortcutRetriggers.length;
    d.body.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'r', bubbles: true }));
    const input = d.createElement('input');
    const textarea = d.createElement('textarea');
    d.body.append(input, textarea);
    input.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'r', bubbles: true }));
    textarea.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'r', bubbles: true }));
    await until(() => fake.state().shortcutRetriggers.length >= before + 2, 'shortcut reports');
    await new Promise((r) => setTimeout(r, 100));
    const reports = fake.state().shortcutRetriggers.slice(before);
    expect(reports.map((r) => r.target)).toEqual(['BODY', 'TEXTAREA']);
    expect(reports[0]).toMatchObject({
      kind: 'keyboard-retrigger',
      jobId: Number(button.getAttribute('data-job-id')),
      key: 'r',
    });

    // mousedown on empty push area clears the selection
    d.querySelector('#push-list table')!.dispatchEvent(new w.MouseEvent('mousedown', { bubbles: true, button: 0 }));
    expect(button.className).toBe('btn filter-shown job-btn btn-xs');
    expect(new URL(w.location.href).searchParams.has('selectedTaskRun')).toBe(false);
  });

  it('re-renders on poll like Treeherder: apply-new-jobs-EVT, reused nodes, className rewritten, new pushes on top', async () => {
    const w = await openPage(fake, 'repo=autoland&poll=100&group_state=expanded');
    windows.push(w);
    const d = w.document;
    const running = d.querySelector(
      '#push-list button.job-btn[data-status="running"], #push-list button.job-btn[data-status="pending"]',
    )!;
    expect(running).not.toBeNull();
    const jobId = running.getAttribute('data-job-id');
    running.classList.add('ext-marker');
    running.setAttribute('data-ext', 'kept');
    let events = 0;
    w.addEventListener('apply-new-jobs-EVT', () => events++);
    fake.advance(3 * 3_600_000);
    const landed = fake.landPush();
    await until(
      () =>
        events > 0 &&
        running.getAttribute('data-status') !== 'running' &&
        running.getAttribute('data-status') !== 'pending',
      'poll re-render',
    );
    expect(d.querySelector(`#push-list button[data-job-id="${jobId}"]`)).toBe(running);
    expect(running.getAttribute('data-ext')).toBe('kept');
    expect(running.classList.contains('ext-marker')).toBe(false);
    await until(() => !!d.querySelector(`#push-list div.push[data-testid="push-${landed.id}"]`), 'landed push');
    expect(d.querySelector('#push-list')!.children[1]?.getAttribute('data-testid')).toBe(`push-${landed.id}`);
  });
});
