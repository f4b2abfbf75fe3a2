// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** What the pages asked the background, in order (pages also ask where the services are, for their links). */
const sent: { type: string; data: unknown }[] = [];
const questions = () => sent.filter((m) => m.type !== 'serviceUrls');
vi.mock('../../../platform/messaging', () => ({
  sendToBackground: async (type: string, data: unknown) => {
    sent.push({ type, data });
    return new Promise(() => undefined);
  },
}));

const REV = 'c7766d0b4a121985a8b07e6721d66ccab57bbf76';
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function fill(form: HTMLFormElement, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const input = form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (!input) throw new Error(`no input ${name}`);
    input.value = value;
  }
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

beforeEach(() => {
  sent.length = 0;
  vi.resetModules();
  document.body.innerHTML = '<div id="app"></div>';
  history.replaceState(null, '', '/report/page.html?repo=autoland');
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('report page forms', () => {
  it('revisions: each form asks its question with the typed values, a push by id or by revision', async () => {
    await import('../../../report/revisions');
    await settle();
    const form = (name: string) =>
      document.querySelector<HTMLFormElement>(`[data-testid="cit-revisions-${name}-form"]`)!;
    expect(form('range').querySelector('label span')?.textContent).toBe('A range: after revision');
    fill(form('range'), { from: REV.slice(0, 12), to: REV });
    await settle();
    fill(form('push'), { push: '4242' });
    await settle();
    fill(form('push'), { push: REV });
    await settle();
    fill(form('gap'), { job: '77' });
    await settle();
    // Issue 16: a pasted Treeherder link names the push and its repository; text that names no push is a sentence.
    fill(form('push'), { push: `https://treeherder.mozilla.org/jobs?repo=mozilla-central&revision=${REV}` });
    await settle();
    fill(form('push'), { push: 'bug 1234' });
    await settle();
    expect(questions()).toEqual([
      { type: 'rangeRevisions', data: { repo: 'autoland', fromRevision: REV.slice(0, 12), toRevision: REV } },
      { type: 'pushRevisions', data: { repo: 'autoland', pushId: 4242 } },
      { type: 'pushRevisions', data: { repo: 'autoland', revision: REV } },
      { type: 'jobGapRevisions', data: { repo: 'autoland', jobId: 77 } },
      { type: 'pushRevisions', data: { repo: 'mozilla-central', revision: REV } },
    ]);
    expect(document.querySelector('[data-testid="cit-revisions-error"]')?.textContent).toMatch(
      /^"bug 1234" is not a push\./,
    );
    expect(new URLSearchParams(location.search).get('repo')).toBe('mozilla-central');
    expect(sent).toContainEqual({ type: 'serviceUrls', data: { repo: 'mozilla-central' } });
  });

  it('artifacts: the search form starts a search of the push it names, in the repository typed above', async () => {
    await import('../../../report/artifacts');
    await settle();
    const repo = document.querySelector<HTMLInputElement>('[data-testid="cit-artifacts-repo"]')!;
    repo.value = 'mozilla-central';
    repo.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    fill(document.querySelector<HTMLFormElement>('[data-testid="cit-search-form"]')!, {
      push: REV,
      pattern: '**/*.dmp',
    });
    await settle();
    expect(questions()).toEqual([
      { type: 'startArtifactSearch', data: { repo: 'mozilla-central', pattern: '**/*.dmp', revision: REV } },
    ]);
  });
});
