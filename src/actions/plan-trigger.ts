import type { TriggerIntent } from './intents';

/** One action call and what it is expected to create, before any cost check. */
export interface TriggerPlan {
  actionName: string;
  /** Task the action acts on; null for push-level actions. */
  taskId: string | null;
  input: unknown;
  /** Labels the action will run, with how many times each (for cost and tracking). */
  runs: { label: string; times: number }[];
  /** Upper bound of tasks created (confirm-failures may create fewer). */
  expectedTasks: number;
  /** A stable key: identical intents within the merge window trigger once. */
  dedupeKey: string;
  summary: string;
}

/**
 * confirm-failures runs one `<label>-cf` task per failing test (gecko `actions/confirm_failure.py`
 * `get_failures`, which stops reading an errorsummary once it holds more than 10 tests, so up to 11), plus one
 * per failing directory without a failing test; with none it is a plain retrigger (one task).
 */
export const CONFIRM_FAILURES_TESTS_READ = 11;

/** Facts about the job that only the CI knows, gathered before planning. */
export interface PlanFacts {
  /** Distinct failing test paths in the job's failure lines (Treeherder's error lines). */
  failingTests?: number | undefined;
}

/** How many tasks confirm-failures creates for a job with this many distinct failing tests. */
export function confirmFailuresTasks(failingTests: number | undefined): number {
  if (failingTests === undefined) return CONFIRM_FAILURES_TESTS_READ;
  return Math.max(1, Math.min(failingTests, CONFIRM_FAILURES_TESTS_READ));
}

/** Turns an intent into the in-tree action call, with explicit inputs (never `{}` for backfill). */
export function planTrigger(intent: TriggerIntent, facts: PlanFacts = {}): TriggerPlan {
  const push = `${intent.push.repo} push ${intent.push.pushId}`;
  switch (intent.kind) {
    case 'retrigger': {
      const labels = unique(intent.labels);
      return finish(intent, {
        actionName: 'retrigger-multiple',
        taskId: null,
        input: { requests: [{ tasks: labels, times: intent.times }] },
        runs: labels.map((label) => ({ label, times: intent.times })),
        summary: `Retrigger ${describeLabels(labels)} ×${intent.times} on ${push}`,
      });
    }
    case 'backfill': {
      const pushes = intent.depth + (intent.inclusive ? 1 : 0);
      return finish(intent, {
        actionName: 'backfill',
        taskId: intent.job.taskId,
        input: { depth: intent.depth, times: intent.times, inclusive: intent.inclusive, retrigger: intent.retrigger },
        runs: [{ label: intent.job.label, times: pushes * intent.times }],
        summary: `Backfill ${intent.job.label} on the ${intent.depth} push${intent.depth === 1 ? '' : 'es'} before ${push}${intent.times > 1 ? ` ×${intent.times}` : ''}`,
      });
    }
    case 'add-new-jobs': {
      const labels = unique(intent.labels);
      return finish(intent, {
        actionName: 'add-new-jobs',
        taskId: null,
        input: { tasks: labels, times: intent.times },
        runs: labels.map((label) => ({ label, times: intent.times })),
        summary: `Add ${describeLabels(labels)}${intent.times > 1 ? ` ×${intent.times}` : ''} to ${push}`,
      });
    }
    case 'confirm-failures':
      return finish(intent, {
        actionName: 'confirm-failures',
        taskId: intent.job.taskId,
        input: {},
        runs: [{ label: `${intent.job.label}-cf`, times: confirmFailuresTasks(facts.failingTests) }],
        summary: `Confirm the failures of ${intent.job.label} on ${push}`,
      });
    case 'run-missing-tests': {
      const missing = unique(intent.missingLabels ?? []);
      return finish(intent, {
        actionName: 'run-missing-tests',
        taskId: null,
        input: {},
        runs: missing.map((label) => ({ label, times: 1 })),
        summary: `Run the ${missing.length ? `${missing.length} ` : ''}missing test jobs of ${push}`,
      });
    }
    case 'cancel':
      return finish(intent, {
        actionName: 'cancel',
        taskId: intent.job.taskId,
        input: null,
        runs: [],
        summary: `Cancel ${intent.job.label} on ${push}`,
      });
    case 'cancel-all':
      return finish(intent, {
        actionName: 'cancel-all',
        taskId: null,
        input: null,
        runs: [],
        summary: `Cancel every unfinished job of ${push}`,
      });
  }
}

function finish(intent: TriggerIntent, plan: Omit<TriggerPlan, 'expectedTasks' | 'dedupeKey'>): TriggerPlan {
  const expectedTasks = plan.runs.reduce((sum, run) => sum + run.times, 0);
  return {
    ...plan,
    expectedTasks,
    dedupeKey: dedupeKeyOf(intent.push.repo, intent.push.pushId, plan.actionName, plan.taskId, plan.input),
  };
}

/** Identical requests (same push, action, task and input, labels in any order) share a key. */
export function dedupeKeyOf(
  repo: string,
  pushId: number,
  actionName: string,
  taskId: string | null,
  input: unknown,
): string {
  return JSON.stringify([repo, pushId, actionName, taskId, canonical(input)]);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.every((item) => typeof item === 'string') ? [...(items as string[])].sort() : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function describeLabels(labels: string[]): string {
  return labels.length === 1 ? labels[0]! : `${labels.length} jobs`;
}
