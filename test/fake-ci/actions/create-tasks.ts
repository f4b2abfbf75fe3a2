import { createTask } from '../model/task-factory';
import { completedAt } from '../model/timeline';
import type { LabelSpec, SimPush, SimTask } from '../model/types';
import { failingTestsFor } from '../scenario/failures';
import { ActionFailure, recordCreated, type ActionRun } from './context';

export interface ScheduleOptions {
  /** `extra.parent`: the action task that creates them. */
  parent: string;
  actionTag: string;
  actionName: string;
  times: number;
  label?: string;
  symbol?: string;
  groupSymbol?: string;
  groupName?: string;
  env?: Record<string, string>;
  failingTests?: string[];
}

/** The label's spec in the push's repository, or a failure (labels must be in the full task graph). */
export function specFor(run: ActionRun, push: SimPush, label: string): LabelSpec {
  const spec = run.world.repo(push.repo)?.catalogByLabel.get(label);
  if (!spec) throw new ActionFailure(`"${label}" is not in the full task graph of ${push.repo} push ${push.pushlogId}`);
  return spec;
}

/**
 * Creates `times` tasks of a label on a push, in that push's task group. A test whose build did not run (or
 * failed) on the push gets a new build task as dependency and stays `unscheduled` until the build completes.
 */
export function scheduleLabel(run: ActionRun, push: SimPush, spec: LabelSpec, o: ScheduleOptions): SimTask[] {
  const out: SimTask[] = [];
  const build = spec.buildLabel ? ensureBuild(run, push, spec.buildLabel, o) : undefined;
  const label = o.label ?? spec.label;
  for (let i = 0; i < o.times; i++) {
    const instance = (run.world.tasksByPush.get(push.id) ?? []).filter((t) => t.label === label).length;
    const outcome = run.app.modelFor(push.repo).outcome(label, push.id, push.index, instance, 0);
    const failingTests =
      outcome === 'failed' && spec.kind === 'test' ? (o.failingTests ?? failingTestsFor(spec)) : undefined;
    const task = createTask(run.world, {
      push,
      spec,
      label,
      created: run.now,
      dependencies: [push.decisionTaskId, ...(build ? [build.taskId] : [])],
      origin: 'action',
      parent: o.parent,
      outcome,
      rng: run.rng,
      actionTag: o.actionTag,
      ...(o.symbol ? { symbol: o.symbol } : {}),
      ...(o.groupSymbol ? { groupSymbol: o.groupSymbol } : {}),
      ...(o.groupName ? { groupName: o.groupName } : {}),
      ...(o.env ? { env: o.env } : {}),
      ...(failingTests ? { failingTests } : {}),
    });
    recordCreated(run, task, o.actionName);
    out.push(task);
  }
  return out;
}

function ensureBuild(run: ActionRun, push: SimPush, buildLabel: string, o: ScheduleOptions): SimTask {
  const existing = (run.world.tasksByPush.get(push.id) ?? [])
    .filter((t) => t.label === buildLabel)
    .filter((t) => {
      const times = run.world.timeline(t);
      const last = times[times.length - 1];
      return Number.isFinite(completedAt(times)) || (last !== undefined && last.resolved > run.now);
    });
  const usable = existing[existing.length - 1];
  if (usable) return usable;
  const spec = specFor(run, push, buildLabel);
  const [build] = scheduleLabel(run, push, spec, {
    parent: o.parent,
    actionTag: o.actionTag,
    actionName: o.actionName,
    times: 1,
  });
  if (!build) throw new ActionFailure(`could not schedule ${buildLabel}`);
  return build;
}
