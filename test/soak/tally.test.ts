import { describe, expect, it } from 'vitest';
import { addTallies, soakTable, tallyTrials } from './tally';

describe('soak tally', () => {
  it('counts duplicates, lost records, wrong and unsettled outcomes against the ground truth', () => {
    const tally = tallyTrials(
      6,
      [
        { key: 'ok', replies: [{ kind: 'outcome', status: 'triggered' }] },
        // Two racing clicks, two hook calls: one duplicate.
        {
          key: 'race',
          replies: [
            { kind: 'outcome', status: 'triggered' },
            { kind: 'outcome', status: 'merged' },
          ],
        },
        // The hook ran, the page was told "failed": wrong; and the log says failed: still one wrong intent.
        { key: 'failed-but-ran', replies: [{ kind: 'error', message: 'Taskcluster had a server error' }] },
        // Stopped mid-way; the hook ran; the log never learnt of it: lost.
        { key: 'lost', replies: [{ kind: 'interrupted' }] },
        // Still being checked at the end.
        { key: 'unclear', replies: [{ kind: 'outcome', status: 'unclear' }] },
        { key: 'synthetic', replies: [], synthetic: true },
      ],
      [
        { key: 'ok', actionTaskId: 'A1' },
        { key: 'race', actionTaskId: 'A2' },
        { key: 'race', actionTaskId: 'A3' },
        { key: 'failed-but-ran', actionTaskId: 'A4' },
        { key: 'lost', actionTaskId: 'A5' },
        { key: 'synthetic', actionTaskId: 'A6' },
      ],
      [
        { key: 'ok', state: 'triggered', actionTaskId: 'A1' },
        { key: 'race', state: 'triggered', actionTaskId: 'A2' },
        { key: 'failed-but-ran', state: 'failed' },
        { key: 'unclear', state: 'unclear' },
      ],
    );
    expect(tally).toEqual({
      trials: 6,
      intents: 6,
      hookCalls: 6,
      duplicates: 1,
      lostRecords: 2,
      wrongOutcomes: 1,
      unsettled: 1,
      interrupted: 1,
      syntheticAccepted: 1,
    });
  });

  it('a record claiming an action task of another intent is lost, and "triggered" for nothing is wrong', () => {
    const tally = tallyTrials(
      2,
      [
        { key: 'a', replies: [{ kind: 'interrupted' }] },
        { key: 'b', replies: [{ kind: 'interrupted' }] },
      ],
      [{ key: 'a', actionTaskId: 'A1' }],
      [
        { key: 'a', state: 'triggered', actionTaskId: 'B9' },
        { key: 'b', state: 'triggered', actionTaskId: 'A1' },
      ],
    );
    expect(tally).toMatchObject({ lostRecords: 1, wrongOutcomes: 1 });
  });

  it('sums runs and prints one row per run plus the total', () => {
    const one = tallyTrials(
      1,
      [{ key: 'k', replies: [{ kind: 'outcome', status: 'triggered' }] }],
      [{ key: 'k', actionTaskId: 'A' }],
      [{ key: 'k', state: 'triggered', actionTaskId: 'A' }],
    );
    expect(addTallies([one, one])).toMatchObject({ trials: 2, hookCalls: 2, duplicates: 0, probesLost: undefined });
    const table = soakTable([
      { name: 'chromium', tally: one },
      { name: 'firefox', tally: one },
    ]);
    expect(table.split('\n')).toHaveLength(5);
    expect(table).toContain('| **total** | 2 | 2 | 2 | 0 | 0 | 0 | 0 | 0 | not measured | 0 |');
  });
});
