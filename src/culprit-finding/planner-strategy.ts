import { planNextProbes } from './planner.js';
import type { Strategy } from './simulate.js';
import type { PlannerInput } from './types.js';

/** Everything the planner takes besides what a bisection has seen so far. */
export type PlannerSettings = Omit<PlannerInput, 'observations' | 'jobsTriggered'>;

/** Our planner as a simulator strategy: exactly the function the background runner calls. */
export function plannerStrategy(settings: PlannerSettings, name = `planner-k${settings.parallel}`): Strategy {
  return {
    name,
    decide(view) {
      const step = planNextProbes({ ...settings, observations: view.observations, jobsTriggered: view.jobsTriggered });
      if (step.kind === 'wait') throw new Error('planner waited although no run is pending');
      return step.kind === 'probe'
        ? { kind: 'probe', probes: step.probes }
        : { kind: 'verdict', verdict: step.verdict };
    },
  };
}
