import { backfillOutcome, progressSentence, type BackfillOutcome } from './outcome';
import {
  expectedTasks,
  groupProgress,
  isGroupFinished,
  waitingReason,
  type GroupProgress,
  type TaskState,
  type TrackedGroup,
} from './tracked-group';

/** What the popup shows of a tracked trigger: the group plus everything derived from it. */
export interface TrackedGroupView {
  logId: string;
  summary: string;
  operation: string;
  repo: string;
  pushId: number;
  revision: string;
  createdAt: number;
  finishedAt?: number | undefined;
  finished: boolean;
  actionTaskId: string;
  actionState: TaskState;
  discovered: boolean;
  progress: GroupProgress;
  /** "3 running, 1 failed, 3 passed". */
  progressText: string;
  tasks: {
    taskId: string;
    label: string;
    state: TaskState;
    /** Run to link to: 0, or the re-run this trigger added. */
    runId: number;
    /** The push the task runs on (differs from the trigger's for backfills). */
    revision: string;
    waiting?: string | undefined;
  }[];
  runnable: string[];
  expected: number;
  /** Backfills: the covered pushes still waiting for their backfill-task action task. */
  pushesPending?: number | undefined;
  /** Backfills, once finished: the first failing push going back and the last passing one. */
  outcome?: BackfillOutcome | undefined;
  notes?: string[] | undefined;
  problem?: string | undefined;
  /** Treeherder origin serving this repository, for links; filled in by the background. */
  treeherderUrl?: string | undefined;
}

export function viewOfGroup(group: TrackedGroup): TrackedGroupView {
  const finished = isGroupFinished(group);
  const backfill = group.backfill;
  return {
    logId: group.logId,
    summary: group.summary,
    operation: group.operation,
    repo: group.push.repo,
    pushId: group.push.pushId,
    revision: group.push.revision,
    createdAt: group.createdAt,
    finishedAt: group.finishedAt,
    finished,
    actionTaskId: group.actionTaskId,
    actionState: group.actionState,
    discovered: group.discovered,
    progress: groupProgress(group),
    progressText: progressSentence(group),
    tasks: group.triggered.map((t) => ({
      taskId: t.taskId,
      label: t.label,
      state: t.state,
      runId: t.rerunId ?? 0,
      revision: t.push?.revision ?? group.push.revision,
      waiting: waitingReason(group, t.taskId),
    })),
    runnable: group.runnable,
    expected: expectedTasks(group).length,
    ...(backfill ? { pushesPending: backfill.pushes.filter((p) => !p.discovered).length } : {}),
    ...(backfill && finished ? { outcome: backfillOutcome(group) } : {}),
    ...(group.notes?.length ? { notes: group.notes } : {}),
    problem: group.problem,
  };
}
