import { planPerfProbes } from './planner.js';
import type { PerfStrategy } from './simulate.js';

export interface PerfPlannerSettings {
  readonly budget: number;
  readonly parallel: number;
  readonly threshold?: number;
}

/** The perf planner as a simulator strategy: the same function the background runner calls. */
export function perfPlannerStrategy(settings: PerfPlannerSettings): PerfStrategy {
  return {
    name: `perf-planner-k${settings.parallel}`,
    decide(view) {
      const step = planPerfProbes({
        before: view.before,
        observations: view.observations,
        budget: settings.budget,
        jobsTriggered: view.jobsTriggered,
        parallel: settings.parallel,
        ...(settings.threshold !== undefined ? { threshold: settings.threshold } : {}),
      });
      if (step.kind === 'probe') return { kind: 'probe', probes: step.probes };
      if (step.kind === 'wait') throw new Error('perf planner waited although nothing is pending');
      const v = step.verdict;
      return { kind: 'verdict', pushIndex: v.kind === 'culprit' ? v.pushIndex : null };
    },
  };
}
