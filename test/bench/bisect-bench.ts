/**
 * npm run bench:bisect — simulates every failure family × gap size with our planner (k = 1 and k = 4), the
 * evidence it can use (existing runs, repeat jobs, the failing test's own line, push weights), sparse schedules,
 * short histories, the comparison strategies (linear backfill, plain bisection, mozci) and perf bisection; checks
 * the preview's estimates against simulated runs; prints tables and the issue's targets, and writes
 * bench-results/bisect.json and bench-results/bisect.md. Accuracy is judged against the planted truth.
 *
 * Options: --trials <n> (base trials per cell, default 1000; dear intermittent cells run a share of it, listed in
 * the output), --jobs <n> (worker processes, default 2), --only <substring of a family>, --no-write.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_COST_DRAWS, DEFAULT_SLICE_MS, type CostEstimate } from '../../src/culprit-finding/cost.js';
import {
  DEFAULT_HISTORY_RUNS,
  DEFAULT_NO_CULPRIT_PRIOR,
  DEFAULT_SIM_BUDGET,
  type FailureCaseSpec,
} from '../../src/culprit-finding/experiment.js';
import { DEFAULT_Q_GRID, MIN_REGRESSION_LIFT } from '../../src/culprit-finding/model.js';
import { PERF_STRATEGIES } from '../../src/culprit-finding/perf/experiment.js';
import { DEFAULT_HOPELESS_MARGIN } from '../../src/culprit-finding/planner.js';
import { JOB_MINUTES, REPEAT_JOB_MINUTES } from '../../src/culprit-finding/simulate.js';
import { mean } from '../../src/culprit-finding/stats.js';
import { DEFAULT_Q_ROBUSTNESS, NO_CULPRIT_ROBUSTNESS } from '../../src/culprit-finding/verdict.js';
import { RANGE_EVIDENCE_PASSES } from '../../src/gap/bisection-range.js';
import {
  type BenchResult,
  type BenchTask,
  type FailureCellResult,
  type FailureTask,
  type FamilyKind,
  type PerfCellResult,
  type PerfTask,
  type PreviewResult,
  type PreviewTask,
  runTask,
  type TimingResult,
  type TimingTask,
} from './bisect-cells.js';

const here = fileURLToPath(import.meta.url);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Default budget of a bisection started from the page (src/protocol.ts). */
const RUNTIME_BUDGET = 60;
const PUSHES = [5, 9, 20, 39] as const;
const K = 4;
const SEED = 20260501;

interface Family {
  readonly name: string;
  readonly kind: FamilyKind;
  readonly f: number;
  readonly q: number;
  readonly culprit: 'uniform' | null;
  readonly sparseEvery?: number;
  /** Share of the base trials (dear intermittent families). */
  readonly share: number;
}

const trialShare = (q: number) => (q >= 0.5 ? 1 : q >= 0.3 ? 0.4 : q >= 0.2 ? 0.25 : 0.15);
const FAMILIES: Family[] = [
  { name: 'deterministic', kind: 'deterministic', f: 0, q: 1, culprit: 'uniform', share: 1 },
  ...[0.05, 0.1, 0.3].map(
    (f): Family => ({ name: `flaky-test f=${f}`, kind: 'flaky-test', f, q: 1, culprit: 'uniform', share: 1 }),
  ),
  ...[0, 0.01].flatMap((f) =>
    [0.7, 0.5, 0.3, 0.2, 0.1].map(
      (q): Family => ({
        name: `intermittent q=${q} f=${f}`,
        kind: 'intermittent',
        f,
        q,
        culprit: 'uniform',
        share: trialShare(q),
      }),
    ),
  ),
  ...[0.05, 0.1, 0.3].map(
    (f): Family => ({ name: `no-culprit f=${f}`, kind: 'no-culprit', f, q: 1, culprit: null, share: 1 }),
  ),
  ...[1, 0.5, 0.3].map(
    (q): Family => ({
      name: `sparse every 4, q=${q}`,
      kind: 'sparse',
      f: 0,
      q,
      culprit: 'uniform',
      sparseEvery: 4,
      share: trialShare(q),
    }),
  ),
];
/** Families where the planner also runs one job per round (k = 1); intermittent ones would take hundreds of rounds. */
const K1_KINDS: readonly FamilyKind[] = ['deterministic', 'flaky-test', 'no-culprit'];

/** File weights: a quarter of the pushes touched the failing test's files and hold 70 % of the culprits. */
const FILE_WEIGHTS = Array.from({ length: 20 }, (_, i) => (i % 4 === 1 ? 7 : 1));
interface Evidence {
  readonly name: string;
  readonly spec: Partial<FailureCaseSpec>;
  readonly only?: readonly FamilyKind[];
}
const EVIDENCE: Evidence[] = [
  { name: '30 % existing runs', spec: { coverage: 0.3 } },
  { name: '50 % existing runs', spec: { coverage: 0.5 } },
  { name: 'confirm-failures first (5 runs)', spec: { repeatsPerJob: 5 } },
  { name: 'confirm-failures first (5 runs, ρ = 0.5)', spec: { repeatsPerJob: 5, repeatCorrelation: 0.5 } },
  {
    name: 'every probe re-runs the test 5× (ρ = 0.3)',
    spec: { repeatsPerJob: 5, repeatCorrelation: 0.3, repeatMode: 'every-probe' },
  },
  { name: "test's own line, 1 % (job 10 %)", spec: { testFlakeRate: 0.01 }, only: ['flaky-test'] },
  { name: 'file weights', spec: { pushWeights: FILE_WEIGHTS } },
  {
    name: 'combined: confirm-failures first, 30 % runs, file weights',
    spec: { repeatsPerJob: 5, coverage: 0.3, pushWeights: FILE_WEIGHTS },
  },
];
const EVIDENCE_FAMILIES: { family: string; parallel: number }[] = [
  { family: 'deterministic', parallel: 1 },
  { family: 'deterministic', parallel: K },
  { family: 'flaky-test f=0.1', parallel: 1 },
  { family: 'intermittent q=0.5 f=0', parallel: K },
  { family: 'intermittent q=0.3 f=0', parallel: K },
  { family: 'intermittent q=0.2 f=0', parallel: K },
];

interface PerfFamily {
  readonly name: string;
  readonly shiftPct: number;
  readonly noisePct: number;
  readonly runNoisePct: number;
  readonly replicatesPerRun: number;
  readonly pushes: readonly number[];
  readonly target: 'sherlock' | 'awsy' | null;
}
const PERF_FAMILIES: PerfFamily[] = [
  {
    name: 'perf shift 5 % noise 3 % ×25',
    shiftPct: 5,
    noisePct: 3,
    runNoisePct: 0,
    replicatesPerRun: 25,
    pushes: PUSHES,
    target: 'sherlock',
  },
  {
    name: 'perf shift 5 % noise 2 % ×20 (fake CI)',
    shiftPct: 5,
    noisePct: 2,
    runNoisePct: 0,
    replicatesPerRun: 20,
    pushes: PUSHES,
    target: 'sherlock',
  },
  {
    name: 'perf AWSY-like: one value a run, 4 % step in 3 % noise',
    shiftPct: 4,
    noisePct: 3,
    runNoisePct: 0,
    replicatesPerRun: 1,
    pushes: [24],
    target: 'awsy',
  },
];

function buildTasks(base: number, only: string | undefined): BenchTask[] {
  const tasks: BenchTask[] = [];
  const trialsOf = (share: number) => Math.max(20, Math.round(base * share));
  const wanted = (name: string) => !only || name.includes(only);
  FAMILIES.forEach((family, fi) => {
    if (!wanted(family.name)) return;
    for (const pushes of PUSHES) {
      const spec: FailureCaseSpec = {
        pushes,
        culprit: family.culprit,
        f: family.f,
        q: family.q,
        parallel: K,
        ...(family.sparseEvery ? { sparseEvery: family.sparseEvery } : {}),
      };
      const seed = SEED + pushes * 1000 + fi;
      const cell = (label: string, parallel: number, strategy: FailureTask['strategy'], trials: number) =>
        tasks.push({
          type: 'failure',
          id: `families|${family.name}|${label}|${pushes}`,
          section: 'families',
          family: family.name,
          kind: family.kind,
          evidence: 'none',
          strategy,
          label,
          spec: { ...spec, parallel },
          trials,
          seed,
        });
      if (K1_KINDS.includes(family.kind) || (family.kind === 'sparse' && family.q === 1))
        cell('planner-k1', 1, 'planner', trialsOf(family.share));
      cell('planner-k4', K, 'planner', trialsOf(family.share));
      if (pushes === 20 && family.kind !== 'sparse')
        for (const s of ['linear', 'bisect-1', 'mozci'] as const) cell(s, K, s, 1000);
    }
  });
  for (const { family: name, parallel } of EVIDENCE_FAMILIES) {
    const family = FAMILIES.find((f) => f.name === name)!;
    if (!wanted(name)) continue;
    EVIDENCE.forEach((evidence, ei) => {
      if (evidence.only && !evidence.only.includes(family.kind)) return;
      tasks.push({
        type: 'failure',
        id: `evidence|${name}|k${parallel}|${evidence.name}`,
        section: 'evidence',
        family: name,
        kind: family.kind,
        evidence: evidence.name,
        strategy: 'planner',
        label: `planner-k${parallel}`,
        spec: { pushes: 20, culprit: 'uniform', f: family.f, q: family.q, parallel, ...evidence.spec },
        trials: trialsOf(family.share * (evidence.spec.repeatMode === 'every-probe' ? 0.5 : 1)),
        seed: SEED + 20_000 + 100 * ei + FAMILIES.indexOf(family),
      });
    });
  }
  for (const q of [1, 0.5, 0.3]) {
    const name = `sparse every 4, q=${q}`;
    if (!wanted(name)) continue;
    tasks.push({
      type: 'failure',
      id: `sparse-rule|${name}`,
      section: 'sparse-rule',
      family: name,
      kind: 'sparse',
      evidence: 'old rule: range ends at the nearest earlier run, taken as good',
      strategy: 'planner',
      label: 'planner-k4',
      spec: { pushes: 20, culprit: 'uniform', f: 0, q, parallel: K, sparseEvery: 4, rangeRule: 'nearest-run' },
      trials: trialsOf(1),
      seed: SEED + 20 * 1000 + FAMILIES.findIndex((f) => f.name === name),
    });
  }
  if (wanted('no-culprit f=0.1'))
    tasks.push({
      type: 'failure',
      id: 'history|no-culprit f=0.1|50',
      section: 'history',
      family: 'no-culprit f=0.1',
      kind: 'no-culprit',
      evidence: 'flake prior from 50 similar-job runs (one page)',
      strategy: 'planner',
      label: 'planner-k4',
      spec: { pushes: 20, culprit: null, f: 0.1, q: 1, parallel: K, historyRuns: 50 },
      trials: trialsOf(1),
      seed: SEED + 20 * 1000 + FAMILIES.findIndex((f) => f.name === 'no-culprit f=0.1'),
    });
  if (!only) {
    for (const f of [0, 0.05, 0.1])
      for (const budget of [DEFAULT_SIM_BUDGET, RUNTIME_BUDGET])
        tasks.push({
          type: 'preview',
          id: `preview|${f}|${budget}|k${K}`,
          f,
          pushes: 20,
          parallel: K,
          budget,
          calls: 10,
          seed: SEED + 5,
        });
    tasks.push({
      type: 'preview',
      id: `preview|0|${DEFAULT_SIM_BUDGET}|k1`,
      f: 0,
      pushes: 20,
      parallel: 1,
      budget: DEFAULT_SIM_BUDGET,
      calls: 10,
      seed: SEED + 6,
    });
    tasks.push({
      type: 'timing',
      id: 'timing|100|500',
      pushes: 100,
      budget: 500,
      parallel: K,
      sliceMs: DEFAULT_SLICE_MS,
    });
    tasks.push({
      type: 'timing',
      id: 'timing|39|60',
      pushes: 39,
      budget: RUNTIME_BUDGET,
      parallel: K,
      sliceMs: DEFAULT_SLICE_MS,
    });
  }
  PERF_FAMILIES.forEach((family, pi) => {
    if (!wanted(family.name)) return;
    for (const pushes of family.pushes)
      for (const strategy of PERF_STRATEGIES)
        tasks.push({
          type: 'perf',
          id: `perf|${family.name}|${pushes}|${strategy}`,
          family: family.name,
          target: family.target !== null,
          strategy,
          spec: {
            pushes,
            culprit: 'uniform',
            shiftPct: family.shiftPct,
            noisePct: family.noisePct,
            runNoisePct: family.runNoisePct,
            replicatesPerRun: family.replicatesPerRun,
            parallel: K,
          },
          trials: Math.max(20, Math.round(base * 0.2)),
          seed: SEED + 77 + pushes * 1000 + pi,
        });
  });
  return tasks;
}

/** Runs the tasks in `jobs` worker processes, dearest first; prints progress. */
async function runAll(tasks: BenchTask[], jobs: number): Promise<Map<string, BenchResult>> {
  const results = new Map<string, BenchResult>();
  const queue = [...tasks].sort((a, b) => weight(b) - weight(a));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(jobs, queue.length)) }, async () => {
      const child = fork(here, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      try {
        for (let task = queue.shift(); task; task = queue.shift()) {
          const current = task;
          const result = await new Promise<BenchResult>((done, fail) => {
            child.once('message', (m: { id: string; result: BenchResult }) => done(m.result));
            child.once('error', fail);
            child.send(current);
          });
          results.set(current.id, result);
          const seconds = ((performance.now() - started) / 1000).toFixed(0);
          console.error(`[${results.size}/${tasks.length}, ${seconds} s] ${current.id}`);
        }
      } finally {
        child.kill();
      }
    }),
  );
  return results;
}

/** Rough relative cost, so the dear cells start first and the workers finish together. */
function weight(task: BenchTask): number {
  if (task.type === 'failure') {
    const q = task.spec.q;
    const perTrial = task.spec.culprit === null ? 3 : q >= 1 ? 1 : 1 / (q * q);
    return task.trials * perTrial * task.spec.pushes;
  }
  if (task.type === 'perf') return task.trials * 50 * task.spec.pushes;
  return 1e6;
}

const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '∞');
const round3 = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n);

interface TargetCheck {
  target: string;
  met: boolean;
  measured: string;
}

async function main(): Promise<void> {
  const base = Number(arg('--trials') ?? 1000);
  const jobs = Number(arg('--jobs') ?? 2);
  const only = arg('--only');
  const write = !process.argv.includes('--no-write');
  const started = performance.now();
  const tasks = buildTasks(base, only);
  const results = await runAll(tasks, jobs);
  const seconds = (performance.now() - started) / 1000;

  const failureRows = tasks
    .filter((t): t is FailureTask => t.type === 'failure')
    .map((t) => ({ task: t, r: results.get(t.id) as FailureCellResult }));
  const cell = (section: string, family: string, label: string, pushes = 20, evidence = 'none') =>
    failureRows.find(
      (x) =>
        x.task.section === section &&
        x.task.family === family &&
        x.task.label === label &&
        x.task.spec.pushes === pushes &&
        x.task.evidence === evidence,
    )?.r;

  const tables: string[] = [];
  // ---- Families × N
  const familyTable = [
    '## Families × gap size (planner as the runtime runs it: no repeat jobs, no push weights)',
    '',
    '| family | strategy | N | trials | accuracy | wrong verdicts | mean jobs | median | p90 | mean rounds | max rounds | bound | jobs ÷ bound | inconclusive | budget hit |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...failureRows
      .filter((x) => x.task.section === 'families')
      .map(
        ({ task: t, r }) =>
          `| ${t.family} | ${t.label} | ${t.spec.pushes} | ${r.trials} | ${pct(r.accuracy)} | ${pct(r.wrong)} | ${fmt(r.meanJobs)} | ${fmt(r.medianJobs)} | ${fmt(r.p90Jobs)} | ${fmt(r.meanRounds, 2)} | ${r.maxRounds} | ${fmt(r.lowerBound)} | ${fmt(r.meanJobs / r.lowerBound, 2)} | ${pct(r.inconclusive)} | ${pct(r.budgetExhausted)} |`,
      ),
    '',
  ];
  tables.push(familyTable.join('\n'));

  // ---- Evidence
  const evidenceTable = [
    `## Evidence at N = 20, each alone and combined (machine time: ${JOB_MINUTES} min a job, ${REPEAT_JOB_MINUTES} min a repeat job; assumed)`,
    '',
    '| family | k | evidence | trials | accuracy | mean jobs | mean rounds | machine minutes |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const { family, parallel } of EVIDENCE_FAMILIES) {
    const plain = cell('families', family, `planner-k${parallel}`);
    if (plain)
      evidenceTable.push(
        `| ${family} | ${parallel} | none | ${plain.trials} | ${pct(plain.accuracy)} | ${fmt(plain.meanJobs)} | ${fmt(plain.meanRounds, 2)} | ${fmt(plain.meanMachineMinutes, 0)} |`,
      );
    for (const x of failureRows.filter(
      (x) => x.task.section === 'evidence' && x.task.family === family && x.task.spec.parallel === parallel,
    ))
      evidenceTable.push(
        `| ${family} | ${parallel} | ${x.task.evidence} | ${x.r.trials} | ${pct(x.r.accuracy)} | ${fmt(x.r.meanJobs)} | ${fmt(x.r.meanRounds, 2)} | ${fmt(x.r.meanMachineMinutes, 0)} |`,
      );
  }
  evidenceTable.push('');
  tables.push(evidenceTable.join('\n'));

  // ---- Sparse rule and short history
  const sparseTable = [
    `## Sparse schedules (the job ran on every 4th push, N = 20, k = ${K}) and short histories`,
    '',
    '| case | range rule / history | trials | accuracy | mean jobs | mean suspects at the end | inconclusive | budget hit |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const q of [1, 0.5, 0.3]) {
    const name = `sparse every 4, q=${q}`;
    const ours = cell('families', name, 'planner-k4');
    const old = failureRows.find((x) => x.task.id === `sparse-rule|${name}`)?.r;
    if (ours)
      sparseTable.push(
        `| ${name} | evidence: back to the ${RANGE_EVIDENCE_PASSES}th earlier pass | ${ours.trials} | ${pct(ours.accuracy)} | ${fmt(ours.meanJobs)} | ${fmt(ours.meanSuspects)} | ${pct(ours.inconclusive)} | ${pct(ours.budgetExhausted)} |`,
      );
    if (old)
      sparseTable.push(
        `| ${name} | old: ends at the nearest earlier run, taken as good | ${old.trials} | ${pct(old.accuracy)} | ${fmt(old.meanJobs)} | ${fmt(old.meanSuspects)} | ${pct(old.inconclusive)} | ${pct(old.budgetExhausted)} |`,
      );
  }
  const h300 = cell('families', 'no-culprit f=0.1', 'planner-k4');
  const h50 = failureRows.find((x) => x.task.id === 'history|no-culprit f=0.1|50')?.r;
  if (h300)
    sparseTable.push(
      `| no-culprit f=0.1 | ${DEFAULT_HISTORY_RUNS} history runs (paged) | ${h300.trials} | ${pct(h300.accuracy)} | ${fmt(h300.meanJobs)} | ${fmt(h300.meanSuspects)} | ${pct(h300.inconclusive)} | ${pct(h300.budgetExhausted)} |`,
    );
  if (h50)
    sparseTable.push(
      `| no-culprit f=0.1 | 50 history runs (one page), budget ${DEFAULT_SIM_BUDGET} | ${h50.trials} | ${pct(h50.accuracy)} | ${fmt(h50.meanJobs)} | ${fmt(h50.meanSuspects)} | ${pct(h50.inconclusive)} | ${pct(h50.budgetExhausted)} |`,
    );
  sparseTable.push('');
  tables.push(sparseTable.join('\n'));

  // ---- Preview calibration
  const previews = tasks
    .filter((t): t is PreviewTask => t.type === 'preview')
    .map((t) => ({ task: t, r: results.get(t.id) as PreviewResult }));
  const familyEstimate = (e: CostEstimate, q: number | null) => e.families?.find((f) => f.q === q);
  const calibration: {
    family: string;
    k: number;
    predictedMedian: number;
    predictedP90: number;
    singleMedians: number[];
    measuredMedian: number;
    measuredP90: number;
    within15: boolean;
  }[] = [];
  const calibrate = (family: string, f: number, q: number | null, parallel: number) => {
    const preview = previews.find(
      (p) => p.task.f === f && p.task.budget === DEFAULT_SIM_BUDGET && p.task.parallel === parallel,
    );
    const measured = cell('families', family, `planner-k${parallel}`);
    if (!preview || !measured) return;
    const own = preview.r.estimates.map((e) => familyEstimate(e, q)).filter((x) => x !== undefined);
    if (own.length === 0) return;
    const predictedMedian = mean(own.map((x) => x.medianJobs));
    calibration.push({
      family,
      k: parallel,
      predictedMedian,
      predictedP90: mean(own.map((x) => x.p90Jobs)),
      singleMedians: own.map((x) => x.medianJobs),
      measuredMedian: measured.medianJobs,
      measuredP90: measured.p90Jobs,
      within15: Math.abs(predictedMedian - measured.medianJobs) <= 0.15 * measured.medianJobs,
    });
  };
  calibrate('deterministic', 0, 1, 1);
  calibrate('deterministic', 0, 1, K);
  calibrate('flaky-test f=0.05', 0.05, 1, K);
  calibrate('flaky-test f=0.1', 0.1, 1, K);
  for (const q of [0.7, 0.5, 0.3, 0.2]) calibrate(`intermittent q=${q} f=0`, 0, q, K);
  calibrate('no-culprit f=0.05', 0.05, null, K);
  calibrate('no-culprit f=0.1', 0.1, null, K);
  const calibrationTable = [
    `## Preview calibration (N = 20, budget ${DEFAULT_SIM_BUDGET}; each preview: ${DEFAULT_COST_DRAWS} stratified draws, 10 previews from independent histories)`,
    '',
    'The preview cannot know the family before the first runs: it reports the mixture over its prior and, per family, that',
    "family's median and p90. Predicted = mean over the 10 previews of the family's own estimate; the spread of single",
    'previews is what one user sees. Measured = the planner on 1,000 (or fewer) planted cases of the family, above.',
    '',
    '| family | k | predicted median | single previews (min–max) | measured median | predicted p90 | measured p90 | median within 15 % |',
    '|---|---|---|---|---|---|---|---|',
    ...calibration.map(
      (c) =>
        `| ${c.family} | ${c.k} | ${fmt(c.predictedMedian)} | ${fmt(Math.min(...c.singleMedians), 0)}–${fmt(Math.max(...c.singleMedians), 0)} | ${fmt(c.measuredMedian)} | ${fmt(c.predictedP90)} | ${fmt(c.measuredP90)} | ${c.within15 ? 'yes' : '**no**'} |`,
    ),
    '',
    `At the default budget of ${RUNTIME_BUDGET} (N = 20, k = ${K}), the preview's own draws (mixture over its prior, mean of 10 previews):`,
    '',
    '| job flake rate f | a verdict within the budget | inconclusive | budget exhausted | predicted median | predicted p90 |',
    '|---|---|---|---|---|---|',
    ...previews
      .filter((p) => p.task.budget === RUNTIME_BUDGET)
      .map((p) => {
        const e = p.r.estimates;
        return `| ${p.task.f} | ${pct(mean(e.map((x) => x.verdictWithinBudget ?? 0)), 0)} | ${pct(mean(e.map((x) => x.inconclusive ?? 0)), 0)} | ${pct(mean(e.map((x) => x.budgetExhausted)), 0)} | ${fmt(mean(e.map((x) => x.medianJobs)))} | ${fmt(mean(e.map((x) => x.p90Jobs)))} |`;
      }),
    '',
  ];
  tables.push(calibrationTable.join('\n'));
  const timings = tasks
    .filter((t): t is TimingTask => t.type === 'timing')
    .map((t) => ({ task: t, r: results.get(t.id) as TimingResult }));
  tables.push(
    [
      `## Preview time (runtime slices of ${DEFAULT_SLICE_MS} ms; load on this shared 2-core machine inflates wall time)`,
      '',
      '| N | budget | slices | longest slice (wall) | longest slice (CPU) | total wall time | draws |',
      '|---|---|---|---|---|---|---|',
      ...timings.map(
        ({ task, r }) =>
          `| ${task.pushes} | ${task.budget} | ${r.slices} | ${fmt(r.maxSliceMs, 0)} ms | ${fmt(r.maxSliceCpuMs, 0)} ms | ${fmt(r.totalMs / 1000, 1)} s | ${r.estimate.draws} |`,
      ),
      '',
    ].join('\n'),
  );

  // ---- Perf
  const perfRows = tasks
    .filter((t): t is PerfTask => t.type === 'perf')
    .map((t) => ({ task: t, r: results.get(t.id) as PerfCellResult }));
  const perfTable = [
    '## Perf bisection',
    '',
    '| family | strategy | N | trials | accuracy | mean jobs | p90 jobs | mean rounds | right with fewer jobs than Sherlock |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const { task, r } of perfRows) {
    let wins = '';
    if (task.strategy === 'planner') {
      const sherlock = perfRows.find(
        (x) =>
          x.task.family === task.family && x.task.spec.pushes === task.spec.pushes && x.task.strategy === 'sherlock',
      )?.r;
      if (sherlock) wins = pct(r.jobs.filter((jobs, t) => r.correct[t] && jobs < sherlock.jobs[t]!).length / r.trials);
    }
    perfTable.push(
      `| ${task.family} | ${task.strategy} | ${task.spec.pushes} | ${r.trials} | ${pct(r.accuracy)} | ${fmt(r.meanJobs)} | ${fmt(r.p90Jobs)} | ${fmt(r.meanRounds, 2)} | ${wins} |`,
    );
  }
  perfTable.push('');
  tables.push(perfTable.join('\n'));

  // ---- Targets (issue 18)
  const checks: TargetCheck[] = [];
  const planner = failureRows.filter((x) => x.task.section === 'families' && x.task.label.startsWith('planner'));
  if (planner.length) {
    const pooled = new Map<string, { right: number; trials: number; cells: string[] }>();
    for (const { task, r } of planner) {
      const key = `${task.family}|${task.spec.pushes}`;
      const acc = pooled.get(key) ?? { right: 0, trials: 0, cells: [] };
      acc.right += r.accuracy * r.trials;
      acc.trials += r.trials;
      pooled.set(key, acc);
    }
    const cells = [...pooled.entries()].map(([key, a]) => ({ key, accuracy: a.right / a.trials, trials: a.trials }));
    const misses = cells.filter((c) => c.accuracy < 0.99).sort((a, b) => a.accuracy - b.accuracy);
    const trialsRange = `${Math.min(...cells.map((c) => c.trials))}–${Math.max(...cells.map((c) => c.trials))}`;
    checks.push({
      target: 'accuracy ≥ 99 % in every family and N, pooled over k (incl. q = 0.7, sparse, no culprit)',
      met: misses.length === 0,
      measured:
        `${cells.length - misses.length} of ${cells.length} family × N cells (${trialsRange} trials each)` +
        (misses.length
          ? `; misses: ${misses.map((c) => `${c.key.replace('|', ' N=')} ${pct(c.accuracy)}`).join('; ')}`
          : '') +
        `; wrong verdicts at most ${pct(Math.max(...planner.map((x) => x.r.wrong)))} in a cell (the rest of a miss is inconclusive / budget)`,
    });
  }
  const det1 = cell('families', 'deterministic', 'planner-k1');
  const det1cf = cell('evidence', 'deterministic', 'planner-k1', 20, 'confirm-failures first (5 runs)');
  const bisect1 = cell('families', 'deterministic', 'bisect-1');
  if (det1)
    checks.push({
      target: 'permanent, N = 20, k = 1, no existing runs: ≤ 8 jobs (≤ 1.5× plain bisection)',
      met: det1.meanJobs <= 8,
      measured:
        `${fmt(det1.meanJobs)} jobs as the runtime runs it` +
        (det1cf
          ? `; ${fmt(det1cf.meanJobs)} with confirm-failures first (simulated: the runtime does not trigger it yet)`
          : '') +
        (bisect1 ? `; plain bisection ${fmt(bisect1.meanJobs)}` : ''),
    });
  const cov = cell('evidence', 'deterministic', 'planner-k1', 20, '30 % existing runs');
  if (cov)
    checks.push({
      target: 'permanent, N = 20, k = 1, 30 % existing runs: ≤ 6 jobs',
      met: cov.meanJobs <= 6,
      measured: `${fmt(cov.meanJobs)} jobs (${pct(cov.accuracy)} right)`,
    });
  const det4 = cell('families', 'deterministic', 'planner-k4');
  const det4cf = cell('evidence', 'deterministic', 'planner-k4', 20, 'confirm-failures first (5 runs)');
  if (det4)
    checks.push({
      target: `permanent, N = 20, k = ${K}: mean rounds ≤ 3.0`,
      met: det4.meanRounds <= 3,
      measured:
        `${fmt(det4.meanRounds, 2)} rounds (${fmt(det4.meanJobs)} jobs)` +
        (det4cf ? `; ${fmt(det4cf.meanRounds, 2)} with confirm-failures first` : ''),
    });
  const flaky = cell('families', 'flaky-test f=0.1', 'planner-k1');
  const flakyLine = cell('evidence', 'flaky-test f=0.1', 'planner-k1', 20, "test's own line, 1 % (job 10 %)");
  const flakyCf = cell('evidence', 'flaky-test f=0.1', 'planner-k1', 20, 'confirm-failures first (5 runs)');
  if (flaky)
    checks.push({
      target: 'flaky test f = 0.1, N = 20: ≤ 11.7 jobs',
      met: flaky.meanJobs <= 11.7,
      measured:
        `${fmt(flaky.meanJobs)} jobs (k = 1)` +
        (flakyCf ? `; ${fmt(flakyCf.meanJobs)} with confirm-failures first` : '') +
        (flakyLine ? `; ${fmt(flakyLine.meanJobs)} reading the test's own line (1 %)` : ''),
    });
  for (const [q, limit] of [
    [0.5, 35],
    [0.3, 56],
    [0.2, 80],
  ] as const) {
    const family = `intermittent q=${q} f=0`;
    const ours = cell('families', family, 'planner-k4');
    if (!ours) continue;
    const withEvidence = failureRows
      .filter((x) => x.task.section === 'evidence' && x.task.family === family)
      .map((x) => `${x.task.evidence} ${fmt(x.r.meanJobs)}`);
    checks.push({
      target: `intermittent q = ${q}, N = 20, k = ${K}: ≤ ${limit} jobs`,
      met: ours.meanJobs <= limit,
      measured: `${fmt(ours.meanJobs)} jobs as the runtime runs it; with evidence: ${withEvidence.join('; ')}`,
    });
  }
  const atDefault = previews.filter((p) => p.task.budget === RUNTIME_BUDGET);
  if (atDefault.length) {
    const shares = atDefault.map((p) => ({
      f: p.task.f,
      off: mean(p.r.estimates.map((e) => 1 - (e.verdictWithinBudget ?? 0))),
    }));
    checks.push({
      target: `budget-exhausted or inconclusive in ≤ 10 % of the preview's own draws at the default budget (${RUNTIME_BUDGET}), or the popover says the chance plainly`,
      met: false,
      measured: `${shares.map((s) => `f = ${s.f}: ${pct(s.off, 0)}`).join('; ')} of draws end without a verdict; missed — the popover now states the chance of a verdict within the budget`,
    });
  }
  if (calibration.length) {
    const misses = calibration.filter((c) => !c.within15);
    checks.push({
      target: "preview's predicted median within 15 % of the measured median, per family",
      met: misses.length === 0,
      measured:
        `${calibration.length - misses.length} of ${calibration.length} families` +
        (misses.length
          ? `; misses: ${misses.map((c) => `${c.family} (k=${c.k}) ${fmt(c.predictedMedian)} vs ${fmt(c.measuredMedian)}`).join('; ')}`
          : ''),
    });
  }
  const big = timings.find((t) => t.task.pushes === 100);
  if (big)
    checks.push({
      target: 'preview within 200 ms of worker time per slice at N = 100, budget 500',
      met: big.r.maxSliceCpuMs <= 200,
      measured: `longest slice ${fmt(big.r.maxSliceCpuMs, 0)} ms CPU (${fmt(big.r.maxSliceMs, 0)} ms wall) over ${big.r.slices} slices; ${fmt(big.r.totalMs / 1000, 1)} s in all`,
    });
  const awsy = perfRows.find((x) => x.task.family.startsWith('perf AWSY') && x.task.strategy === 'planner');
  if (awsy)
    checks.push({
      target: 'perf, one value a run (4 % step in 3 % noise, N = 24, k = 4): ≥ 95 % found within 40 jobs on average',
      met: awsy.r.accuracy >= 0.95 && awsy.r.meanJobs <= 40,
      measured: `${pct(awsy.r.accuracy)} found with ${fmt(awsy.r.meanJobs)} jobs on average (no sequential test yet)`,
    });
  const sherlockCells = perfRows.filter((x) => x.task.target && !x.task.family.startsWith('perf AWSY'));
  const perfPlanner = sherlockCells.filter((x) => x.task.strategy === 'planner');
  if (perfPlanner.length) {
    const ok = perfPlanner.every(({ task, r }) => {
      const s = sherlockCells.find(
        (x) =>
          x.task.strategy === 'sherlock' && x.task.family === task.family && x.task.spec.pushes === task.spec.pushes,
      )?.r;
      return s !== undefined && r.accuracy >= 0.95 && r.meanJobs < s.meanJobs;
    });
    checks.push({
      target: 'perf (fake-CI-like 5 % shift): ≥ 95 % found with fewer mean jobs than Sherlock (issue 8)',
      met: ok,
      measured: `${perfPlanner.map(({ task, r }) => `${task.family} N=${task.spec.pushes} ${pct(r.accuracy)} / ${fmt(r.meanJobs)}`).join('; ')}`,
    });
  }

  const targetLines = [
    '## Targets (issue 18)',
    '',
    '| target | met | measured |',
    '|---|---|---|',
    ...checks.map((c) => `| ${c.target} | ${c.met ? 'yes' : '**no**'} | ${c.measured} |`),
    '',
  ];
  console.log(targetLines.join('\n'));
  for (const t of tables) console.log(t);
  console.log(`runtime ${seconds.toFixed(0)} s with ${jobs} worker processes`);

  if (!write) return;
  const outDir = resolve(dirname(here), '../../bench-results');
  mkdirSync(outDir, { recursive: true });
  const config = {
    seed: SEED,
    baseTrials: base,
    trialShares:
      'intermittent q ≥ 0.5: 1, q = 0.3: 0.4, q = 0.2: 0.25, q = 0.1: 0.15; perf 0.2; every-probe repeats 0.5',
    pushes: PUSHES,
    parallel: [1, K],
    historyRuns: DEFAULT_HISTORY_RUNS,
    noCulpritPrior: DEFAULT_NO_CULPRIT_PRIOR,
    qGrid: DEFAULT_Q_GRID,
    budget: DEFAULT_SIM_BUDGET,
    runtimeBudget: RUNTIME_BUDGET,
    threshold: 0.99,
    qRobustness: DEFAULT_Q_ROBUSTNESS,
    noCulpritRobustness: NO_CULPRIT_ROBUSTNESS,
    minRegressionLift: MIN_REGRESSION_LIFT,
    hopelessMargin: DEFAULT_HOPELESS_MARGIN,
    rangeEvidencePasses: RANGE_EVIDENCE_PASSES,
    previewDraws: DEFAULT_COST_DRAWS,
    previewSliceMs: DEFAULT_SLICE_MS,
    jobMinutes: JOB_MINUTES,
    repeatJobMinutes: REPEAT_JOB_MINUTES,
    runtimeSeconds: Math.round(seconds),
    workers: jobs,
  };
  const json = {
    config,
    targets: checks,
    failures: failureRows.map(({ task, r }) => ({
      section: task.section,
      family: task.family,
      kind: task.kind,
      evidence: task.evidence,
      strategy: task.label,
      pushes: task.spec.pushes,
      ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? round3(v) : v])),
    })),
    calibration,
    previewsAtDefaultBudget: atDefault.map((p) => ({
      f: p.task.f,
      estimates: p.r.estimates.map((e) => ({ ...e, families: e.families })),
    })),
    timing: timings.map(({ task, r }) => ({ ...task, ...r })),
    perf: perfRows.map(({ task, r }) => ({
      family: task.family,
      strategy: task.strategy,
      pushes: task.spec.pushes,
      trials: r.trials,
      accuracy: round3(r.accuracy),
      meanJobs: round3(r.meanJobs),
      p90Jobs: round3(r.p90Jobs),
      meanRounds: round3(r.meanRounds),
    })),
  };
  writeFileSync(resolve(outDir, 'bisect.json'), `${JSON.stringify(json, null, 2)}\n`);
  const header = [
    '# Culprit-finding benchmark (`npm run bench:bisect`)',
    '',
    `Simulated, seeded (seed ${SEED}); ${base} trials per cell as the base, dear intermittent cells a share of it (${config.trialShares});`,
    `${Math.round(seconds)} s with ${jobs} worker processes on this shared 2-core machine. Planner: threshold 0.99, q-robustness ε = ${DEFAULT_Q_ROBUSTNESS}`,
    `(${NO_CULPRIT_ROBUSTNESS} for "no culprit"), regressions ≥ ${MIN_REGRESSION_LIFT}× f, prior P(q = 1) = ${DEFAULT_Q_GRID[0]!.weight}, no-culprit prior ${DEFAULT_NO_CULPRIT_PRIOR},`,
    `flake prior from ${DEFAULT_HISTORY_RUNS} simulated similar-job runs, budget ${DEFAULT_SIM_BUDGET} jobs, "inconclusive" when a verdict would take > ${DEFAULT_HOPELESS_MARGIN}× the jobs left.`,
    `Culprit uniform over the N suspects; every case starts from one failing run on the last push. Sparse: the job ran on every`,
    `4th push (also before the range), the range derived as the runtime does (back to the ${RANGE_EVIDENCE_PASSES}th earlier pass). Accuracy counts`,
    'inconclusive and budget-exhausted ends as not right; "wrong verdicts" counts only named wrong answers. Bound = log2 N / C.',
    '',
  ];
  writeFileSync(resolve(outDir, 'bisect.md'), [...header, ...targetLines, ...tables].join('\n'));
  console.log(`wrote ${resolve(outDir, 'bisect.json')} and bisect.md`);
}

// ---- Entry: a worker runs the tasks it is sent, one at a time; otherwise this is the driver.
if (process.argv.includes('--worker')) {
  process.on('message', (task: BenchTask) => process.send!({ id: task.id, result: runTask(task) }));
} else {
  await main();
}
