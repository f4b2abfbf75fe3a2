import type { Strategy } from '../simulate.js';
import { retriggersOnFailingPush } from './failure-run.js';

/**
 * Plain bisection with r runs per probe (FACF's Bisect(r), mozregression with retries). A probe is "bad" when
 * any of its r runs fails, i.e. "did it reproduce?". Like mozregression it checks the bad end first: if the
 * failing push's r retriggers all pass, it calls the failure flaky.
 */
export function plainBisectionStrategy(runsPerProbe: number): Strategy {
  return {
    name: `bisect-${runsPerProbe}`,
    decide({ observations, round }) {
      const n = observations.length;
      if (round === 0) return { kind: 'probe', probes: [{ pushIndex: n - 1, times: runsPerProbe }] };
      if (retriggersOnFailingPush(observations).failures === 0) {
        return { kind: 'verdict', verdict: { kind: 'no-culprit', posterior: 1 } };
      }
      // Probes always fall inside [lo, hi], so the search interval can be read back from the observations.
      let lo = 0;
      let hi = n - 1;
      for (let j = 0; j < n - 1; j++) {
        const o = observations[j]!;
        if (o.runs === 0) continue;
        if (o.failures === 0) lo = Math.max(lo, j + 1);
        else hi = Math.min(hi, j);
      }
      if (lo >= hi) return { kind: 'verdict', verdict: { kind: 'culprit', pushIndex: hi, posterior: 1 } };
      return { kind: 'probe', probes: [{ pushIndex: Math.floor((lo + hi) / 2), times: runsPerProbe }] };
    },
  };
}
