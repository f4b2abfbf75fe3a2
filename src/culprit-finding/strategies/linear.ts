import type { Strategy } from '../simulate.js';
import { retriggersOnFailingPush, startOfFailingRun } from './failure-run.js';

/**
 * Linear backfill, what sheriffs do by hand: every push of the gap (and the failing push) t times in one round.
 * Verdict: no culprit if every retrigger of the failing push passed, else the start of the failing run.
 */
export function linearBackfillStrategy(times = 1): Strategy {
  return {
    name: `linear-${times}`,
    decide({ observations, round }) {
      const n = observations.length;
      if (round === 0) {
        return { kind: 'probe', probes: observations.map((_, pushIndex) => ({ pushIndex, times })) };
      }
      const retriggers = retriggersOnFailingPush(observations);
      if (retriggers.failures === 0) return { kind: 'verdict', verdict: { kind: 'no-culprit', posterior: 1 } };
      return {
        kind: 'verdict',
        verdict: { kind: 'culprit', pushIndex: n > 0 ? startOfFailingRun(observations) : 0, posterior: 1 },
      };
    },
  };
}
