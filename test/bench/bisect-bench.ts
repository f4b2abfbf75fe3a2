/**
 * npm run bench:bisect — simulates every failure family × gap size with our planner and the comparison strategies
 * (linear backfill, plain bisection, mozci; Sherlock and full backfill for perf), prints one table per family, and
 * writes bench-results/bisect.json and bench-results/bisect.md.
 * Accuracy is judged against the planted culprit, never against the planner's posterior.
 *
 * Options: --planner-trials <n> (default 300), --strategy-trials <n> (default 1000, per comparison strategy),
 * --only <family substring>, --no-write (print only).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_HISTORY_RUNS,
  DEFAULT_NO_CULPRIT_PRIOR,
  DEFAULT_SIM_BUDGET,
  FAILURE_STRATEGIES,
  type FailureCaseSpec,
  type FailureStrategyName,
  runFailureExperiment,
} from '../../src/culprit-finding/experiment.js';
import { DEFAULT_BATCH_EFFICIENCY } from '../../src/culprit-finding/planner.js';
import { DEFAULT_Q_ROBUSTNESS, NO_CULPRIT_ROBUSTNESS } from '../../src/culprit-finding/verdict.js';
import { MIN_REGRESSION_LIFT } from '../../src/culprit-finding/model.js';
import {
  PERF_STRATEGIES,
  type PerfStrategyName,
  runPerfExperiment,
} from '../../src/culprit-finding/perf/experiment.js';

const PUSHES = [5, 9, 20, 39] as const;
const PARALLEL = 4;

/**
 * Our planner runs twice where it is cheap to simulate: k = 1 (fewest jobs) and k = 4 (fewest rounds). For the
 * intermittent families, one run per round would mean hundreds of rounds per case, so only k = 4 is simulated.
 */
interface Contender {
  readonly label: string;
  readonly strategy: FailureStrategyName;
  readonly parallel: number;
  readonly kinds?: readonly FamilyKind[];
  /** Diagnostic rows: the planner told the true f and q (what the bound assumes); not judged by the targets. */
  readonly knownRates?: boolean;
}
const CONTENDERS: Contender[] = [
  { label: 'planner-k1', strategy: 'planner', parallel: 1, kinds: ['deterministic', 'flaky-test', 'no-culprit'] },
  { label: 'planner-k4', strategy: 'planner', parallel: PARALLEL },
  {
    label: 'oracle-k1',
    strategy: 'planner',
    parallel: 1,
    kinds: ['deterministic', 'flaky-test', 'no-culprit'],
    knownRates: true,
  },
  { label: 'oracle-k4', strategy: 'planner', parallel: PARALLEL, kinds: ['intermittent'], knownRates: true },
  ...FAILURE_STRATEGIES.filter((s) => s !== 'planner').map(
    (s): Contender => ({ label: s, strategy: s, parallel: PARALLEL }),
  ),
];
const SEED = 20260501;

type FamilyKind = 'deterministic' | 'flaky-test' | 'intermittent' | 'no-culprit';
interface Family {
  readonly name: string;
  readonly kind: FamilyKind;
  readonly f: number;
  readonly q: number;
  readonly culprit: 'uniform' | null;
}

const FAMILIES: Family[] = [
  { name: 'deterministic', kind: 'deterministic', f: 0, q: 1, culprit: 'uniform' },
  ...[0.05, 0.1, 0.3].map(
    (f): Family => ({ name: `flaky-test f=${f}`, kind: 'flaky-test', f, q: 1, culprit: 'uniform' }),
  ),
  ...[0, 0.01].flatMap((f) =>
    [0.5, 0.3, 0.2, 0.1].map(
      (q): Family => ({ name: `intermittent q=${q} f=${f}`, kind: 'intermittent', f, q, culprit: 'uniform' }),
    ),
  ),
  ...[0.05, 0.1, 0.3].map((f): Family => ({ name: `no-culprit f=${f}`, kind: 'no-culprit', f, q: 1, culprit: null })),
];

interface Row {
  family: string;
  kind: FamilyKind;
  f: number;
  q: number;
  pushes: number;
  strategy: string;
  parallel: number;
  trials: number;
  accuracy: number;
  meanJobs: number;
  p90Jobs: number;
  meanRounds: number;
  maxRounds: number;
  lowerBound: number;
  jobsOverBound: number;
  budgetExhausted: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const plannerTrials = Number(arg('--planner-trials') ?? 300);
const strategyTrials = Number(arg('--strategy-trials') ?? 1000);
const oracleTrials = Number(arg('--oracle-trials') ?? 150);
const only = arg('--only');
const write = !process.argv.includes('--no-write');

const started = performance.now();
const rows: Row[] = [];
const families = FAMILIES.filter((f) => !only || f.name.includes(only));

function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '∞';
}

const tables: string[] = [];
for (const family of families) {
  const familyRows: Row[] = [];
  for (const contender of CONTENDERS) {
    if (contender.kinds && !contender.kinds.includes(family.kind)) continue;
    for (const pushes of PUSHES) {
      const spec: FailureCaseSpec = {
        pushes,
        culprit: family.culprit,
        f: family.f,
        q: family.q,
        parallel: contender.parallel,
        ...(contender.knownRates ? { knownRates: true } : {}),
      };
      const trials = contender.knownRates
        ? oracleTrials
        : contender.strategy === 'planner'
          ? plannerTrials
          : strategyTrials;
      // Same seed for every contender: they face the same planted cases and flake histories.
      const seed = SEED + pushes * 1000 + FAMILIES.indexOf(family);
      const { summary, lowerBound } = runFailureExperiment(spec, contender.strategy, trials, seed);
      const row: Row = {
        family: family.name,
        kind: family.kind,
        f: family.f,
        q: family.q,
        pushes,
        strategy: contender.label,
        parallel: contender.parallel,
        trials,
        accuracy: summary.accuracy,
        meanJobs: summary.meanJobs,
        p90Jobs: summary.p90Jobs,
        meanRounds: summary.meanRounds,
        maxRounds: summary.maxRounds,
        lowerBound,
        jobsOverBound: summary.meanJobs / lowerBound,
        budgetExhausted: summary.exhausted,
      };
      familyRows.push(row);
      rows.push(row);
    }
  }
  const lines = [
    `### ${family.name}`,
    '',
    '| strategy | N | trials | accuracy | mean jobs | p90 jobs | mean rounds | max rounds | bound | jobs ÷ bound | budget hit |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...familyRows.map(
      (r) =>
        `| ${r.strategy} | ${r.pushes} | ${r.trials} | ${(100 * r.accuracy).toFixed(1)} % | ${fmt(r.meanJobs)} | ${fmt(r.p90Jobs)} | ${fmt(r.meanRounds, 2)} | ${r.maxRounds} | ${fmt(r.lowerBound)} | ${fmt(r.jobsOverBound, 2)} | ${(100 * r.budgetExhausted).toFixed(1)} % |`,
    ),
    '',
  ];
  const table = lines.join('\n');
  tables.push(table);
  console.log(table);
}

// Targets from issue 7, evaluated on the planner rows.
interface TargetCheck {
  target: string;
  met: boolean;
  detail: string;
}
const planner = rows.filter((r) => r.strategy.startsWith('planner'));
const checks: TargetCheck[] = [];
if (planner.length) {
  const worst = [...planner].sort((a, b) => a.accuracy - b.accuracy)[0];
  const misses = planner.filter((r) => r.accuracy < 0.99);
  checks.push({
    target: 'accuracy ≥ 99 % in every family × gap size cell',
    met: misses.length === 0,
    detail: worst
      ? `lowest ${(100 * worst.accuracy).toFixed(1)} % (${worst.strategy}, ${worst.family}, N=${worst.pushes}); ${misses.length} of ${planner.length} cells below 99 %` +
        (misses.length
          ? `: ${misses.map((r) => `${r.strategy} ${r.family} N=${r.pushes} ${(100 * r.accuracy).toFixed(1)} %`).join('; ')}`
          : '')
      : 'no rows',
  });
}
if (planner.length) {
  // Per family, pooled over gap sizes and k: 1,200–2,400 trials, so sampling noise (±0.6 % per 300-trial cell) shrinks.
  const byFamily = new Map<string, { right: number; trials: number }>();
  for (const r of planner) {
    const acc = byFamily.get(r.family) ?? { right: 0, trials: 0 };
    acc.right += r.accuracy * r.trials;
    acc.trials += r.trials;
    byFamily.set(r.family, acc);
  }
  const pooled = [...byFamily.entries()].map(([family, a]) => ({
    family,
    accuracy: a.right / a.trials,
    trials: a.trials,
  }));
  const misses = pooled.filter((p) => p.accuracy < 0.99);
  const worst = [...pooled].sort((a, b) => a.accuracy - b.accuracy)[0]!;
  checks.push({
    target: 'accuracy ≥ 99 % in every family (pooled over N and k)',
    met: misses.length === 0,
    detail:
      `lowest ${(100 * worst.accuracy).toFixed(2)} % (${worst.family}, ${worst.trials} trials); ${misses.length} of ${pooled.length} families below 99 %` +
      (misses.length ? `: ${misses.map((p) => `${p.family} ${(100 * p.accuracy).toFixed(2)} %`).join('; ')}` : ''),
  });
}
for (const [kinds, limit, label] of [
  [['deterministic', 'flaky-test'], 1.5, 'planner-k1'],
  [['deterministic', 'flaky-test'], 1.5, 'planner-k4'],
  [['intermittent'], 2, 'planner-k4'],
] as const) {
  const cells = planner.filter((r) => r.strategy === label && (kinds as readonly string[]).includes(r.kind));
  const misses = cells.filter((r) => r.jobsOverBound > limit);
  const worst = [...cells].sort((a, b) => b.jobsOverBound - a.jobsOverBound)[0];
  if (!worst) continue;
  checks.push({
    target: `mean jobs ≤ ${limit}× lower bound (${kinds.join(', ')}; ${label})`,
    met: misses.length === 0,
    detail: worst
      ? `worst ${worst.jobsOverBound.toFixed(2)}× (${worst.family}, N=${worst.pushes}); ${misses.length} of ${cells.length} cells over` +
        (misses.length
          ? `: ${misses.map((r) => `${r.family} N=${r.pushes} ${r.jobsOverBound.toFixed(2)}×`).join('; ')}`
          : '')
      : 'no rows',
  });
}
for (const label of ['planner-k1', 'planner-k4']) {
  const ours = planner.find((r) => r.strategy === label && r.kind === 'deterministic' && r.pushes === 20);
  const linear = rows.find((r) => r.strategy === 'linear' && r.kind === 'deterministic' && r.pushes === 20);
  if (ours && linear) {
    const ratio = linear.meanJobs / ours.meanJobs;
    checks.push({
      target: `permanent, N = 20: ≥ 3× fewer jobs than linear backfill (${label})`,
      met: ratio >= 3,
      detail: `${ours.meanJobs.toFixed(2)} vs ${linear.meanJobs.toFixed(2)} jobs = ${ratio.toFixed(2)}× fewer`,
    });
  }
}
{
  const cells = planner.filter((r) => r.strategy === 'planner-k4' && r.kind === 'deterministic');
  const detail = cells.map((r) => {
    const limit = Math.ceil(Math.log(r.pushes) / Math.log(PARALLEL + 1) - 1e-9) + 2;
    return { r, limit };
  });
  if (detail.length) {
    checks.push({
      target: `permanent, k = ${PARALLEL}: rounds ≤ ⌈log_${PARALLEL + 1} N⌉ + 2 (every trial)`,
      met: detail.every(({ r, limit }) => r.maxRounds <= limit),
      detail: detail
        .map(({ r, limit }) => `N=${r.pushes}: max ${r.maxRounds}, mean ${r.meanRounds.toFixed(2)} (limit ${limit})`)
        .join('; '),
    });
  }
}

// ---- Perf bisection (issue 8): our perf planner vs Sherlock's iterative sliced backfill vs full backfill.
interface PerfFamily {
  readonly name: string;
  readonly shiftPct: number;
  readonly noisePct: number;
  readonly runNoisePct: number;
  readonly replicatesPerRun: number;
  /** Counts for the issue's target (cases like the fake CI's perf scenario). */
  readonly target: boolean;
}
const PERF_FAMILIES: PerfFamily[] = [
  {
    name: 'perf shift 5 % noise 3 % ×25',
    shiftPct: 5,
    noisePct: 3,
    runNoisePct: 0,
    replicatesPerRun: 25,
    target: true,
  },
  {
    name: 'perf shift 5 % noise 2 % ×20 (fake CI)',
    shiftPct: 5,
    noisePct: 2,
    runNoisePct: 0,
    replicatesPerRun: 20,
    target: true,
  },
  {
    name: 'perf shift 5 % noise 3 % ×25 + run noise 1.5 %',
    shiftPct: 5,
    noisePct: 3,
    runNoisePct: 1.5,
    replicatesPerRun: 25,
    target: false,
  },
  {
    name: 'perf shift 2.5 % noise 3 % ×25 + run noise 1 %',
    shiftPct: 2.5,
    noisePct: 3,
    runNoisePct: 1,
    replicatesPerRun: 25,
    target: false,
  },
];
interface PerfRow {
  family: string;
  pushes: number;
  strategy: PerfStrategyName;
  trials: number;
  accuracy: number;
  meanJobs: number;
  p90Jobs: number;
  meanRounds: number;
  maxRounds: number;
  lowerBound: number;
  /** Planner rows only: share of trials where the planner was right and used fewer jobs than Sherlock. */
  foundWithFewerJobsThanSherlock?: number;
}
const perfRows: PerfRow[] = [];
const perfTrials = Number(arg('--perf-trials') ?? 300);
for (const family of PERF_FAMILIES.filter((f) => !only || f.name.includes(only))) {
  const familyRows: PerfRow[] = [];
  for (const pushes of PUSHES) {
    const seed = SEED + 77 + pushes * 1000 + PERF_FAMILIES.indexOf(family);
    const spec = {
      pushes,
      culprit: 'uniform' as const,
      shiftPct: family.shiftPct,
      noisePct: family.noisePct,
      runNoisePct: family.runNoisePct,
      replicatesPerRun: family.replicatesPerRun,
      parallel: PARALLEL,
    };
    const results = new Map(
      PERF_STRATEGIES.map((strategy) => [strategy, runPerfExperiment(spec, strategy, perfTrials, seed)] as const),
    );
    const sherlock = results.get('sherlock')!;
    for (const strategy of PERF_STRATEGIES) {
      const r = results.get(strategy)!;
      const row: PerfRow = {
        family: family.name,
        pushes,
        strategy,
        trials: perfTrials,
        accuracy: r.summary.accuracy,
        meanJobs: r.summary.meanJobs,
        p90Jobs: r.summary.p90Jobs,
        meanRounds: r.summary.meanRounds,
        maxRounds: r.summary.maxRounds,
        lowerBound: Math.log2(pushes),
      };
      if (strategy === 'planner') {
        let wins = 0;
        r.jobs.forEach((jobs, t) => {
          if (r.correct[t] && jobs < sherlock.jobs[t]!) wins++;
        });
        row.foundWithFewerJobsThanSherlock = wins / perfTrials;
      }
      familyRows.push(row);
      perfRows.push(row);
    }
  }
  const table = [
    `### ${family.name}`,
    '',
    '| strategy | N | trials | accuracy | mean jobs | p90 jobs | mean rounds | max rounds | log2 N | right with fewer jobs than Sherlock |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...familyRows.map(
      (r) =>
        `| ${r.strategy} | ${r.pushes} | ${r.trials} | ${(100 * r.accuracy).toFixed(1)} % | ${fmt(r.meanJobs)} | ${fmt(r.p90Jobs)} | ${fmt(r.meanRounds, 2)} | ${r.maxRounds} | ${fmt(r.lowerBound)} | ${r.foundWithFewerJobsThanSherlock === undefined ? '' : `${(100 * r.foundWithFewerJobsThanSherlock).toFixed(1)} %`} |`,
    ),
    '',
  ].join('\n');
  tables.push(table);
  console.log(table);
}
{
  const targetFamilies = new Set(PERF_FAMILIES.filter((f) => f.target).map((f) => f.name));
  const ours = perfRows.filter((r) => r.strategy === 'planner' && targetFamilies.has(r.family));
  if (ours.length) {
    const cells = ours.map((r) => {
      const sherlock = perfRows.find(
        (x) => x.strategy === 'sherlock' && x.family === r.family && x.pushes === r.pushes,
      )!;
      return { r, sherlock };
    });
    const met = cells.every(({ r, sherlock }) => r.accuracy >= 0.95 && r.meanJobs < sherlock.meanJobs);
    checks.push({
      target: 'perf (fake-CI-like 5 % shift): accuracy ≥ 95 % with fewer mean jobs than Sherlock',
      met,
      detail: cells
        .map(
          ({ r, sherlock }) =>
            `${r.family} N=${r.pushes}: ${(100 * r.accuracy).toFixed(1)} %, ${r.meanJobs.toFixed(2)} vs Sherlock ${sherlock.meanJobs.toFixed(2)} jobs (${(100 * sherlock.accuracy).toFixed(1)} %); right with fewer jobs in ${(100 * (r.foundWithFewerJobsThanSherlock ?? 0)).toFixed(1)} % of cases`,
        )
        .join('; '),
    });
  }
}

const seconds = (performance.now() - started) / 1000;
const config = {
  seed: SEED,
  parallel: CONTENDERS.map((c) => ({ strategy: c.label, parallel: c.parallel, families: c.kinds ?? 'all' })),
  plannerTrialsPerCell: plannerTrials,
  oracleTrialsPerCell: oracleTrials,
  perfTrialsPerCell: perfTrials,
  strategyTrialsPerCell: strategyTrials,
  historyRuns: DEFAULT_HISTORY_RUNS,
  noCulpritPrior: DEFAULT_NO_CULPRIT_PRIOR,
  budget: DEFAULT_SIM_BUDGET,
  threshold: 0.99,
  batchEfficiency: DEFAULT_BATCH_EFFICIENCY,
  qRobustness: DEFAULT_Q_ROBUSTNESS,
  noCulpritRobustness: NO_CULPRIT_ROBUSTNESS,
  minRegressionLift: MIN_REGRESSION_LIFT,
  pushes: PUSHES,
  runtimeSeconds: Math.round(seconds),
};
const targetLines = [
  '### Targets (planner)',
  '',
  '| target | met | detail |',
  '|---|---|---|',
  ...checks.map((c) => `| ${c.target} | ${c.met ? 'yes' : '**no**'} | ${c.detail} |`),
  '',
];
console.log(targetLines.join('\n'));
console.log(`runtime ${seconds.toFixed(1)} s`);

if (write) {
  const here = dirname(fileURLToPath(import.meta.url));
  const outDir = resolve(here, '../../bench-results');
  mkdirSync(outDir, { recursive: true });
  const round = (n: number): number => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n);
  const jsonRows = rows.map((r) => ({
    ...r,
    accuracy: round(r.accuracy),
    meanJobs: round(r.meanJobs),
    p90Jobs: round(r.p90Jobs),
    meanRounds: round(r.meanRounds),
    lowerBound: round(r.lowerBound),
    jobsOverBound: round(r.jobsOverBound),
    budgetExhausted: round(r.budgetExhausted),
  }));
  const perfJson = perfRows.map((r) => ({
    ...r,
    accuracy: round(r.accuracy),
    meanJobs: round(r.meanJobs),
    p90Jobs: round(r.p90Jobs),
    meanRounds: round(r.meanRounds),
    lowerBound: round(r.lowerBound),
    ...(r.foundWithFewerJobsThanSherlock !== undefined
      ? { foundWithFewerJobsThanSherlock: round(r.foundWithFewerJobsThanSherlock) }
      : {}),
  }));
  writeFileSync(
    resolve(outDir, 'bisect.json'),
    `${JSON.stringify({ config, targets: checks, failures: jsonRows, perf: perfJson }, null, 2)}\n`,
  );
  const header = [
    '# Culprit-finding benchmark (`npm run bench:bisect`)',
    '',
    `Simulated, seeded (seed ${SEED}). Our planner: k = 1 (planner-k1) and k = ${PARALLEL} (planner-k4) runs per round, threshold 0.99,`,
    `q-robustness ε = ${DEFAULT_Q_ROBUSTNESS} (${NO_CULPRIT_ROBUSTNESS} for "no culprit"), regressions ≥ ${MIN_REGRESSION_LIFT}× f, batch efficiency ${DEFAULT_BATCH_EFFICIENCY} (all k slots filled); comparison strategies use k = ${PARALLEL} where it applies;`,
    `flake prior from ${DEFAULT_HISTORY_RUNS} simulated similar-job runs, no-culprit prior ${DEFAULT_NO_CULPRIT_PRIOR}, budget ${DEFAULT_SIM_BUDGET} jobs;`,
    `${plannerTrials} trials per family × N for the planner, ${strategyTrials} for each comparison strategy. Culprit uniform over the N suspects.`,
    `oracle-k1 / oracle-k4 (${oracleTrials} trials) are diagnostics, not a strategy: the same planner told the true f and q, which is what`,
    'the capacity bound assumes; the gap between oracle and planner rows is the price of estimating the rates.',
    'Every case starts from one failing run on the last push. Bound = log2 N / C (reference §3; binary asymmetric',
    'channel with the case’s f and q; for no-culprit ranges the alternative is a permanent culprit, C = C_Z(f)).',
    `Perf: ${perfTrials} trials per family × N and strategy, same seeds for all three; 12 history points before the gap, one run on`,
    'the alerted push; step at a uniform push; noise % is the replicate SD, run noise % a per-run offset SD (0 in the fake CI).',
    'Bound for perf = log2 N (a run tells at most whether the step is at or before its push).',
    '',
    '**Why the cost targets are missed.** The planner does not know q; the prior keeps half of the detected regressions',
    'intermittent. Confirming a permanent culprit c then needs several passes at c − 1 (to rule out "c − 1, q = 0.5–0.7")',
    'and failures at or after c (to rule out small q): about 4 of the ≈ 5.5 jobs between planner-k1 and oracle-k1 at',
    'N = 20 remain even with the plain posterior (ε = 0). Lower ε, more prior mass on q = 1, or the per-family stopping',
    'rule (`familyTolerance`) each cut deterministic / flaky-test jobs by 5–15 % but raise wrong verdicts in the',
    'intermittent families (up to 1.6 % in a cell) or make every intermittent family 5–20 % dearer; batch efficiency',
    '> 0 breaks the rounds target. Measurements are listed in src/culprit-finding/verdict.ts; the defaults are unchanged.',
    '',
  ];
  writeFileSync(resolve(outDir, 'bisect.md'), [...header, ...targetLines, ...tables].join('\n'));
  console.log(`wrote ${resolve(outDir, 'bisect.json')} and bisect.md`);
}
