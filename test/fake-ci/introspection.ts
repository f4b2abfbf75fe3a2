import type { FaultConfig } from './faults';

/** One `triggerHook` call as the fake saw it. */
export interface HookTriggerRecord {
  /** Wall-clock time. */
  at: string;
  /** Simulated time. */
  simTime: string;
  hookGroupId: string;
  hookId: string;
  /** The rendered payload as received. */
  payload: unknown;
  hawkOk: boolean;
  clientId: string | null;
  statusCode: number;
  error?: string;
  actionName?: string;
  actionTaskId?: string;
  createdTaskIds: string[];
}

/** A hook fired by an action task itself (the backfill action fires `backfill-task` on each earlier push). */
export interface ActionHookFireRecord {
  /** Simulated time. */
  simTime: string;
  /** The action task that fired it (its client is `task-client/<taskId>/…`). */
  firedByTaskId: string;
  hookGroupId: string;
  hookId: string;
  actionName: string;
  /** Treeherder push whose decision task is the new action task's group. */
  pushId: number;
  actionTaskId: string;
  input: unknown;
}

export interface CreatedTaskRecord {
  taskId: string;
  label: string;
  repo: string;
  pushId: number;
  revision: string;
  taskGroupId: string;
  parent: string;
  actionName: string;
  actionTag: string | null;
  symbol: string;
  groupSymbol: string;
  dependencies: string[];
  /** Simulated creation time. */
  createdAt: string;
  /** Index into hookTriggers. */
  hookTrigger: number;
}

/** One request to an API route (Treeherder, Perfherder, Taskcluster, pushlog), to count who asked what. */
export interface ApiRequestRecord {
  method: string;
  path: string;
  /** The query string without `?` ('' when none). */
  query: string;
  /** Request headers that tell the jobs page (Referer: its URL) apart from the extension's background. */
  referer: string | null;
  origin: string | null;
  /** Time until the response was written (includes injected latency); null while unanswered. */
  durationMs: number | null;
}

/** Something the fake jobs page reported: a retrigger from the `r` key or a button. */
export interface PageEventRecord {
  at: string;
  kind: string;
  jobId: number | null;
  taskId: string | null;
  /** `e.target.tagName` of the key event (shows leaked shortcuts). */
  target: string | null;
  key: string | null;
  url: string | null;
}

export interface FakeState {
  scenario: string;
  seed: number;
  simNow: string;
  timeScale: number;
  faults: FaultConfig;
  hookTriggers: HookTriggerRecord[];
  /** Hooks fired by action tasks, not by a client (not in `hookTriggers`). */
  actionHookFires: ActionHookFireRecord[];
  tasksCreated: CreatedTaskRecord[];
  pageEvents: PageEventRecord[];
  /** Page events from the `r` shortcut: each one is a retrigger Treeherder itself would have sent. */
  shortcutRetriggers: PageEventRecord[];
  oauthClientsIssued: string[];
  /** Push ids landed with POST /__fake/push. */
  landedPushes: number[];
  /** Every API request received, in order (not the page's HTML/assets nor /__fake). */
  apiRequests: ApiRequestRecord[];
}

export class EventLog {
  hookTriggers: HookTriggerRecord[] = [];
  actionHookFires: ActionHookFireRecord[] = [];
  tasksCreated: CreatedTaskRecord[] = [];
  pageEvents: PageEventRecord[] = [];
  oauthClientsIssued: string[] = [];
  landedPushes: number[] = [];
  apiRequests: ApiRequestRecord[] = [];

  clear(): void {
    this.landedPushes = [];
    this.apiRequests = [];
    this.hookTriggers = [];
    this.actionHookFires = [];
    this.tasksCreated = [];
    this.pageEvents = [];
    this.oauthClientsIssued = [];
  }
}
