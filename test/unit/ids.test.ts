import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isRepoName,
  isRevision,
  isTaskId,
  normalizeRevision,
  REPO_NAME_PATTERN,
  RepoNameSchema,
  REVISION_PATTERN,
  RevisionSchema,
  TASK_ID_PATTERN,
  TaskIdSchema,
} from '../../src/ids';
import { PUSH_ID_OR_REVISION_PATTERN, pushLookupOf, pushLookupSchema, pushRefSchema } from '../../src/push-ref';
import { readSample, SAMPLES_DIR, samplesAvailable, samplesNote } from './ci/samples';

const REV = 'c7766d0b4a121985a8b07e6721d66ccab57bbf76';

describe('ids', () => {
  it('takes Treeherder repository names: lowercase letters, digits, "-", "_" and "."', () => {
    for (const name of ['autoland', 'mozilla-central', 'try', 'comm-esr115', 'mozilla-esr128', 'a_b', 'v1.2'])
      expect(isRepoName(name), name).toBe(true);
    for (const name of ['Autoland', 'mozilla central', '', 'auto/land', 'try?x=1'])
      expect(isRepoName(name), name).toBe(false);
    expect(RepoNameSchema.safeParse('Try').error?.issues[0]?.message).toMatch(/is not a repository name/);
  });

  it('takes task ids as slugids: exactly 22 url-safe base64 characters, case kept', () => {
    expect(isTaskId('EJAo7mQyRqS-jmzebhceFA')).toBe(true);
    expect(isTaskId('XrWNyFwpT2in-wLY9frb_w')).toBe(true);
    expect(isTaskId('EJAo7mQyRqS-jmzebhceF')).toBe(false);
    expect(isTaskId('EJAo7mQyRqS-jmzebhceFAx')).toBe(false);
    expect(isTaskId('EJAo7mQyRqS+jmzebhceFA')).toBe(false);
    expect(TaskIdSchema.parse('EJAo7mQyRqS-jmzebhceFA')).toBe('EJAo7mQyRqS-jmzebhceFA');
  });

  it('takes revisions of 12 to 40 hex digits in either case and gives them back lowercase', () => {
    expect(isRevision(REV)).toBe(true);
    expect(isRevision(REV.slice(0, 12))).toBe(true);
    expect(isRevision(REV.slice(0, 11))).toBe(false);
    expect(isRevision(`${REV}0`)).toBe(false);
    expect(isRevision('g7766d0b4a12')).toBe(false);
    expect(normalizeRevision(REV.toUpperCase())).toBe(REV);
    expect(normalizeRevision('not-a-hash')).toBeUndefined();
    expect(RevisionSchema.parse(REV.toUpperCase())).toBe(REV);
    expect(RevisionSchema.safeParse('xyz').success).toBe(false);
  });

  it('gives HTML patterns that agree with the checks, also under the v flag browsers compile them with', () => {
    const cases: [string, string, boolean][] = [
      [REPO_NAME_PATTERN, 'mozilla-central', true],
      [REPO_NAME_PATTERN, 'Mozilla-Central', false],
      [TASK_ID_PATTERN, 'EJAo7mQyRqS-jmzebhceFA', true],
      [TASK_ID_PATTERN, 'EJAo7mQyRqS-jmzebhce', false],
      [REVISION_PATTERN, REV.toUpperCase(), true],
      [PUSH_ID_OR_REVISION_PATTERN, '12345', true],
      [PUSH_ID_OR_REVISION_PATTERN, REV, true],
      [PUSH_ID_OR_REVISION_PATTERN, 'tip', false],
    ];
    for (const [pattern, value, ok] of cases) {
      // As the HTML standard does: ^(?:pattern)$ with the v flag.
      expect(new RegExp(`^(?:${pattern})$`, 'v').test(value), `${pattern} ${value}`).toBe(ok);
    }
  });

  it.skipIf(!samplesAvailable)(`accepts the ids in the real Treeherder and Taskcluster samples${samplesNote}`, () => {
    const repos = readSample('treeherder/repositories.json') as { name: string }[];
    expect(repos.length).toBeGreaterThan(0);
    for (const repo of repos) expect(isRepoName(repo.name), repo.name).toBe(true);
    const text = readdirSync(`${SAMPLES_DIR}treeherder`)
      .filter((file) => file.endsWith('.json'))
      .map((file) => readFileSync(`${SAMPLES_DIR}treeherder/${file}`, 'utf8'))
      .join('\n');
    const revisions = [...text.matchAll(/"(?:revision|push_revision)": ?"([^"]*)"/g)].map((m) => m[1]!);
    const taskIds = [...text.matchAll(/"(?:task_id|taskId|taskGroupId)": ?"([^"]*)"/g)].map((m) => m[1]!);
    expect(revisions.length).toBeGreaterThan(10);
    expect(taskIds.length).toBeGreaterThan(5);
    for (const revision of revisions) expect(normalizeRevision(revision), revision).toBe(revision);
    for (const taskId of taskIds) expect(isTaskId(taskId), taskId).toBe(true);
  });
});

describe('push references', () => {
  it('a push ref needs repository, id and revision; a lookup needs only the repository', () => {
    const ref = pushRefSchema.parse({ repo: 'autoland', pushId: 7, revision: REV.toUpperCase() });
    expect(ref).toEqual({ repo: 'autoland', pushId: 7, revision: REV });
    expect(pushRefSchema.safeParse({ repo: 'autoland', pushId: 7 }).success).toBe(false);
    expect(pushLookupSchema.parse({ repo: 'autoland', revision: REV })).toEqual({ repo: 'autoland', revision: REV });
    expect(pushLookupSchema.safeParse({ repo: 'autoland', pushId: 0 }).success).toBe(false);
  });

  it('reads what a person typed: digits are a push id, anything else a revision', () => {
    expect(pushLookupOf('1234')).toEqual({ pushId: 1234 });
    expect(pushLookupOf(REV)).toEqual({ revision: REV });
  });
});
