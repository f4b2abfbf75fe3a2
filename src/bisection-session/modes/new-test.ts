import type { TriggerIntent } from '../../actions/intents';
import { validationSummary, validationVerdict, type PlatformRuns, type ValidationVerdict } from '../../new-test/report';
import type { TestTask, TestTaskLookup } from '../../new-test/test-tasks';
import type { NewTestRequest } from '../../protocol';
import { knownCost, refuse, type BisectionMode } from '../mode';
import { countRuns, plannerObservations, suspectPush, type SessionOf } from '../session';

declare module '../session' {
  interface SessionKinds {
    /** Retrigger a new test N times on every task of its push that runs it, and report each platform. */
    'new-test': { newTest: NewTestData };
  }
}

/**
 * What a new-test validation keeps: the tasks that run the test (one suspect each, all on the same push) and,
 * once every run is in, the per-platform counts and verdict.
 */
export interface NewTestData {
  testPath: string;
  times: number;
  tasks: TestTask[];
  manifests: string[];
  matchedBy: TestTaskLookup['matchedBy'];
  manifestsFrom: TestTaskLookup['manifestsFrom'];
  /** Labels that run the test but did not run on the push: not validated. */
  notScheduled: string[];
  /** Runs that ended without a result at the start, per task (the runner keeps the other initial counts). */
  initialUninformative: number[];
  rows?: PlatformRuns[] | undefined;
  verdict?: ValidationVerdict | undefined;
  /** The copyable summary, set with the verdict. */
  summary?: string | undefined;
}

export type NewTestSession = SessionOf<'new-test'>;

/** The runs of each task since the validation started: what the verdict counts. */
export function newTestRows(session: NewTestSession): PlatformRuns[] {
  return session.newTest.tasks.map((task, i) => {
    const seen = session.observed[i] ?? { completed: 0, failures: 0, uninformative: 0, total: 0 };
    return {
      platform: task.platform,
      label: task.label,
      runs: Math.max(0, seen.completed - (session.initialCompleted[i] ?? 0)),
      failures: Math.max(0, seen.failures - (session.initialFailures[i] ?? 0)),
      uninformative: Math.max(0, seen.uninformative - (session.newTest.initialUninformative[i] ?? 0)),
    };
  });
}

/**
 * New-test validation (issue 19; the definition's case 6, "re-triggering to determine indeterminacy, single
 * revision, all platforms running the test"): every task of one push that runs the test gets `times` more runs —
 * of only the test's manifests where Firefox CI offers that (backfill-task with test_manifests), else of the whole
 * task — all in one round through the one trigger pipeline; the verdict counts failures per platform.
 */
export const newTestMode: BisectionMode<NewTestSession, NewTestRequest> = {
  kind: 'new-test',

  async draft(request, reads) {
    const job = request.jobId !== undefined ? await reads.describeJob(request.repo, request.jobId) : undefined;
    const pushId = job?.pushId ?? request.pushId;
    if (pushId === undefined) return refuse('A new-test validation needs a job or a push.');
    const lookup = await reads.testTasks(request.repo, pushId, request.testPath);
    if (lookup.tasks.length === 0) return refuse(noTaskSentence(lookup));
    const labels = lookup.tasks.map((t) => t.label);
    const jobs = await reads.jobsOf(request.repo, labels, [pushId]);
    const observed = labels.map((label) => countRuns(jobs.filter((j) => j.job_type_name === label)));
    const first = lookup.tasks[0]!;
    return {
      kind: 'new-test',
      repo: request.repo,
      label: lookup.testPath,
      job: job
        ? { jobId: job.jobId, taskId: job.taskId, label: job.label, symbol: job.symbol, groupSymbol: job.groupSymbol }
        : { taskId: first.taskId, label: first.label, symbol: first.symbol, groupSymbol: first.groupSymbol },
      // One suspect per task, all the same push: each probe runs one task, and counts stay per task.
      suspects: lookup.tasks.map(() => ({ pushId, revision: lookup.revision })),
      observed,
      budget: lookup.tasks.length * request.times,
      parallel: lookup.tasks.length,
      newTest: {
        testPath: lookup.testPath,
        times: request.times,
        tasks: lookup.tasks,
        manifests: lookup.manifests,
        matchedBy: lookup.matchedBy,
        manifestsFrom: lookup.manifestsFrom,
        notScheduled: lookup.notScheduled,
        initialUninformative: observed.map((o) => o.uninformative),
      },
    };
  },

  async refresh(session, reads) {
    const labels = session.newTest.tasks.map((t) => t.label);
    const pushId = session.suspects[0]!.pushId;
    const jobs = await reads.jobsOf(session.repo, labels, [pushId]);
    const observed = labels.map((label) => countRuns(jobs.filter((j) => j.job_type_name === label)));
    const next = { ...session, observed };
    return { ...next, newTest: { ...next.newTest, rows: newTestRows(next) } };
  },

  next(session) {
    if (session.rounds.length === 0) {
      const probes = session.newTest.tasks.map((_, pushIndex) => ({ pushIndex, times: session.newTest.times }));
      return { session, step: { kind: 'probe', probes } };
    }
    if (plannerObservations(session).some((o) => o.pending > 0)) return { session, step: { kind: 'wait' } };
    const rows = newTestRows(session);
    const push = session.suspects[0]!;
    const summary = validationSummary({
      testPath: session.newTest.testPath,
      repo: session.repo,
      pushId: push.pushId,
      revision: push.revision,
      timesPerTask: session.newTest.times,
      rows,
    });
    const newTest = { ...session.newTest, rows, verdict: validationVerdict(rows), summary };
    return { session: { ...session, newTest }, step: { kind: 'finish' } };
  },

  labels: (session) => session.newTest.tasks.map((t) => t.label),

  /** A test-path-only run where the task schedules by manifest and the push offers it; else the whole task. */
  probeIntent(session, probe): TriggerIntent {
    const task = session.newTest.tasks[probe.pushIndex]!;
    const push = suspectPush(session, probe.pushIndex);
    return task.testPaths
      ? {
          kind: 'run-test-manifests',
          push,
          label: task.label,
          symbol: task.symbol,
          testPaths: task.testPaths,
          times: probe.times,
        }
      : { kind: 'retrigger', push, labels: [task.label], times: probe.times };
  },

  estimate: (session) => knownCost(session.newTest.tasks.length * session.newTest.times),

  describeVerdict(session) {
    const verdict = session.newTest.verdict ?? validationVerdict(newTestRows(session));
    const capitalized = verdict.sentence.charAt(0).toUpperCase() + verdict.sentence.slice(1);
    return `${capitalized} (${session.newTest.times} runs per task).`;
  },
};

function noTaskSentence(lookup: TestTaskLookup): string {
  if (lookup.manifests.length === 0)
    return `No test manifest of push ${lookup.pushId} lists ${lookup.testPath}${lookup.matchedBy === 'directory' ? ' (its decision task has no tests-by-manifest.json.gz; no manifest in the test’s directory either)' : ''}.`;
  const where = lookup.manifests.join(', ');
  return lookup.notScheduled.length
    ? `No task of push ${lookup.pushId} ran ${where}: the ${lookup.notScheduled.length} that would were not scheduled on it (${lookup.notScheduled.slice(0, 3).join(', ')}${lookup.notScheduled.length > 3 ? ', …' : ''}).`
    : `No task of push ${lookup.pushId} runs ${where}.`;
}
