import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The JSON shape of test/fake-ci/scenarios/<name>.json. Push positions are 1-based, oldest = 1. */
export interface ScenarioSpec {
  description: string;
  seed: number;
  repo: string;
  pushes: number;
  platforms: number;
  /** Size of the runnable set (labels in runnable-jobs.json); a push schedules all or part of it. */
  jobsPerPush: number;
  pushlogIdStart: number;
  pushIntervalMinutes: number;
  /** Newest pushes still in progress when the fake starts. */
  runningPushes: number;
  schedule: ScheduleSpec;
  regressions?: RegressionSpec[];
  flaky?: FlakySpec[];
  perf?: PerfScenarioSpec;
  waste?: WasteSpec;
  artifacts?: ArtifactsSpec;
  /** Share of tasks whose first run ends in exception/claim-expired and is retried. */
  retryRate?: number;
  /** Small all-green repositories served beside the main one. */
  otherRepos?: Array<{ name: string; pushes: number }>;
}

export type ScheduleSpec =
  | { mode: 'all' }
  | {
      mode: 'seta';
      /** Chance a test label runs on a non-backstop push whose platform is active. */
      rate: number;
      /** Chance a platform (its build and tests) is active on a non-backstop push. */
      platformRate: number;
      /** pushlog ids divisible by this run everything. */
      backstopEvery: number;
    };

export interface RegressionSpec {
  kind: 'permanent' | 'intermittent';
  /** Exact label, or the first tier-1 label of this suite on the first platform. */
  label?: string;
  suite?: string;
  /** Push position of the culprit. */
  culprit: number;
  /** Push position where the failure is first seen; the label is not scheduled on the `gap` pushes before it. */
  firstFailure?: number;
  gap?: number;
  /** Failure probability with the culprit (1 = permanent). */
  q: number;
  /** Failure probability without the culprit. */
  f: number;
}

export interface FlakySpec {
  label?: string;
  suite?: string;
  /** Platform position in the scenario's platform list. */
  platform?: number;
  f: number;
}

export interface PerfScenarioSpec {
  talosSuite: string;
  stableSuites: string[];
  culprit: number;
  gap: number;
  shiftPct: number;
  noise: number;
  replicates: number;
  baseValue: number;
  /** Chance the perf labels run on an ordinary push. */
  rate: number;
}

export interface WasteSpec {
  tier3Labels: number;
  tier3Rate: number;
  alwaysFailing: number;
}

export interface ArtifactsSpec {
  tasksWithMany: number;
  artifactsPerTask: number;
  /** Extensions of files planted among the many artifacts, e.g. `dmp` → `public/test_info/crashes/<uuid>.dmp`. */
  planted: string[];
  bigPush?: number;
  bigPushJobs?: number;
}

/** Overrides accepted from options and CLI flags. */
export interface ScaleOverrides {
  seed?: number;
  pushes?: number;
  jobsPerPush?: number;
  platforms?: number;
}

const here = dirname(fileURLToPath(import.meta.url));
export const SCENARIO_DIR = join(here, '..', 'scenarios');

export function scenarioNames(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function loadScenario(name: string): ScenarioSpec {
  if (!/^[a-z0-9-]+$/.test(name) || !scenarioNames().includes(name)) {
    throw new Error(`unknown scenario "${name}"; known: ${scenarioNames().join(', ')}`);
  }
  return JSON.parse(readFileSync(join(SCENARIO_DIR, `${name}.json`), 'utf8')) as ScenarioSpec;
}

/**
 * Applies scale overrides. Push positions are rescaled to the new push count; gaps keep their size but
 * shrink when they would not fit.
 */
export function applyOverrides(spec: ScenarioSpec, o: ScaleOverrides): ScenarioSpec {
  const pushes = clampInt(o.pushes ?? spec.pushes, 2, 2000);
  const scale = (pos: number): number => clampInt(Math.round((pos * pushes) / spec.pushes), 1, pushes);
  const out: ScenarioSpec = {
    ...spec,
    seed: o.seed ?? spec.seed,
    pushes,
    jobsPerPush: clampInt(o.jobsPerPush ?? spec.jobsPerPush, 5, 5000),
    platforms: clampInt(o.platforms ?? spec.platforms, 1, 40),
    runningPushes: Math.min(spec.runningPushes, pushes - 1),
  };
  if (spec.regressions) {
    out.regressions = spec.regressions.map((r) => {
      const firstFailure = scale(r.firstFailure ?? r.culprit);
      const culprit = Math.min(scale(r.culprit), firstFailure);
      const gap = Math.max(0, Math.min(r.gap ?? 0, firstFailure - 2));
      return { ...r, culprit: Math.max(culprit, firstFailure - gap), firstFailure, gap };
    });
  }
  if (spec.perf) {
    const culprit = Math.max(2, scale(spec.perf.culprit));
    out.perf = { ...spec.perf, culprit, gap: Math.max(0, Math.min(spec.perf.gap, culprit - 2)) };
  }
  if (spec.artifacts?.bigPush !== undefined)
    out.artifacts = { ...spec.artifacts, bigPush: scale(spec.artifacts.bigPush) };
  return out;
}

function clampInt(v: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(v)));
}
