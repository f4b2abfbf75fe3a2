import {
  actionFailed,
  groupProgress,
  isFinal,
  type BackfillTracking,
  type TaskState,
  type TrackedGroup,
  type TrackedTask,
} from './tracked-group';

/** "3 running, 1 failed, 3 passed" while in flight; "4 failed, 3 passed" at the end. */
export function progressSentence(group: TrackedGroup): string {
  const p = groupProgress(group);
  const done = [...(p.failed ? [`${p.failed} failed`] : []), ...(p.passed || !p.failed ? [`${p.passed} passed`] : [])];
  if (p.inFlight === 0) return done.join(', ');
  return [`${p.inFlight} running`, ...(p.passed || p.failed ? done : [])].join(', ');
}

export interface PushPoint {
  pushId: number;
  revision: string;
}

/**
 * What a finished backfill found: going back from its push, the oldest push of the run of failures that
 * reaches it (`firstFailing`) and the newest push where the job passed below it (`lastPassing`).
 */
export interface BackfillOutcome {
  firstFailing?: PushPoint | undefined;
  lastPassing?: PushPoint | undefined;
  sentence: string;
}

type PushResult = 'failed' | 'passed' | 'running' | 'none';

function resultOf(tasks: readonly TrackedTask[]): PushResult {
  if (tasks.length === 0) return 'none';
  if (tasks.some((t) => !isFinal(t.state))) return 'running';
  return tasks.some((t) => t.state === 'failed' || t.state === 'exception') ? 'failed' : 'passed';
}

function failedState(state: TaskState | undefined): boolean {
  return state === 'failed' || state === 'exception';
}

/** The backfill's finding from the results on each push; undefined while a push it depends on still runs. */
export function backfillOutcome(group: TrackedGroup): BackfillOutcome | undefined {
  const backfill = group.backfill;
  if (!backfill) return undefined;
  const origin: PushPoint = { pushId: group.push.pushId, revision: group.push.revision };
  // Only the backfilled label tells: a build it needed on a push is not the job's result.
  const onPush = (pushId: number) =>
    group.triggered.filter(
      (t) => (t.push?.pushId ?? group.push.pushId) === pushId && t.label === backfill.label && t.rerunId === undefined,
    );
  // Newest first: the push the backfill started from (its own job, plus its tasks when inclusive), then the rest.
  const originTasks = onPush(origin.pushId);
  const originFailed =
    failedState(backfill.originState) || (originTasks.length > 0 && resultOf(originTasks) === 'failed');
  let firstFailing: PushPoint | undefined = originFailed ? origin : undefined;
  for (const push of backfill.pushes) {
    if (push.pushId === origin.pushId) continue;
    const result = resultOf(onPush(push.pushId));
    if (result === 'running') return undefined;
    if (result === 'none') continue;
    const point = { pushId: push.pushId, revision: push.revision };
    if (result === 'passed') return describe(firstFailing, point, backfill);
    firstFailing = point;
  }
  return describe(firstFailing, undefined, backfill);
}

function describe(
  firstFailing: PushPoint | undefined,
  lastPassing: PushPoint | undefined,
  backfill: BackfillTracking,
): BackfillOutcome {
  const rev = (p: PushPoint) => p.revision.slice(0, 12);
  if (firstFailing && lastPassing)
    return {
      firstFailing,
      lastPassing,
      sentence: `${backfill.label} first fails on push ${rev(firstFailing)}; it last passed on push ${rev(lastPassing)}.`,
    };
  if (firstFailing)
    return {
      firstFailing,
      sentence: `${backfill.label} fails on every backfilled push back to ${rev(firstFailing)}; the failure started earlier.`,
    };
  if (lastPassing)
    return {
      lastPassing,
      sentence: `${backfill.label} passed on push ${rev(lastPassing)} and on the backfilled pushes after it that ran.`,
    };
  return { sentence: `No backfilled ${backfill.label} job finished, so the backfill found nothing.` };
}

/** The notification text for a finished group. */
export function finishedMessage(group: TrackedGroup): string {
  if (actionFailed(group)) {
    return `${group.summary}: the action task ${group.actionState === 'failed' ? 'failed' : 'hit an exception'}; no jobs were created.`;
  }
  const counts = progressSentence(group);
  const outcome = backfillOutcome(group);
  return outcome ? `${group.summary}: ${counts}. ${outcome.sentence}` : `${group.summary}: ${counts}.`;
}
