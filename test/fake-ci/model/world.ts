import type { SimClock } from '../clock';
import { slugid } from '../ids';
import { Rng } from '../rng';
import { completedAt, computeTimeline, type RunTimes } from './timeline';
import type { LabelSpec, RepoInfo, SimPush, SimTask } from './types';

export interface IndexEntry {
  namespace: string;
  taskId: string;
  rank: number;
  data: Record<string, unknown>;
  expires: number;
}

export interface RepoState {
  info: RepoInfo;
  /** Oldest first. */
  pushes: SimPush[];
  catalog: LabelSpec[];
  catalogByLabel: Map<string, LabelSpec>;
}

/**
 * Everything the fake CI knows at a moment: repositories with their pushes, every task, the index. Time is
 * not stored here: task states are derived from run times and the clock (timeline.ts).
 */
export class World {
  readonly repos = new Map<string, RepoState>();
  readonly pushesById = new Map<number, SimPush>();
  readonly tasks = new Map<string, SimTask>();
  readonly tasksByGroup = new Map<string, SimTask[]>();
  readonly tasksByPush = new Map<number, SimTask[]>();
  readonly dependents = new Map<string, string[]>();
  readonly jobs = new Map<number, { task: SimTask; runId: number }>();
  readonly index = new Map<string, IndexEntry>();
  /** For runtime decisions (new task ids, durations); separate from the generator's stream. */
  readonly rng: Rng;
  private nextJobId = 500_000_001;
  private version = 0;
  private timelines = new Map<string, RunTimes[]>();
  private timelinesVersion = -1;

  constructor(
    readonly clock: SimClock,
    readonly seed: number,
  ) {
    this.rng = new Rng(seed ^ 0x5eed);
  }

  now(): number {
    return this.clock.now();
  }

  /** Call after changing runs or dependencies of any task. */
  touch(): void {
    this.version++;
  }

  allocateJobId(): number {
    return this.nextJobId++;
  }

  newTaskId(): string {
    let id = slugid(this.rng);
    while (this.tasks.has(id)) id = slugid(this.rng);
    return id;
  }

  addRepo(state: RepoState): void {
    this.repos.set(state.info.name, state);
  }

  addPush(push: SimPush): void {
    const repo = this.repos.get(push.repo);
    if (!repo) throw new Error(`unknown repository ${push.repo}`);
    repo.pushes.push(push);
    this.pushesById.set(push.id, push);
  }

  addTask(task: SimTask): void {
    this.tasks.set(task.taskId, task);
    push(this.tasksByGroup, task.taskGroupId, task);
    push(this.tasksByPush, task.pushId, task);
    for (const dep of task.dependencies) push(this.dependents, dep, task.taskId);
    for (const run of task.runs) this.jobs.set(run.jobId, { task, runId: run.runId });
    this.touch();
  }

  /** Registers a run added after creation (rerun). */
  registerRun(task: SimTask, runId: number): void {
    const run = task.runs[runId];
    if (run) this.jobs.set(run.jobId, { task, runId });
    this.touch();
  }

  timeline(task: SimTask): RunTimes[] {
    if (this.timelinesVersion !== this.version) {
      this.timelines = new Map();
      this.timelinesVersion = this.version;
    }
    const cached = this.timelines.get(task.taskId);
    if (cached) return cached;
    const times = computeTimeline(task, (dep) => {
      const t = this.tasks.get(dep);
      return t ? completedAt(this.timeline(t)) : Infinity;
    });
    this.timelines.set(task.taskId, times);
    return times;
  }

  repo(name: string): RepoState | undefined {
    return this.repos.get(name);
  }

  pushOfTask(task: SimTask): SimPush {
    const p = this.pushesById.get(task.pushId);
    if (!p) throw new Error(`task ${task.taskId} has no push`);
    return p;
  }

  decisionTaskOf(push: SimPush): SimTask | undefined {
    return this.tasks.get(push.decisionTaskId);
  }

  pushByDecision(taskGroupId: string): SimPush | undefined {
    const t = this.tasks.get(taskGroupId);
    return t ? this.pushesById.get(t.pushId) : undefined;
  }

  addIndex(entry: IndexEntry): void {
    this.index.set(entry.namespace, entry);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
