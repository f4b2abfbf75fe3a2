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
  tasks: { taskId: string; label: string; state: TaskState; waiting?: string | undefined }[];
  runnable: string[];
  expected: number;
  problem?: string | undefined;
  /** Treeherder origin serving this repository, for links; filled in by the background. */
  treeherderUrl?: string | undefined;
}

export function viewOfGroup(group: TrackedGroup): TrackedGroupView {
  return {
    logId: group.logId,
    summary: group.summary,
    operation: group.operation,
    repo: group.push.repo,
    pushId: group.push.pushId,
    revision: group.push.revision,
    createdAt: group.createdAt,
    finishedAt: group.finishedAt,
    finished: isGroupFinished(group),
    actionTaskId: group.actionTaskId,
    actionState: group.actionState,
    discovered: group.discovered,
    progress: groupProgress(group),
    tasks: group.triggered.map((t) => ({
      taskId: t.taskId,
      label: t.label,
      state: t.state,
      waiting: waitingReason(group, t.taskId),
    })),
    runnable: group.runnable,
    expected: expectedTasks(group).length,
    problem: group.problem,
  };
}
