import type { RepoInfo, SimPush } from '../model/types';

/**
 * `public/actions.json` of a decision task, in the real v1 shape: hook actions on `project-gecko`, hook ids
 * `in-tree-action-<level>-<permission>/<hash>`, JSON-e payloads that only depend on `input`, `taskId` and
 * `taskGroupId`. Order matters: the first action of a name whose context matches wins.
 */
export function actionsJson(
  repo: RepoInfo,
  push: SimPush,
  decisionTaskId: string,
  repoUrl: string,
): Record<string, unknown> {
  const action = (a: ActionDef): Record<string, unknown> => {
    const perm = a.permission ?? 'generic';
    const out: Record<string, unknown> = {
      kind: 'hook',
      name: a.name,
      title: a.title,
      description: a.description,
      context: a.context,
      extra: { actionPerm: perm },
      hookGroupId: 'project-gecko',
      hookId: `in-tree-action-${repo.level}-${perm}/${repo.hookHash}`,
      hookPayload: {
        decision: {
          action: {
            name: a.name,
            title: a.title,
            description: a.description,
            taskGroupId: decisionTaskId,
            cb_name: a.cbName ?? a.name,
            symbol: a.symbol,
          },
          repository: { url: repoUrl, project: repo.name, level: repo.level },
          push: {
            owner: 'mozilla-taskcluster-maintenance@mozilla.com',
            pushlog_id: String(push.pushlogId),
            revision: push.revision,
            base_revision: push.commits[push.commits.length - 1]?.revision ?? push.revision,
          },
        },
        user: { input: { $eval: 'input' }, taskId: { $eval: 'taskId' }, taskGroupId: { $eval: 'taskGroupId' } },
      },
    };
    if (a.schema) out['schema'] = a.schema;
    return out;
  };
  return { version: 1, variables: {}, actions: ACTIONS.map(action) };
}

interface ActionDef {
  name: string;
  cbName?: string;
  title: string;
  description: string;
  symbol: string;
  context: Array<Record<string, string>>;
  schema?: Record<string, unknown>;
  permission?: string;
}

const times = (max: number, title = 'Times'): Record<string, unknown> => ({
  type: 'integer',
  title,
  description: 'How many times to run each task.',
  minimum: 1,
  maximum: max,
  default: 1,
});

const labels = { type: 'array', description: 'An array of task labels', items: { type: 'string' } };

/** Action titles, symbols and schemas the fake serves (and understands when triggered). */
export const ACTIONS: ActionDef[] = [
  {
    name: 'retrigger',
    cbName: 'retrigger-decision',
    title: 'Retrigger',
    description: 'Create a clone of the task (retriggering decision, action, and cron tasks requires special scopes).',
    symbol: 'rt',
    context: [{ kind: 'decision-task' }, { kind: 'action-callback' }, { kind: 'cron-task' }],
    permission: 'retrigger-decision',
  },
  {
    name: 'retrigger',
    title: 'Retrigger',
    description: 'Create a clone of the task.',
    symbol: 'rt',
    context: [{ retrigger: 'true' }],
    schema: {
      type: 'object',
      properties: {
        downstream: {
          type: 'boolean',
          description: 'If true, downstream tasks from this one will be cloned as well.',
          default: false,
        },
        times: times(100),
      },
    },
  },
  {
    name: 'retrigger',
    title: 'Retrigger (disabled)',
    description: 'This task is not retriggerable. Set `force` to retrigger it anyway.',
    symbol: 'rt',
    context: [{}],
    schema: {
      type: 'object',
      properties: {
        downstream: { type: 'boolean', default: false },
        times: times(100),
        force: {
          type: 'boolean',
          default: false,
          description: 'Retrigger a task that is not meant to be retriggered.',
        },
      },
    },
  },
  {
    name: 'add-new-jobs',
    title: 'Add new jobs',
    description: 'Add new jobs using task labels.',
    symbol: 'add-new',
    context: [],
    schema: { type: 'object', properties: { tasks: labels, times: times(100) } },
  },
  {
    name: 'backfill',
    title: 'Backfill',
    description: 'Given a task schedule it on previous pushes in the same project.',
    symbol: 'Bk',
    context: [{}],
    permission: 'backfill',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        depth: {
          type: 'integer',
          title: 'Depth',
          description: 'The number of previous pushes before the current push to attempt to trigger this task on.',
          minimum: 1,
          maximum: 25,
          default: 19,
        },
        inclusive: {
          type: 'boolean',
          title: 'Inclusive Range',
          description: 'If true, the backfill will also retrigger the task on the selected push.',
          default: false,
        },
        times: times(10),
        retrigger: {
          type: 'boolean',
          title: 'Retrigger',
          description: 'If false, pushes where the task already ran are skipped.',
          default: true,
        },
        slices: {
          type: 'integer',
          minimum: 0,
          maximum: 25,
          default: 0,
          description: 'Backfill only this many evenly spread pushes of a long gap (0 = all).',
        },
      },
    },
  },
  {
    name: 'backfill-task',
    title: 'Backfill task on a push.',
    description: 'This action is meant to be triggered by the backfill action on each push it covers.',
    symbol: 'backfill-task',
    context: [],
    permission: 'backfill',
    schema: {
      type: 'object',
      properties: {
        label: { type: 'string' },
        revision: { type: 'string' },
        symbol: { type: 'string' },
        test_manifests: { type: 'array', items: { type: 'string' } },
        times: times(10),
        retrigger: { type: 'boolean', default: true },
      },
    },
  },
  {
    name: 'confirm-failures',
    title: 'Confirm failures in job',
    description:
      'Re-run the failing tests of this task in new `-cf` tasks to tell intermittent from permanent failures.',
    symbol: 'cf',
    context: [{ kind: 'test' }],
    schema: { type: 'object', properties: {} },
  },
  {
    name: 'run-missing-tests',
    title: 'Run Missing Tests',
    description: 'Run tests in the selected push that were optimized away, usually by SETA.',
    symbol: 'rmt',
    context: [],
  },
  {
    name: 'rerun',
    title: 'Rerun',
    description: 'Rerun a task: a new run of the same task, only for failed or exception tasks.',
    symbol: 'rr',
    context: [{}],
    schema: { type: 'object', properties: {} },
  },
  { name: 'cancel', title: 'Cancel Task', description: 'Cancel the given task.', symbol: 'cx', context: [{}] },
  {
    name: 'cancel-all',
    title: 'Cancel All',
    description:
      'Cancel all running and pending tasks created by the decision task this action task is associated with.',
    symbol: 'cAll',
    context: [],
  },
  {
    name: 'retrigger-multiple',
    title: 'Retrigger',
    description: 'Create a clone of the task.',
    symbol: 'rt',
    context: [],
    // Real-world pitfall kept on purpose: `tasks`/`times` sit directly under `items` (no `properties`) beside
    // `additionalProperties: false`, and `additionalProperties` is listed as a property name.
    schema: {
      type: 'object',
      properties: {
        requests: {
          type: 'array',
          items: { tasks: labels, times: times(100), additionalProperties: false },
        },
        additionalProperties: false,
      },
    },
  },
  {
    name: 'create-interactive',
    title: 'Create Interactive Task',
    description: 'Create a copy of the task you can interact with.',
    symbol: 'create-inter',
    context: [{ kind: 'test', 'worker-implementation': 'docker-worker' }],
    schema: {
      type: 'object',
      properties: { notify: { type: 'string', format: 'email', title: 'Who to notify' } },
      additionalProperties: false,
    },
  },
  {
    name: 'geckoprofile',
    title: 'Create Gecko Profile',
    description: 'Retrigger this task with the Gecko profiler on.',
    symbol: 'p',
    context: [{ 'test-type': 'talos' }, { 'test-type': 'raptor' }],
  },
];
