import { hashString, Rng } from '../rng';
import type { SimTask } from '../model/types';
import type { World } from '../model/world';
import type { ScenarioTruth } from './truth';

/**
 * Talos-like replicates of a perf task: the base value, shifted by `shiftPct` % from the culprit push on for
 * the regressing suite, each replicate with relative noise. Fixed by the seed and the taskId.
 */
export function perfReplicates(world: World, truth: ScenarioTruth, task: SimTask): number[] {
  const perf = task.spec.perf;
  if (!perf) return [];
  const push = world.pushOfTask(task);
  const culprit =
    truth.perf && truth.perf.label === task.label
      ? truth.pushes.find((p) => p.id === truth.perf?.culpritPushId)
      : undefined;
  const shifted = culprit !== undefined && push.repo === truth.repo && push.index + 1 >= culprit.position;
  const factor = shifted ? 1 + (truth.perf?.shiftPct ?? 0) / 100 : 1;
  const rng = new Rng(hashString(`${world.seed}|perf|${task.taskId}`));
  const out: number[] = [];
  for (let i = 0; i < perf.replicates; i++) out.push(round2(perf.baseValue * factor * (1 + perf.noise * rng.normal())));
  return out;
}

/** The value Perfherder stores for a run: the mean of its replicates. */
export function perfValue(replicates: number[]): number {
  if (replicates.length === 0) return 0;
  return round2(replicates.reduce((a, b) => a + b, 0) / replicates.length);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
