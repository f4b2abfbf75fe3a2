/**
 * npm run bisect:sim -- --scenario <file.json>
 * Runs one scenario many times (seeded) with our planner or a comparison strategy and prints the metrics; the last stdout
 * line is JSON: {"accuracy", "meanJobs", "p90Jobs", "meanRounds", "lowerBound"}, and for failure scenarios also
 * "inconclusive", "budgetExhausted" (rates), "predictedMedianJobs", "predictedP90Jobs" (the preview's own estimate
 * for the scenario) and "meanMachineMinutes".
 * Failure scenarios may ask for existing evidence: "coverage", "sparseEvery" (with "rangeRule"), "repeatsPerJob"
 * (with "repeatCorrelation", "repeatMode"), "testFlakeRate" and "pushWeights" (one per push); see
 * src/culprit-finding/experiment.ts.
 * Bad input (missing file, bad JSON, wrong fields) prints one sentence on stderr and exits with code 2.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FAILURE_STRATEGIES, runFailureExperiment } from '../../src/culprit-finding/experiment.js';
import { PERF_STRATEGIES, runPerfExperiment } from '../../src/culprit-finding/perf/experiment.js';

const probability = z.number().min(0).max(1);

const failureScenario = z
  .object({
    kind: z.literal('failure').optional(),
    pushes: z.number().int().min(1).max(200),
    culprit: z.union([z.number().int().min(0), z.literal('uniform')]).nullable(),
    f: probability.max(0.95),
    q: z.number().gt(0).max(1),
    parallel: z.number().int().min(1).max(16),
    trials: z.number().int().min(1).max(100_000),
    seed: z.number().int(),
    strategy: z.enum(FAILURE_STRATEGIES).optional(),
    budget: z.number().int().min(1).optional(),
    threshold: z.number().gt(0.5).lt(1).optional(),
    historyRuns: z.number().int().min(0).optional(),
    noCulpritPrior: probability.optional(),
    batchEfficiency: probability.optional(),
    qRobustness: z.number().min(0).lt(1).optional(),
    familyTolerance: z.number().gt(0).lt(1).optional(),
    coverage: probability.optional(),
    sparseEvery: z.number().int().min(1).max(50).optional(),
    rangeRule: z.enum(['evidence', 'nearest-run']).optional(),
    repeatsPerJob: z.number().int().min(1).max(20).optional(),
    repeatCorrelation: probability.optional(),
    repeatMode: z.enum(['confirm-first', 'every-probe']).optional(),
    testFlakeRate: probability.max(0.95).optional(),
    pushWeights: z.array(z.number().min(0)).optional(),
    previewTrials: z.number().int().min(0).max(100).optional(),
  })
  .strict()
  .refine((s) => s.culprit === null || s.culprit === 'uniform' || s.culprit < s.pushes, {
    message: 'culprit must be below pushes',
    path: ['culprit'],
  })
  .refine((s) => s.pushWeights === undefined || s.pushWeights.length === s.pushes, {
    message: 'needs one weight per push',
    path: ['pushWeights'],
  })
  .refine((s) => s.pushWeights === undefined || s.pushWeights.some((w) => w > 0), {
    message: 'needs at least one positive weight',
    path: ['pushWeights'],
  })
  .refine((s) => s.pushWeights === undefined || s.sparseEvery === undefined, {
    message: 'cannot be combined with sparseEvery (the derived range has its own length)',
    path: ['pushWeights'],
  });

const perfScenario = z
  .object({
    kind: z.literal('perf'),
    pushes: z.number().int().min(2).max(200),
    culprit: z.number().int().min(0),
    shiftPct: z.number().min(-90).max(500),
    noisePct: z.number().min(0).max(100),
    runNoisePct: z.number().min(0).max(100).optional(),
    replicatesPerRun: z.number().int().min(1).max(1000),
    parallel: z.number().int().min(1).max(16),
    trials: z.number().int().min(1).max(100_000),
    seed: z.number().int(),
    strategy: z.enum(PERF_STRATEGIES).optional(),
    budget: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((s) => s.culprit < s.pushes, { message: 'culprit must be below pushes', path: ['culprit'] });

type Metrics = {
  accuracy: number;
  meanJobs: number;
  p90Jobs: number;
  meanRounds: number;
  lowerBound: number;
  inconclusive?: number;
  budgetExhausted?: number;
  predictedMedianJobs?: number;
  predictedP90Jobs?: number;
  meanMachineMinutes?: number;
};

class InputError extends Error {}

function fail(message: string): never {
  throw new InputError(message);
}

function readScenario(argv: readonly string[]): unknown {
  const i = argv.indexOf('--scenario');
  const path = i >= 0 ? argv[i + 1] : undefined;
  if (!path) fail('Usage: npm run bisect:sim -- --scenario <file.json>.');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    fail(`Cannot read scenario file "${path}".`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    fail(`Scenario file "${path}" is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the scenario is invalid';
  const where = issue.path.length ? issue.path.map(String).join('.') : 'scenario';
  return `field "${where}": ${issue.message}`;
}

function runScenario(raw: unknown): Metrics {
  const kind = typeof raw === 'object' && raw !== null && 'kind' in raw ? (raw as { kind: unknown }).kind : 'failure';
  if (kind === 'perf') return runPerfScenario(raw);
  if (kind !== 'failure') fail(`Unknown scenario kind ${JSON.stringify(kind)}; expected "failure" or "perf".`);
  const parsed = failureScenario.safeParse(raw);
  if (!parsed.success) fail(`Invalid scenario, ${describeIssue(parsed.error)}.`);
  const s = parsed.data;
  const strategy = s.strategy ?? 'planner';
  const { trials, seed, strategy: _strategy, kind: _kind, previewTrials, ...spec } = s;
  const { summary, lowerBound, preview } = runFailureExperiment(
    { ...spec, ...(strategy === 'planner' ? { previewTrials: previewTrials ?? 5 } : {}) },
    strategy,
    trials,
    seed,
  );
  console.log(
    `${strategy}: ${s.trials} trials, N=${s.pushes}, culprit=${s.culprit ?? 'none'}, f=${s.f}, q=${s.q}, k=${s.parallel}; ` +
      `budget exhausted in ${(100 * summary.exhausted).toFixed(1)} %, inconclusive in ${(100 * summary.inconclusive).toFixed(1)} %, max rounds ${summary.maxRounds}` +
      (preview
        ? `; preview: about ${preview.medianJobs} jobs (90 % ≤ ${preview.p90Jobs}), a verdict within the budget in ${(100 * preview.verdictWithinBudget).toFixed(0)} %`
        : ''),
  );
  return {
    accuracy: summary.accuracy,
    meanJobs: summary.meanJobs,
    p90Jobs: summary.p90Jobs,
    meanRounds: summary.meanRounds,
    lowerBound,
    inconclusive: summary.inconclusive,
    budgetExhausted: summary.exhausted,
    ...(preview ? { predictedMedianJobs: preview.medianJobs, predictedP90Jobs: preview.p90Jobs } : {}),
    meanMachineMinutes: summary.meanMachineMinutes,
  };
}

function runPerfScenario(raw: unknown): Metrics {
  const parsed = perfScenario.safeParse(raw);
  if (!parsed.success) fail(`Invalid perf scenario, ${describeIssue(parsed.error)}.`);
  const s = parsed.data;
  const strategy = s.strategy ?? 'planner';
  const { summary } = runPerfExperiment(
    {
      pushes: s.pushes,
      culprit: s.culprit,
      shiftPct: s.shiftPct,
      noisePct: s.noisePct,
      replicatesPerRun: s.replicatesPerRun,
      parallel: s.parallel,
      ...(s.runNoisePct !== undefined ? { runNoisePct: s.runNoisePct } : {}),
      ...(s.budget !== undefined ? { budget: s.budget } : {}),
    },
    strategy,
    s.trials,
    s.seed,
  );
  console.log(
    `perf ${strategy}: ${s.trials} trials, N=${s.pushes}, culprit=${s.culprit}, shift ${s.shiftPct} %, noise ${s.noisePct} %, ` +
      `${s.replicatesPerRun} replicates, k=${s.parallel}; max rounds ${summary.maxRounds}`,
  );
  // A run at push j only tells whether the step is at or before j: at most one bit, so ≥ log2 N runs.
  return {
    accuracy: summary.accuracy,
    meanJobs: summary.meanJobs,
    p90Jobs: summary.p90Jobs,
    meanRounds: summary.meanRounds,
    lowerBound: Math.log2(s.pushes),
  };
}

try {
  const metrics = runScenario(readScenario(process.argv.slice(2)));
  console.log(JSON.stringify(metrics));
} catch (e) {
  if (e instanceof InputError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
