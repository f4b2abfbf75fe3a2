import type { Strategy } from '../simulate.js';
import { retriggersOnFailingPush, startOfFailingRun } from './failure-run.js';

export const MOZCI_RETRIGGERS = 5;
export const MOZCI_MIN_REPRODUCED = 2;
export const MOZCI_BACKFILL_TIMES = 6;

/**
 * mozci's 2025 heuristic: 5 retriggers of the failing push; fewer than 2 reproductions ⇒ flaky; otherwise
 * backfill every push of the gap 6 times and take the start of the failing run.
 */
export function mozciStrategy(): Strategy {
  return {
    name: 'mozci',
    decide({ observations, round }) {
      const n = observations.length;
      if (round === 0) return { kind: 'probe', probes: [{ pushIndex: n - 1, times: MOZCI_RETRIGGERS }] };
      if (round === 1) {
        if (retriggersOnFailingPush(observations).failures < MOZCI_MIN_REPRODUCED) {
          return { kind: 'verdict', verdict: { kind: 'no-culprit', posterior: 1 } };
        }
        if (n === 1) return { kind: 'verdict', verdict: { kind: 'culprit', pushIndex: 0, posterior: 1 } };
        const probes = [];
        for (let pushIndex = 0; pushIndex < n - 1; pushIndex++) probes.push({ pushIndex, times: MOZCI_BACKFILL_TIMES });
        return { kind: 'probe', probes };
      }
      return {
        kind: 'verdict',
        verdict: { kind: 'culprit', pushIndex: startOfFailingRun(observations), posterior: 1 },
      };
    },
  };
}
