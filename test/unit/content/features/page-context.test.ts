// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pushRevisionOf, repoOf, selectedJobIdOf, selectedTaskRunOf } from '../../../../content/page-context';
import { pageHtml, REVISION_A } from './fixture';

describe('page context', () => {
  it('reads the repository, defaulting to autoland like Treeherder', () => {
    expect(repoOf('https://treeherder.mozilla.org/jobs?repo=try&revision=ba9c692786e9')).toBe('try');
    expect(repoOf(new URL('https://treeherder.mozilla.org/jobs?repo=mozilla-central'))).toBe('mozilla-central');
    expect(repoOf('https://treeherder.mozilla.org/jobs')).toBe('autoland');
    expect(repoOf('/jobs?repo=../../etc')).toBe('autoland');
  });

  it('reads the selected task run in its three spellings', () => {
    expect(selectedTaskRunOf('/jobs?repo=try&selectedTaskRun=Fe4GqwoZQSStNUbe4EeSPQ.0')).toEqual({
      taskId: 'Fe4GqwoZQSStNUbe4EeSPQ',
      runId: 0,
    });
    expect(selectedTaskRunOf('/jobs?selectedTaskRun=Fe4GqwoZQSStNUbe4EeSPQ-2')).toEqual({
      taskId: 'Fe4GqwoZQSStNUbe4EeSPQ',
      runId: 2,
    });
    expect(selectedTaskRunOf('/jobs?selectedTaskRun=Fe4GqwoZQSStNUbe4EeSPQ')).toEqual({
      taskId: 'Fe4GqwoZQSStNUbe4EeSPQ',
    });
    expect(selectedTaskRunOf('/jobs?repo=try')).toBeUndefined();
  });

  it('reads a push’s tip revision from its header link', () => {
    document.body.innerHTML = pageHtml([{ id: 1592793, revision: REVISION_A, jobs: [{ id: 1, status: 'success' }] }]);
    expect(pushRevisionOf(document.querySelector('[data-testid="push-1592793"]')!)).toBe(REVISION_A);
    expect(pushRevisionOf(document.createElement('div'))).toBeUndefined();
  });

  it('reads the selected job from #push-list, else from the details panel’s log link', () => {
    document.body.innerHTML = pageHtml(
      [{ id: 1592793, revision: REVISION_A, jobs: [{ id: 1001, status: 'testfailed', selected: true }] }],
      { selectedJobId: 1001 },
    );
    expect(selectedJobIdOf(document)).toBe(1001);
    document.body.innerHTML = pageHtml(
      [{ id: 1592793, revision: REVISION_A, jobs: [{ id: 1001, status: 'testfailed' }] }],
      { selectedJobId: 259539664 },
    );
    expect(selectedJobIdOf(document)).toBe(259539664);
    document.body.innerHTML = pageHtml([
      { id: 1592793, revision: REVISION_A, jobs: [{ id: 1001, status: 'testfailed' }] },
    ]);
    expect(selectedJobIdOf(document)).toBeUndefined();
  });
});
