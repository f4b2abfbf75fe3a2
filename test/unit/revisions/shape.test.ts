import { describe, expect, it } from 'vitest';
import type { PushlogEntry, RelevantChangeset } from '../../../src/ci';
import { AutomationRelevanceSchema } from '../../../src/ci';
import { backoutOf, bugsIn, firstLine } from '../../../src/revisions/describe';
import { loadRangeRevisions, MAX_RANGE_PUSHES, type RevisionSources } from '../../../src/revisions/load';
import { pushFromPushlog, pushFromRelevance, summarizeRange } from '../../../src/revisions/shape';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = '0123456789ab' + 'd'.repeat(28);

describe('describe', () => {
  it('reads the first line and the bugs of a description', () => {
    expect(firstLine('Bug 1948118 - Reword an error message; r=dminor\n\nDifferential Revision: https://…')).toBe(
      'Bug 1948118 - Reword an error message; r=dminor',
    );
    expect(bugsIn('Bug 1948118 - fix; also bug #1900001 and Bug 1948118')).toEqual(['1948118', '1900001']);
    expect(bugsIn('No bug - tidy up, r=me')).toEqual([]);
  });

  it.each([
    ['Backed out changeset 0123456789ab (bug 1234567) for causing mochitest failures', true, ['0123456789ab']],
    [
      'Backed out 2 changesets (bug 1, bug 2) for build bustage\n\nBacked out changeset 0123456789ab (bug 1)\nBacked out changeset abcdefabcdef (bug 2)',
      true,
      ['0123456789ab', 'abcdefabcdef'],
    ],
    ['Backout bug 1234567 for crashes', true, []],
    ['Revert "Bug 1 - x" for test failures', true, []],
    ['Bug 1 - Make the back out button work (mentions changeset 0123456789ab)', false, []],
  ])('%s → backout %s', (desc, isBackout, nodes) => {
    expect(backoutOf(desc)).toEqual({ isBackout, backsOut: nodes });
  });

  it('merges the pushlog backsoutnodes with the hashes in the text, one per commit', () => {
    expect(backoutOf('Backed out changeset 0123456789ab (bug 1)', [D], C)).toEqual({
      isBackout: true,
      backsOut: [D],
      backedOutBy: C,
    });
    expect(backoutOf('Bug 5 - unusual wording', [D])).toEqual({ isBackout: true, backsOut: [D] });
  });
});

function relevant(node: string, desc: string, files: string[], extra: Record<string, unknown> = {}): RelevantChangeset {
  return AutomationRelevanceSchema.parse({
    changesets: [
      {
        node,
        desc,
        files,
        parents: [A],
        pushid: 232990,
        pushhead: B,
        pushdate: [1740767261, 0],
        bugs: [{ no: 1 }],
        backsoutnodes: [],
        author: 'Hacker <h@example.com>',
        pushuser: 'h@example.com',
        ...extra,
      },
    ],
  }).changesets[0]!;
}

describe('pushFromRelevance', () => {
  it('lists the tip first, with authors, bugs, files and backout markers', () => {
    const push = pushFromRelevance(
      [
        relevant(A, 'Bug 1 - first; r=x', ['dom/a.cpp', 'dom/b.cpp'], { backedoutby: C }),
        relevant(B, 'Backed out changeset 0123456789ab (bug 2) for failures', ['dom/a.cpp'], {
          backsoutnodes: [{ node: D }],
          bugs: [{ no: 2 }],
        }),
      ],
      { pushId: 77 },
    );
    expect(push).toMatchObject({
      pushlogId: 232990,
      pushId: 77,
      revision: B,
      date: 1740767261,
      pusher: 'h@example.com',
      files: ['dom/a.cpp', 'dom/b.cpp'],
      backouts: 1,
    });
    expect(push.changesets.map((c) => c.node)).toEqual([B, A]);
    expect(push.changesets[0]!.backout).toEqual({ isBackout: true, backsOut: [D] });
    expect(push.changesets[1]!).toMatchObject({
      author: 'Hacker <h@example.com>',
      summary: 'Bug 1 - first; r=x',
      bugs: ['1'],
      backout: { isBackout: false, backsOut: [], backedOutBy: C },
    });
  });

  it('takes missing authors from Treeherder and refuses an empty answer with a sentence', () => {
    const changeset = relevant(A, 'Bug 1 - x', []);
    delete (changeset as { author?: string }).author;
    const push = pushFromRelevance([changeset], {
      authorsByNode: new Map([[A, 'From Treeherder <t@example.com>']]),
      pusher: 't@example.com',
    });
    expect(push.changesets[0]!.author).toBe('From Treeherder <t@example.com>');
    expect(push.pusher).toBe('t@example.com');
    expect(() => pushFromRelevance([])).toThrow(/no changesets/);
  });
});

function entry(
  pushId: number,
  changesets: Array<{ node: string; desc: string; files: string[]; author?: string }>,
): PushlogEntry {
  return {
    pushId,
    date: 1740767000 + pushId,
    user: `p${pushId}@example.com`,
    changesets: changesets.map((c) => ({ author: 'Someone <s@example.com>', ...c })),
  };
}

describe('ranges', () => {
  const pushes = [
    entry(10, [{ node: A, desc: 'Bug 1 - a', files: ['dom/a.cpp', 'dom/b.cpp'] }]),
    entry(12, [
      {
        node: C,
        desc: 'Backed out changeset aaaaaaaaaaaa (bug 1)',
        files: ['dom/a.cpp', 'dom/b.cpp'],
        author: 'Sheriff <s@m.com>',
      },
    ]),
    entry(11, [
      { node: B, desc: 'Bug 2 - b', files: ['layout/x.cpp', 'dom/a.cpp'] },
      { node: D, desc: 'Bug 2 - c', files: ['dom/a.cpp'] },
    ]),
  ];

  it('shapes json-pushes entries and summarizes the files they touched, most-touched first', () => {
    const range = summarizeRange(A, C, pushes.map(pushFromPushlog));
    expect(range.pushes.map((p) => p.pushlogId)).toEqual([12, 11, 10]);
    expect(range.pushes[1]!.changesets.map((c) => c.node)).toEqual([D, B]);
    expect(range.pushes[1]!.revision).toBe(D);
    expect(range.files).toEqual([
      { path: 'dom/a.cpp', pushlogIds: [12, 11, 10], changesets: 4 },
      { path: 'dom/b.cpp', pushlogIds: [12, 10], changesets: 2 },
      { path: 'layout/x.cpp', pushlogIds: [11], changesets: 1 },
    ]);
    expect(range.totals).toEqual({ pushes: 3, changesets: 4, files: 3, backouts: 1, authors: 2 });
    expect(range.pushes[0]!.changesets[0]!.backout).toEqual({ isBackout: true, backsOut: ['aaaaaaaaaaaa'] });
  });

  it('loads a range through the sources, refuses one too large to read, and knows an empty one', async () => {
    const calls: string[] = [];
    const sources: RevisionSources = {
      automationRelevance: async () => [],
      pushesBetween: async (from, to) => {
        calls.push(`${from}..${to}`);
        return from === A ? pushes : Array.from({ length: MAX_RANGE_PUSHES + 1 }, (_, i) => entry(i, []));
      },
    };
    expect((await loadRangeRevisions(sources, A, C)).totals.pushes).toBe(3);
    await expect(loadRangeRevisions(sources, B, C)).rejects.toThrow(/201 pushes.*at most 200/);
    expect((await loadRangeRevisions(sources, C, C)).pushes).toEqual([]);
    expect(calls).toEqual([`${A}..${C}`, `${B}..${C}`]);
  });
});
