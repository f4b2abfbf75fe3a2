import type { LabelSpec } from '../model/types';
import { inputLabels, inputNumber, type ActionRun } from './context';
import { createTasks, specFor } from './create-tasks';

/**
 * `add-new-jobs`: `{tasks, times}`; every label must be in the full task graph; missing builds are added. Gecko
 * calls `create_tasks` once per time with a suffix and then combines the artifacts, so every created task is
 * listed; no `tags.action` is set (gecko `taskcluster/gecko_taskgraph/actions/add_new_jobs.py`).
 */
export function addNewJobs(run: ActionRun): void {
  const specs = inputLabels(run.input, 'tasks').map((l) => specFor(run, run.push, l));
  const times = inputNumber(run.input, 'times', 1, 1, 100);
  const listed = [];
  const labelToTaskId: Record<string, string> = {};
  for (let i = 0; i < times; i++) {
    createTasks(
      run,
      run.push,
      specs.map((spec) => ({ spec, times: 1 })),
      { actionName: 'add-new-jobs' },
    );
    listed.push(...(run.graphOutput?.listed ?? []));
    Object.assign(labelToTaskId, run.graphOutput?.labelToTaskId);
  }
  run.graphOutput = { listed, labelToTaskId, toRun: specs.map((s) => s.label) };
}

/** `run-missing-tests`: schedules every test label of the graph that has no task on the push. */
export function runMissingTests(run: ActionRun): void {
  const present = new Set((run.world.tasksByPush.get(run.push.id) ?? []).map((t) => t.label));
  const missing: LabelSpec[] = (run.world.repo(run.push.repo)?.catalog ?? []).filter(
    (l) => l.kind === 'test' && !present.has(l.label),
  );
  createTasks(
    run,
    run.push,
    missing.map((spec) => ({ spec, times: 1 })),
    { actionTag: 'run-missing-tests', actionName: 'run-missing-tests' },
  );
}
