import { MINUTE } from '../clock';
import type { Rng } from '../rng';
import type { World } from './world';
import type { LabelSpec, RunOutcome, RunPlan, SimPush, SimTask, TaskOrigin } from './types';
import { testManifestsFor } from '../scenario/failures';

export interface NewTask {
  push: SimPush;
  spec: LabelSpec;
  created: number;
  dependencies: string[];
  origin: TaskOrigin;
  parent: string;
  outcome: RunOutcome;
  rng: Rng;
  /** First run ends in exception/claim-expired and an automatic retry follows. */
  retried?: boolean;
  taskId?: string;
  taskGroupId?: string;
  label?: string;
  symbol?: string;
  groupSymbol?: string;
  groupName?: string;
  actionTag?: string;
  env?: Record<string, string>;
  failingTests?: string[];
}

const manifestsByLabel = new WeakMap<LabelSpec, string | null>();

/** `MOZHARNESS_TEST_PATHS` of a label's tasks (computed once per label: scenarios create thousands of tasks). */
function manifestsEnv(spec: LabelSpec): string | null {
  let env = manifestsByLabel.get(spec);
  if (env === undefined) {
    const manifests = testManifestsFor(spec);
    env = manifests ? JSON.stringify(manifests) : null;
    manifestsByLabel.set(spec, env);
  }
  return env;
}

/** Builds a task with planned run times and registers it in the world. */
export function createTask(world: World, n: NewTask): SimTask {
  const push = n.push;
  const repo = world.repo(push.repo);
  const taskId = n.taskId ?? world.newTaskId();
  const manifests = manifestsEnv(n.spec);
  const runs: RunPlan[] = [];
  const pendingMs = pendingFor(n.spec, n.rng);
  const durationMs = durationFor(n.spec, n.rng);
  if (n.retried) {
    runs.push(
      plan(world, n.rng, 0, 'scheduled', pendingMs, Math.round(durationMs * 0.3), 'exception', 'claim-expired'),
    );
    runs.push(plan(world, n.rng, 1, 'retry', pendingFor(n.spec, n.rng), durationMs, n.outcome, reasonFor(n.outcome)));
  } else {
    runs.push(plan(world, n.rng, 0, 'scheduled', pendingMs, durationMs, n.outcome, reasonFor(n.outcome)));
  }
  const task: SimTask = {
    taskId,
    taskGroupId: n.taskGroupId ?? push.decisionTaskId,
    repo: push.repo,
    pushId: push.id,
    label: n.label ?? n.spec.label,
    spec: n.spec,
    symbol: n.symbol ?? n.spec.symbol,
    groupSymbol: n.groupSymbol ?? n.spec.groupSymbol,
    groupName: n.groupName ?? n.spec.groupName,
    created: n.created,
    dependencies: n.dependencies,
    runs,
    origin: n.origin,
    parent: n.parent,
    env: {
      GECKO_HEAD_REPOSITORY: `https://hg.mozilla.org/${repo?.info.path ?? push.repo}`,
      GECKO_HEAD_REV: push.revision,
      MOZ_SCM_LEVEL: repo?.info.level ?? '3',
      MOZ_AUTOMATION: '1',
      ...(manifests ? { MOZHARNESS_TEST_PATHS: manifests } : {}),
      ...(n.env ?? {}),
    },
    failureClassificationId: 1,
  };
  if (n.actionTag) task.actionTag = n.actionTag;
  if (n.failingTests) task.failingTests = n.failingTests;
  world.addTask(task);
  return task;
}

/** Adds a run that starts at `at` (rerun). */
export function addRerun(world: World, task: SimTask, at: number, outcome: RunOutcome, rng: Rng): void {
  const runId = task.runs.length;
  const run = plan(
    world,
    rng,
    runId,
    'rerun',
    pendingFor(task.spec, rng),
    durationFor(task.spec, rng),
    outcome,
    reasonFor(outcome),
  );
  run.readyAt = at;
  task.runs.push(run);
  world.registerRun(task, runId);
}

function plan(
  world: World,
  rng: Rng,
  runId: number,
  reasonCreated: RunPlan['reasonCreated'],
  pendingMs: number,
  durationMs: number,
  outcome: RunOutcome,
  reasonResolved: RunPlan['reasonResolved'],
): RunPlan {
  return {
    runId,
    reasonCreated,
    pendingMs,
    durationMs,
    outcome,
    reasonResolved,
    jobId: world.allocateJobId(),
    workerId: `i-0${rng.hex(16)}`,
  };
}

function reasonFor(outcome: RunOutcome): RunPlan['reasonResolved'] {
  if (outcome === 'completed') return 'completed';
  if (outcome === 'failed') return 'failed';
  return 'internal-error';
}

function pendingFor(spec: LabelSpec, rng: Rng): number {
  if (spec.kind === 'decision' || spec.kind === 'action-callback') return Math.round((10 + rng.next() * 30) * 1000);
  return Math.round((1 + rng.next() * 5) * MINUTE);
}

function durationFor(spec: LabelSpec, rng: Rng): number {
  if (spec.kind === 'action-callback') return Math.round((40 + rng.next() * 50) * 1000);
  return Math.round(spec.meanMinutes * (0.8 + 0.4 * rng.next()) * MINUTE);
}
