import { unitFor, type Rng } from '../rng';
import type { SimTask } from '../model/types';
import type { World } from '../model/world';
import type { RepoGeneration } from './generate';
import type { ScenarioSpec } from './spec';
import type { ArtifactTruth } from './truth';

const FILLERS = [
  (n: number) => `public/test_info/screenshots/screenshot-${n}.png`,
  (n: number) => `public/test_info/profiles/profile_${n}.json`,
  (n: number) => `public/test_info/memory-report-${n}.json.gz`,
  (n: number) => `public/test_info/resource-usage-${n}.json`,
  (n: number) => `public/test_info/wpt_raw_${n}.log`,
];

/** Gives some test tasks many artifacts, with crash files planted among them, and reports them. */
export function plantArtifacts(world: World, spec: ScenarioSpec, main: RepoGeneration, rng: Rng): ArtifactTruth {
  const a = spec.artifacts;
  const bigPush = a?.bigPush !== undefined ? main.pushes[a.bigPush - 1] : undefined;
  const truth: ArtifactTruth = {
    patterns: (a?.planted ?? []).map((ext) => `**/*.${ext}`),
    planted: [],
    tasksWithMany: [],
    artifactsPerTask: a?.artifactsPerTask ?? 0,
    bigPushId: bigPush?.id ?? null,
    bigPushTasks: bigPush ? (world.tasksByPush.get(bigPush.id)?.length ?? 0) : null,
  };
  if (!a || a.tasksWithMany <= 0) return truth;

  const complete = main.pushes.slice(0, main.pushes.length - spec.runningPushes);
  const candidates: SimTask[] = [];
  for (const push of complete) {
    for (const t of world.tasksByPush.get(push.id) ?? []) if (t.spec.kind === 'test') candidates.push(t);
  }
  const failedFirst = (t: SimTask): number => (t.runs[t.runs.length - 1]?.outcome === 'failed' ? 0 : 1);
  candidates.sort(
    (x, y) =>
      failedFirst(x) - failedFirst(y) || unitFor(spec.seed, 'many', x.taskId) - unitFor(spec.seed, 'many', y.taskId),
  );
  for (const task of candidates.slice(0, a.tasksWithMany)) {
    const planted = a.planted.map((ext) => `public/test_info/crashes/${uuid(rng)}.${ext}`);
    const names: string[] = [];
    for (let n = 0; names.length < Math.max(0, a.artifactsPerTask - planted.length); n++) {
      const filler = FILLERS[n % FILLERS.length];
      if (filler) names.push(filler(Math.floor(n / FILLERS.length) + 1));
    }
    const at = rng.int(0, names.length);
    names.splice(at, 0, ...planted);
    task.extraArtifacts = names;
    truth.tasksWithMany.push(task.taskId);
    truth.planted.push({
      taskId: task.taskId,
      runId: task.runs.length - 1,
      pushId: task.pushId,
      label: task.label,
      names: planted,
    });
  }
  return truth;
}

function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
