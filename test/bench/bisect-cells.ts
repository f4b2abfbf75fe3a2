/**
 * The tasks of `npm run bench:bisect`: one simulated cell each (a family at one gap size with one strategy and
 * one set of evidence), a preview calibration or a preview timing. Pure functions of their description, so the
 * driver can run them in any order and in several processes.
 */
import { estimateBisectionCost, estimateInSlices, type CostEstimate } from '../../src/culprit-finding/cost.js';
import {
  DEFAULT_HISTORY_RUNS,
  DEFAULT_NO_CULPRIT_PRIOR,
  type FailureCaseSpec,
  type FailureStrategyName,
  runFailureExperiment,
} from '../../src/culprit-finding/experiment.js';
import {
  runPerfExperiment,
  type PerfCaseSpec,
  type PerfStrategyName,
} from '../../src/culprit-finding/perf/experiment.js';
import { childSeed, createRng } from '../../src/culprit-finding/rng.js';
import { initialObservations, simulatedFlakeHistory } from '../../src/culprit-finding/simulate.js';

export type FamilyKind = 'deterministic' | 'flaky-test' | 'intermittent' | 'no-culprit' | 'sparse';

export interface FailureTask {
  readonly type: 'failure';
  readonly id: string;
  readonly section: 'families' | 'evidence' | 'sparse-rule' | 'history';
  readonly family: string;
  readonly kind: FamilyKind;
  /** What evidence the cell has, in words ("none" for the plain case). */
  readonly evidence: string;
  readonly strategy: FailureStrategyName;
  readonly label: string;
  readonly spec: FailureCaseSpec;
  readonly trials: number;
  readonly seed: number;
}

export interface PerfTask {
  readonly type: 'perf';
  readonly id: string;
  readonly family: string;
  readonly target: boolean;
  readonly strategy: PerfStrategyName;
  readonly spec: PerfCaseSpec;
  readonly trials: number;
  readonly seed: number;
}

/** The preview, as the runtime computes it before a start, from the starting point of a family with flake rate f. */
export interface PreviewTask {
  readonly type: 'preview';
  readonly id: string;
  readonly f: number;
  readonly pushes: number;
  readonly parallel: number;
  readonly budget: number;
  /** Previews from this many independent histories (what different users would see). */
  readonly calls: number;
  readonly seed: number;
}

/** Time slices of the runtime's sliced preview. */
export interface TimingTask {
  readonly type: 'timing';
  readonly id: string;
  readonly pushes: number;
  readonly budget: number;
  readonly parallel: number;
  readonly sliceMs: number;
}

export type BenchTask = FailureTask | PerfTask | PreviewTask | TimingTask;

export interface FailureCellResult {
  readonly trials: number;
  readonly accuracy: number;
  /** Wrong culprit or wrong no-culprit verdicts (not counting inconclusive or budget-exhausted ends). */
  readonly wrong: number;
  readonly meanJobs: number;
  readonly medianJobs: number;
  readonly p90Jobs: number;
  readonly meanRounds: number;
  readonly maxRounds: number;
  readonly budgetExhausted: number;
  readonly inconclusive: number;
  readonly meanMachineMinutes: number;
  /** Suspects the range held when the search ended (grows when a range is extended). */
  readonly meanSuspects: number;
  readonly lowerBound: number;
}

export interface PerfCellResult {
  readonly trials: number;
  readonly accuracy: number;
  readonly meanJobs: number;
  readonly p90Jobs: number;
  readonly meanRounds: number;
  readonly maxRounds: number;
  readonly jobs: readonly number[];
  readonly correct: readonly boolean[];
}

export interface PreviewResult {
  readonly estimates: readonly CostEstimate[];
}

export interface TimingResult {
  readonly slices: number;
  /** Longest slice: wall time, and CPU time of this process (the machine is shared, so wall time can be more). */
  readonly maxSliceMs: number;
  readonly maxSliceCpuMs: number;
  readonly totalMs: number;
  readonly estimate: CostEstimate;
}

export type BenchResult = FailureCellResult | PerfCellResult | PreviewResult | TimingResult;

export function runTask(task: BenchTask): BenchResult {
  switch (task.type) {
    case 'failure': {
      let wrong = 0;
      let suspects = 0;
      const { summary, lowerBound } = runFailureExperiment(
        task.spec,
        task.strategy,
        task.trials,
        task.seed,
        (_t, r) => {
          if ((r.verdict.kind === 'culprit' || r.verdict.kind === 'no-culprit') && !r.correct) wrong++;
          suspects += r.observations.length;
        },
      );
      return {
        trials: summary.trials,
        accuracy: summary.accuracy,
        wrong: wrong / summary.trials,
        meanJobs: summary.meanJobs,
        medianJobs: summary.medianJobs,
        p90Jobs: summary.p90Jobs,
        meanRounds: summary.meanRounds,
        maxRounds: summary.maxRounds,
        budgetExhausted: summary.exhausted,
        inconclusive: summary.inconclusive,
        meanMachineMinutes: summary.meanMachineMinutes,
        meanSuspects: suspects / summary.trials,
        lowerBound,
      };
    }
    case 'perf': {
      const r = runPerfExperiment(task.spec, task.strategy, task.trials, task.seed);
      return { ...r.summary, jobs: r.jobs, correct: r.correct };
    }
    case 'preview': {
      const estimates: CostEstimate[] = [];
      for (let c = 0; c < task.calls; c++) {
        const rng = createRng(childSeed(task.seed, c));
        const history = simulatedFlakeHistory(rng, task.f, DEFAULT_HISTORY_RUNS);
        const input = {
          observations: initialObservations(task.pushes),
          priors: { flakeAlpha: history.alpha, flakeBeta: history.beta, noCulprit: DEFAULT_NO_CULPRIT_PRIOR },
          budget: task.budget,
          jobsTriggered: 0,
          parallel: task.parallel,
        };
        estimates.push(estimateBisectionCost(input, createRng(c + 1)));
      }
      return { estimates };
    }
    case 'timing': {
      const input = {
        observations: initialObservations(task.pushes),
        priors: { flakeAlpha: 2, flakeBeta: 300, noCulprit: DEFAULT_NO_CULPRIT_PRIOR },
        budget: task.budget,
        jobsTriggered: 0,
        parallel: task.parallel,
      };
      const slices = estimateInSlices(input, createRng(1), undefined, task.sliceMs);
      let count = 0;
      let maxSliceMs = 0;
      let maxSliceCpuMs = 0;
      const started = performance.now();
      for (;;) {
        const at = performance.now();
        const cpu = process.cpuUsage();
        const next = slices.next();
        const used = process.cpuUsage(cpu);
        maxSliceMs = Math.max(maxSliceMs, performance.now() - at);
        maxSliceCpuMs = Math.max(maxSliceCpuMs, (used.user + used.system) / 1000);
        count++;
        if (next.done) {
          const totalMs = performance.now() - started;
          return { slices: count, maxSliceMs, maxSliceCpuMs, totalMs, estimate: next.value };
        }
      }
    }
  }
}
