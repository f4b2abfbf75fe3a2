/**
 * Issue 16, item 8: the revisions page takes what a sheriff has — a push id, a revision, a Treeherder or hg link —
 * and every page links pushes, job types and tasks to Treeherder and Taskcluster the same way.
 */
import { describe, expect, it } from 'vitest';
import {
  hgPushlogUrl,
  taskclusterGroupUrl,
  taskclusterTaskUrl,
  treeherderJobTypeUrl,
  treeherderPushUrl,
  treeherderTaskRunUrl,
} from '../../src/links';
import { parsePushInput } from '../../src/push-input';

const REV = 'e71ac6b21ca2f4b5a0e1d2c3b4a5968778695a4b';

describe('parsePushInput', () => {
  it('push ids and revisions as typed', () => {
    expect(parsePushInput(' 1600015 ')).toEqual({ kind: 'push', push: '1600015' });
    expect(parsePushInput('E71AC6B21CA2')).toEqual({ kind: 'push', push: 'e71ac6b21ca2' });
    expect(parsePushInput(REV)).toEqual({ kind: 'push', push: REV });
  });

  it('a Treeherder jobs URL, old and new, with its repository', () => {
    expect(parsePushInput(`https://treeherder.mozilla.org/jobs?repo=autoland&revision=${REV}`)).toEqual({
      kind: 'push',
      push: REV,
      repo: 'autoland',
    });
    expect(
      parsePushInput(`https://treeherder.mozilla.org/#/jobs?repo=mozilla-central&revision=${REV}&selectedTaskRun=x.0`),
    ).toEqual({ kind: 'push', push: REV, repo: 'mozilla-central' });
    expect(parsePushInput(`https://treeherder.mozilla.org/push-health/push?repo=try&revision=${REV}`)).toMatchObject({
      push: REV,
      repo: 'try',
    });
    expect(
      parsePushInput(
        `http://127.0.0.1:8045/jobs?repo=autoland&fromchange=${REV.slice(0, 12)}&tochange=${'a'.repeat(40)}`,
      ),
    ).toEqual({ kind: 'range', from: REV.slice(0, 12), to: 'a'.repeat(40), repo: 'autoland' });
  });

  it('hg links name their repository by the path', () => {
    expect(parsePushInput(`https://hg.mozilla.org/integration/autoland/rev/${REV}`)).toEqual({
      kind: 'push',
      push: REV,
      repo: 'autoland',
    });
    expect(parsePushInput(`https://hg.mozilla.org/mozilla-central/pushloghtml?changeset=${REV}`)).toEqual({
      kind: 'push',
      push: REV,
      repo: 'mozilla-central',
    });
  });

  it('anything else is a sentence saying what is accepted', () => {
    const noPush = parsePushInput('https://treeherder.mozilla.org/jobs?repo=autoland');
    expect(noPush).toMatchObject({ kind: 'invalid', sentence: expect.stringMatching(/names no push/) });
    expect(parsePushInput('bug 1234')).toMatchObject({
      kind: 'invalid',
      sentence: expect.stringMatching(/^"bug 1234" is not a push\. Give a push id, a revision/),
    });
    expect(parsePushInput('https://[oops')).toMatchObject({ kind: 'invalid' });
  });
});

describe('links', () => {
  it('Treeherder: a push, a task run, a job type (tier 3 shown)', () => {
    expect(treeherderPushUrl('https://treeherder.mozilla.org/', 'autoland', REV)).toBe(
      `https://treeherder.mozilla.org/jobs?repo=autoland&revision=${REV}`,
    );
    expect(treeherderTaskRunUrl('http://x', 'autoland', REV, 'AbCdEfGhIjKlMnOpQrStUv', 2)).toBe(
      `http://x/jobs?repo=autoland&revision=${REV}&selectedTaskRun=AbCdEfGhIjKlMnOpQrStUv.2`,
    );
    expect(treeherderJobTypeUrl('http://x', 'autoland', 'test-linux/opt-mochitest 1', { tier: 3 })).toBe(
      'http://x/jobs?repo=autoland&searchStr=test-linux%2Fopt-mochitest%201&tier=1%2C2%2C3',
    );
    expect(treeherderJobTypeUrl('http://x', 'autoland', 'a', { revision: REV, tier: 1 })).toBe(
      `http://x/jobs?repo=autoland&revision=${REV}&searchStr=a`,
    );
  });

  it('Taskcluster and hg', () => {
    expect(taskclusterTaskUrl('https://tc.example/', 'AbCdEfGhIjKlMnOpQrStUv')).toBe(
      'https://tc.example/tasks/AbCdEfGhIjKlMnOpQrStUv',
    );
    expect(taskclusterTaskUrl('https://tc.example', 'AbCdEfGhIjKlMnOpQrStUv', 0)).toBe(
      'https://tc.example/tasks/AbCdEfGhIjKlMnOpQrStUv/runs/0',
    );
    expect(taskclusterGroupUrl('https://tc.example', 'G')).toBe('https://tc.example/tasks/groups/G');
    expect(hgPushlogUrl('https://hg.mozilla.org/integration/autoland/', REV)).toBe(
      `https://hg.mozilla.org/integration/autoland/pushloghtml?changeset=${REV}`,
    );
  });
});
