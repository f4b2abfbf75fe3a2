import type { LabelSpec } from '../model/types';
import { inputLabels, inputNumber, type ActionRun } from './context';
import { scheduleLabel, specFor } from './create-tasks';

/** `add-new-jobs`: `{tasks, times}`; every label must be in the full task graph; missing builds are added. */
export function addNewJobs(run: ActionRun): void {
  const specs = inputLabels(run.input, 'tasks').map((l) => specFor(run, run.push, l));
  const times = inputNumber(run.input, 'times', 1, 1, 100);
  for (const spec of specs) {
    scheduleLabel(run, run.push, spec, {
      parent: run.actionTask.taskId,
      actionTag: 'add-new-jobs',
      actionName: 'add-new-jobs',
      times,
    });
  }
}

/** `run-missing-tests`: schedules every test label of the graph that has no task on the push. */
export function runMissingTests(run: ActionRun): void {
  const present = new Set((run.world.tasksByPush.get(run.push.id) ?? []).map((t) => t.label));
  const missing: LabelSpec[] = (run.world.repo(run.push.repo)?.catalog ?? []).filter(
    (l) => l.kind === 'test' && !present.has(l.label),
  );
  for (const spec of missing) {
    scheduleLabel(run, run.push, spec, {
      parent: run.actionTask.taskId,
      actionTag: 'run-missing-tests',
      actionName: 'run-missing-tests',
      times: 1,
    });
  }
}
