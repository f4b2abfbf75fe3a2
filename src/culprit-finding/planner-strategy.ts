import { planNextProbes } from './planner.js';
import type { Strategy } from './simulate.js';
import type { BisectionPriors } from './types.js';

export interface PlannerSettings {
  readonly priors: BisectionPriors;
  readonly budget: number;
  readonly parallel: number;
  readonly threshold?: number;
  readonly batchEfficiency?: number;
  readonly qRobustness?: number;
  readonly familyTolerance?: number;
}

/** Our planner as a simulator strategy: exactly the function the background runner calls. */
export function plannerStrategy(settings: PlannerSettings, name = `planner-k${settings.parallel}`): Strategy {
  return {
    name,
    decide(view) {
      const step = planNextProbes({
        observations: view.observations,
        priors: settings.priors,
        budget: settings.budget,
        jobsTriggered: view.jobsTriggered,
        parallel: settings.parallel,
        ...(settings.threshold !== undefined ? { threshold: settings.threshold } : {}),
        ...(settings.batchEfficiency !== undefined ? { batchEfficiency: settings.batchEfficiency } : {}),
        ...(settings.qRobustness !== undefined ? { qRobustness: settings.qRobustness } : {}),
        ...(settings.familyTolerance !== undefined ? { familyTolerance: settings.familyTolerance } : {}),
      });
      if (step.kind === 'wait') throw new Error('planner waited although no run is pending');
      return step.kind === 'probe'
        ? { kind: 'probe', probes: step.probes }
        : { kind: 'verdict', verdict: step.verdict };
    },
  };
}
