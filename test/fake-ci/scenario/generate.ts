import { DAY, HOUR, MINUTE, type SimClock } from '../clock';
import { Rng, unitFor } from '../rng';
import { createTask } from '../model/task-factory';
import type { LabelSpec, SimPush, SimTask } from '../model/types';
import { World } from '../model/world';
import { buildCatalog, decisionSpec } from './catalog';
import { makeCommits } from './commits';
import { failingTestsFor } from './failures';
import { OutcomeModel } from './outcomes';
import { pickPlatforms } from './platforms';
import { repoInfo, repoMeta } from './repos';
import { isBackstop, scheduleFor, type ForcedRule } from './schedule';
import { planSpecials, type Specials } from './specials';
import type { ScenarioSpec } from './spec';
import { buildTruth } from './truth-builder';
import type { ScenarioTruth } from './truth';
import { plantArtifacts } from './plant-artifacts';

/** A generated scenario: the world it starts from, the truth about it and the outcome model actions use. */
export interface Scenario {
  name: string;
  spec: ScenarioSpec;
  world: World;
  truth: ScenarioTruth;
  /** Outcome model of each repository (only the main one has special labels). */
  models: Map<string, OutcomeModel>;
  specials: Specials;
  /** Lands a new push on the main repository at the current simulated time, scheduled like the others. */
  landPush(): SimPush;
}

export interface RepoGeneration {
  pushes: SimPush[];
  /** Push id → labels the decision task scheduled. */
  scheduled: Map<number, Set<string>>;
  catalog: LabelSpec[];
  byLabel: Map<string, LabelSpec>;
}

export function generateScenario(name: string, spec: ScenarioSpec, clock: SimClock): Scenario {
  const world = new World(clock, spec.seed);
  const model = new OutcomeModel(spec.seed);
  const rng = new Rng(spec.seed);
  const platforms = pickPlatforms(spec.platforms);
  const catalog = buildCatalog(platforms, Math.max(spec.jobsPerPush, spec.artifacts?.bigPushJobs ?? 0));
  const specials = planSpecials(spec, platforms, catalog, model);
  const main = generateRepo(world, model, spec, rng.fork('main'), catalog, specials.forced, spec.pushlogIdStart);
  const models = new Map([[spec.repo, model]]);

  for (const other of spec.otherRepos ?? []) {
    if (other.name === spec.repo) continue;
    const plain: ScenarioSpec = {
      ...spec,
      repo: other.name,
      pushes: other.pushes,
      runningPushes: 0,
      schedule: { mode: 'all' },
      platforms: 2,
      jobsPerPush: 30,
    };
    delete plain.waste;
    const plainCatalog = buildCatalog(pickPlatforms(2), 30);
    const plainModel = new OutcomeModel(spec.seed);
    models.set(other.name, plainModel);
    generateRepo(
      world,
      plainModel,
      plain,
      rng.fork(other.name),
      plainCatalog,
      () => undefined,
      repoMeta(other.name).pushlogIdStart,
    );
  }

  const planted = plantArtifacts(world, spec, main, rng.fork('artifacts'));
  const truth = buildTruth(name, spec, world, specials, main, planted);
  const landRng = rng.fork('landings');
  const landPush = (): SimPush => {
    const pushes = world.repo(spec.repo)?.pushes ?? [];
    const last = pushes[pushes.length - 1];
    const i = pushes.length;
    const push = createPush(
      world,
      model,
      spec,
      landRng,
      catalog,
      specials.forced,
      i,
      (last?.pushlogId ?? spec.pushlogIdStart - 1) + 1,
      world.now(),
      main.byLabel,
      main.scheduled,
    );
    indexDecision(world, push, true);
    return push;
  };
  return { name, spec, world, truth, models, specials, landPush };
}

function generateRepo(
  world: World,
  model: OutcomeModel,
  spec: ScenarioSpec,
  rng: Rng,
  catalog: LabelSpec[],
  forced: ForcedRule,
  pushlogIdStart: number,
): RepoGeneration {
  const info = repoInfo(spec.repo);
  world.addRepo({ info, pushes: [], catalog, catalogByLabel: new Map(catalog.map((l) => [l.label, l])) });
  const byLabel = new Map(catalog.map((l) => [l.label, l]));
  const scheduled = new Map<number, Set<string>>();
  const pushes: SimPush[] = [];
  const epoch = world.clock.epochMs;

  for (let i = 0; i < spec.pushes; i++) {
    const push = createPush(
      world,
      model,
      spec,
      rng,
      catalog,
      forced,
      i,
      pushlogIdStart + i,
      pushTime(epoch, i, spec, rng),
      byLabel,
      scheduled,
    );
    pushes.push(push);
    indexDecision(world, push, i === spec.pushes - 1);
  }
  return { pushes, scheduled, catalog, byLabel };
}

/**
 * One push: commits, the decision task, then the scheduled builds, lint and tests (tests depend on their
 * build), each passing or failing as the outcome model says.
 */
export function createPush(
  world: World,
  model: OutcomeModel,
  spec: ScenarioSpec,
  rng: Rng,
  catalog: LabelSpec[],
  forced: ForcedRule,
  i: number,
  pushlogId: number,
  timeMs: number,
  byLabel: Map<string, LabelSpec>,
  scheduled: Map<number, Set<string>>,
): SimPush {
  const meta = repoMeta(spec.repo);
  const commitsMeta = makeCommits(rng, 1_900_000);
  const tip = commitsMeta.commits[0];
  if (!tip) throw new Error('a push needs a commit');
  const push: SimPush = {
    id: meta.pushIdStart + i,
    repo: spec.repo,
    pushlogId,
    revision: tip.revision,
    author: commitsMeta.pusher,
    commits: commitsMeta.commits,
    timestamp: Math.floor(timeMs / 1000),
    decisionTaskId: world.newTaskId(),
    backstop: isBackstop(spec, pushlogId),
    index: i,
  };
  world.addPush(push);
  const decision = createTask(world, {
    push,
    spec: decisionSpec(),
    created: push.timestamp * 1000 + 20_000,
    dependencies: [],
    origin: 'decision',
    parent: push.decisionTaskId,
    outcome: 'completed',
    rng,
    taskId: push.decisionTaskId,
  });
  const graphStart = decisionEnd(decision);
  const labels = scheduleFor(spec, spec.seed, catalog, { index: i, pushlogId, backstop: push.backstop }, forced);
  scheduled.set(push.id, labels);
  const buildIds = new Map<string, string>();
  const ordered = [...labels].map((l) => byLabel.get(l)).filter((l): l is LabelSpec => !!l);
  ordered.sort((a, b) => kindRank(a) - kindRank(b));
  for (const l of ordered) {
    const dependencies = [decision.taskId];
    const build = l.buildLabel ? buildIds.get(l.buildLabel) : undefined;
    if (build) dependencies.push(build);
    const outcome = model.outcome(l.label, push.id, i, 0, 0);
    const task = createTask(world, {
      push,
      spec: l,
      created: graphStart,
      dependencies,
      origin: 'decision',
      parent: decision.taskId,
      outcome,
      rng,
      retried: !model.get(l.label) && unitFor(spec.seed, 'retry', l.label, i) < (spec.retryRate ?? 0),
      ...(outcome === 'failed' && l.kind === 'test' ? { failingTests: failingTestsFor(l) } : {}),
    });
    if (l.kind === 'build') buildIds.set(l.label, task.taskId);
  }
  return push;
}

/** Completed pushes end four hours before "now"; the newest `runningPushes` are minutes old. */
function pushTime(epoch: number, i: number, spec: ScenarioSpec, rng: Rng): number {
  const complete = spec.pushes - spec.runningPushes;
  const jitter = (rng.next() - 0.5) * 0.4 * spec.pushIntervalMinutes * MINUTE;
  if (i < complete) return epoch - 4 * HOUR - (complete - 1 - i) * spec.pushIntervalMinutes * MINUTE + jitter;
  const j = i - complete;
  return epoch - (spec.runningPushes - j) * 8 * MINUTE;
}

function decisionEnd(task: SimTask): number {
  const run = task.runs[0];
  return task.created + (run ? run.pendingMs + run.durationMs : 0);
}

function kindRank(l: LabelSpec): number {
  return l.kind === 'build' ? 0 : l.kind === 'lint' ? 1 : 2;
}

export function indexDecision(world: World, push: SimPush, latest: boolean): void {
  const expires = push.timestamp * 1000 + 365 * DAY;
  const base = { taskId: push.decisionTaskId, rank: push.timestamp, data: {}, expires };
  world.addIndex({ ...base, namespace: `gecko.v2.${push.repo}.revision.${push.revision}.taskgraph.decision` });
  world.addIndex({ ...base, namespace: `gecko.v2.${push.repo}.pushlog-id.${push.pushlogId}.decision` });
  if (latest) world.addIndex({ ...base, namespace: `gecko.v2.${push.repo}.latest.taskgraph.decision` });
}
