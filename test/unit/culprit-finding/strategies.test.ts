import { describe, expect, it } from 'vitest';
import { plainBisectionStrategy } from '../../../src/culprit-finding/strategies/bisection.js';
import { linearBackfillStrategy } from '../../../src/culprit-finding/strategies/linear.js';
import { mozciStrategy } from '../../../src/culprit-finding/strategies/mozci.js';
import { createRng } from '../../../src/culprit-finding/rng.js';
import { initialObservations, simulateBisection } from '../../../src/culprit-finding/simulate.js';

const permanent = (culprit: number) => ({ culprit, f: 0, q: 1 });

describe('comparison strategies on a permanent failure', () => {
  it('linear backfill runs every push once and finds the culprit in one round', () => {
    const r = simulateBisection(linearBackfillStrategy(1), permanent(7), initialObservations(20), createRng(1));
    expect(r).toMatchObject({ correct: true, jobs: 20, rounds: 1 });
  });

  it('plain bisection checks the failing push, then halves the range', () => {
    for (let culprit = 0; culprit < 20; culprit++) {
      const r = simulateBisection(plainBisectionStrategy(1), permanent(culprit), initialObservations(20), createRng(1));
      expect(r.correct).toBe(true);
      expect(r.jobs).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(20)));
    }
    const r4 = simulateBisection(plainBisectionStrategy(4), permanent(3), initialObservations(20), createRng(1));
    expect(r4.jobs % 4).toBe(0);
  });

  it('mozci retriggers 5 times then backfills the gap 6 times', () => {
    const r = simulateBisection(mozciStrategy(), permanent(4), initialObservations(9), createRng(1));
    expect(r).toMatchObject({ correct: true, jobs: 5 + 6 * 8, rounds: 2 });
  });
});

describe('comparison strategies on a flake', () => {
  it('mozci calls it flaky when fewer than 2 of 5 retriggers fail', () => {
    const r = simulateBisection(
      mozciStrategy(),
      { culprit: null, f: 0.0001, q: 1 },
      initialObservations(9),
      createRng(3),
    );
    expect(r).toMatchObject({ correct: true, jobs: 5, rounds: 1 });
    expect(r.verdict.kind).toBe('no-culprit');
  });

  it('plain bisection calls it flaky when the retrigger of the failing push passes', () => {
    const r = simulateBisection(
      plainBisectionStrategy(1),
      { culprit: null, f: 0.0001, q: 1 },
      initialObservations(9),
      createRng(3),
    );
    expect(r.verdict.kind).toBe('no-culprit');
  });
});
