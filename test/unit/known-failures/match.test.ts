import { describe, expect, it } from 'vitest';
import {
  bestBugFor,
  bugMatchScore,
  classifyFailure,
  isNewFailureLine,
  type SuggestedBugLike,
  type SuggestionLine,
} from '../../../src/known-failures/match';
import { applyLinePrior, linePriorOf, withKnownBug } from '../../../src/known-failures/line-prior';

const bug = (id: number | null, summary: string, extra: Partial<SuggestedBugLike> = {}): SuggestedBugLike => ({
  id,
  status: 'NEW',
  resolution: '',
  summary,
  keywords: 'intermittent-failure',
  crash_signature: '',
  ...extra,
});
const PATH = 'toolkit/content/tests/browser/browser_suspend_videos_outside_viewport.js';
const line = (message: string, open: SuggestedBugLike[], extra: Partial<SuggestionLine> = {}): SuggestionLine => ({
  search: `TEST-UNEXPECTED-FAIL | ${PATH} | ${message}`,
  search_terms: ['browser_suspend_videos_outside_viewport.js'],
  path_end: PATH,
  bugs: { open_recent: open, all_others: [] },
  line_number: 1200,
  counter: 3,
  failure_new_in_rev: false,
  ...extra,
});

describe('bug matching', () => {
  const timeout = bug(1643980, `Intermittent ${PATH} | Test timed out -`);
  const decoding = bug(1643981, `Intermittent ${PATH} | video decoding is suspended - false == true`);

  it('prefers the open intermittent whose summary repeats the failure message', () => {
    const l = line('video decoding is suspended - false == true - got false, expected true', [timeout, decoding]);
    expect(bugMatchScore(decoding, l)).toBeGreaterThan(bugMatchScore(timeout, l));
    expect(bestBugFor(l)).toEqual({
      id: 1643981,
      summary: decoding.summary,
      status: 'NEW',
      url: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1643981',
    });
  });

  it('skips closed bugs, bugs not filed as intermittents, internal issues and summaries without the test', () => {
    const closed = bug(1, `Intermittent ${PATH} | Test timed out`, { resolution: 'FIXED', status: 'RESOLVED' });
    const notIntermittent = bug(2, `${PATH} crashes on start`, { keywords: 'crash' });
    const internal = bug(null, `Intermittent ${PATH} | Test timed out`);
    const elsewhere = bug(3, 'Intermittent dom/base/test/test_other.html | Test timed out');
    const l = line('Test timed out', [closed, notIntermittent, internal, elsewhere]);
    expect(bestBugFor(l)).toBeUndefined();
    // The title alone marks an intermittent when the keyword is missing.
    expect(
      bestBugFor(line('Test timed out', [bug(4, `Intermittent ${PATH} | Test timed out`, { keywords: '' })]))?.id,
    ).toBe(4);
  });

  it('matches a crash by its signature', () => {
    const crashLine: SuggestionLine = {
      search: 'PROCESS-CRASH | application crashed [@ mozilla::dom::Foo::Bar] | dom/base/test/test_a.html',
      search_terms: ['application crashed [@ mozilla::dom::Foo::Bar]'],
      path_end: null,
      bugs: {
        open_recent: [bug(77, 'Intermittent crash in Foo', { crash_signature: '[@ mozilla::dom::Foo::Bar]' })],
        all_others: [],
      },
    };
    expect(bestBugFor(crashLine)?.id).toBe(77);
  });

  it('ignores a line with more open bugs than Treeherder shows (too generic)', () => {
    const many = Array.from({ length: 21 }, (_, i) => bug(100 + i, `Intermittent ${PATH} | Test timed out`));
    expect(bestBugFor(line('Test timed out', many))).toBeUndefined();
  });
});

describe('classifyFailure', () => {
  it('a known intermittent: the first line with a matching open bug', () => {
    const knowledge = classifyFailure(
      [
        { search: 'Return', search_terms: [], path_end: null, bugs: { open_recent: [], all_others: [] } },
        line('Test timed out', [bug(9, `Intermittent ${PATH} | Test timed out`)]),
      ],
      'autoland',
    );
    expect(knowledge).toMatchObject({ kind: 'known-intermittent', bug: { id: 9 }, lineNumber: 1200 });
  });

  it('a new failure: Treeherder’s rule (three-part line, new in the revision; on try also never seen)', () => {
    const fresh = line('Got 0, expected 1', [], { failure_new_in_rev: true });
    expect(classifyFailure([fresh], 'autoland')).toEqual({ kind: 'new-failure', line: fresh.search, lineNumber: 1200 });
    expect(isNewFailureLine(line('x', [], { counter: 0 }), 'try')).toBe(true);
    expect(isNewFailureLine(line('x', [], { counter: 0 }), 'autoland')).toBe(false);
    expect(
      isNewFailureLine({ ...fresh, search: '[task 2026-01-01] Error: exit code 2' }, 'autoland'),
      'not a test failure line',
    ).toBe(false);
  });

  it('nothing known when no line is new and no open intermittent matches', () => {
    expect(classifyFailure([line('Got 0, expected 1', [])], 'autoland')).toMatchObject({ kind: 'nothing-known' });
    expect(classifyFailure([], 'autoland')).toEqual({ kind: 'nothing-known', line: undefined });
  });
});

describe('the line prior', () => {
  const known = classifyFailure(
    [line('Test timed out', [bug(9, `Intermittent ${PATH} | Test timed out`)])],
    'autoland',
  );
  const history = { flakeAlpha: 1, flakeBeta: 51, noCulprit: 0.3 };

  it('a known intermittent seen often lately sets the line’s flake prior from its recent rate', () => {
    const prior = linePriorOf(known, { failures: 12, pushes: 40, days: 7 });
    expect(prior.source).toBe('known-intermittent');
    expect(prior.flake!.alpha / (prior.flake!.alpha + prior.flake!.beta)).toBeCloseTo((1 + 15) / 52, 10);
    expect(prior.sentence).toMatch(/bug 9 failed on 12 of 40 pushes in the last 7 days.*near 31 %/);
    const applied = applyLinePrior(history, prior);
    expect(applied).toEqual({ flakeAlpha: 16, flakeBeta: 36, noCulprit: 0.3 });
  });

  it('a rarely seen known intermittent leaves the job’s history in charge but is still named', () => {
    const prior = linePriorOf(known, { failures: 1, pushes: 40, days: 7 });
    expect(prior).toMatchObject({ source: 'job-history', bug: { id: 9 } });
    expect(applyLinePrior(history, prior)).toEqual(history);
    expect(linePriorOf(known, undefined)).toMatchObject({ source: 'job-history', bug: { id: 9 } });
    expect(withKnownBug('No culprit.', prior)).toBe(
      `No culprit. Known intermittent: bug 9 (Intermittent ${PATH} | Test timed out).`,
    );
  });

  it('a line new in this revision lowers the no-culprit prior', () => {
    const prior = linePriorOf({ kind: 'new-failure', line: 'x' }, undefined);
    expect(applyLinePrior(history, prior)).toEqual({ ...history, noCulprit: 0.1 });
    expect(prior.sentence).toMatch(/new in this revision/);
    expect(withKnownBug('Culprit: push 3.', prior)).toBe('Culprit: push 3.');
  });
});
