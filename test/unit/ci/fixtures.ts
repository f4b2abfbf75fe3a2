/**
 * Hand-made responses for endpoints with no real sample in ../shared/samples. Shapes follow the
 * published schemas (shared/samples/taskcluster/schemas) and reference/*.md; values are invented.
 */
export const TASK_ID = 'VaQoWKTbSdGSwBJn6UZV9g';
export const OTHER_TASK_ID = 'JFVlnwufR7G9tZu_pKM0dQ';
export const REV_A = '9c6e4c31ad26efdad0b9af47a2b530bc414ce2c3';
export const REV_B = '9fc3318eca2cb058653f6c1cdc49aa5f702a125d';

export function taskStatus(taskId = TASK_ID, state = 'completed') {
  return {
    taskId,
    provisionerId: 'gecko-t',
    workerType: 't-linux-large',
    taskQueueId: 'gecko-t/t-linux-large',
    schedulerId: 'gecko-level-3',
    projectId: 'none',
    taskGroupId: TASK_ID,
    deadline: '2026-11-02T00:00:00.000Z',
    expires: '2027-11-01T00:00:00.000Z',
    retriesLeft: 5,
    state,
    runs: [
      {
        runId: 0,
        state: state === 'unscheduled' ? 'pending' : state,
        reasonCreated: 'scheduled',
        reasonResolved: 'completed',
        workerGroup: 'us-east1',
        workerId: 'i-0123',
        takenUntil: '2026-11-01T01:00:00.000Z',
        scheduled: '2026-11-01T00:00:00.000Z',
        started: '2026-11-01T00:01:00.000Z',
        resolved: '2026-11-01T00:20:00.000Z',
      },
    ],
  };
}

export function taskDefinition(label = 'test-linux1804-64-qr/debug-mochitest-plain-3') {
  return {
    provisionerId: 'gecko-t',
    workerType: 't-linux-large',
    taskQueueId: 'gecko-t/t-linux-large',
    schedulerId: 'gecko-level-3',
    projectId: 'none',
    taskGroupId: TASK_ID,
    dependencies: [TASK_ID],
    requires: 'all-completed',
    routes: [],
    priority: 'low',
    retries: 5,
    created: '2026-11-01T00:00:00.000Z',
    deadline: '2026-11-02T00:00:00.000Z',
    expires: '2027-11-01T00:00:00.000Z',
    scopes: [],
    payload: {},
    metadata: { name: label, description: 'x', owner: 'a@example.com', source: 'https://hg.mozilla.org/x' },
    tags: { kind: 'test', label, retrigger: 'true' },
    extra: {
      treeherder: { symbol: '3', groupSymbol: 'M', tier: 1, machine: { platform: 'linux1804-64-qr' } },
      parent: TASK_ID,
    },
  };
}

export const FIXTURES = {
  'decision-tasks': { '1592793': { id: TASK_ID, run: '0' }, '1592778': { id: OTHER_TASK_ID, run: 1 } },
  'task-statuses': { statuses: [{ taskId: TASK_ID, status: taskStatus() }], continuationToken: 'abc' },
  'task-status': { status: taskStatus(TASK_ID, 'running') },
  'task-group': {
    taskGroupId: TASK_ID,
    schedulerId: 'gecko-level-3',
    expires: '2027-11-01T00:00:00.000Z',
    tasks: [{ task: taskDefinition(), status: taskStatus(OTHER_TASK_ID, 'failed') }],
  },
  'dependent-tasks': {
    taskId: OTHER_TASK_ID,
    tasks: [{ task: taskDefinition(), status: taskStatus(TASK_ID, 'pending') }],
  },
  'index-tasks': {
    tasks: [
      {
        namespace: `gecko.v2.autoland.revision.ff7eec7be698cd21d92755d709e08897100fa9c8.taskgraph.actions.${OTHER_TASK_ID}`,
        taskId: OTHER_TASK_ID,
        rank: 0,
        data: {},
        expires: '2027-11-01T00:00:00.000Z',
      },
    ],
  },
  artifacts: {
    artifacts: [
      {
        storageType: 's3',
        name: 'public/actions.json',
        expires: '2027-11-01T00:00:00.000Z',
        contentType: 'application/json',
        contentLength: 31000,
      },
      {
        storageType: 'reference',
        name: 'public/logs/live.log',
        expires: '2027-11-01T00:00:00.000Z',
        contentType: 'text/plain',
      },
    ],
  },
  'index-task': {
    namespace: 'gecko.v2.autoland.latest.taskgraph.decision',
    taskId: TASK_ID,
    rank: 0,
    data: {},
    expires: '2027-11-01T00:00:00.000Z',
  },
  scopes: { scopes: ['assume:anonymous', 'queue:get-task:*'] },
  'trigger-hook': { taskId: OTHER_TASK_ID, status: { taskId: OTHER_TASK_ID } },
  'tc-error': {
    code: 'ResourceNotFound',
    message: 'Indexed task not found\n\n---\n\n* method: findTask',
    requestInfo: { method: 'findTask', params: {}, payload: {}, time: '2026-11-01T00:00:00.000Z' },
  },
  'runnable-jobs': {
    'test-linux1804-64-qr/debug-mochitest-plain-3': {
      symbol: '3',
      groupSymbol: 'M',
      groupName: 'Mochitests',
      collection: { debug: true },
      platform: 'linux1804-64-qr',
    },
    'build-linux64/opt': { symbol: 'B', collection: { opt: true }, platform: 'linux64' },
  },
  'label-to-taskid': { 'build-linux64/opt': TASK_ID, 'test-linux1804-64-qr/debug-mochitest-plain-3': OTHER_TASK_ID },
  'task-graph': {
    [OTHER_TASK_ID]: {
      label: 'test-linux1804-64-qr/debug-mochitest-plain-3',
      dependencies: { build: TASK_ID },
      attributes: {},
      task: { tags: { kind: 'test' }, extra: {} },
    },
  },
  'json-pushes': {
    lastpushid: 232991,
    pushes: {
      '232990': {
        changesets: [
          {
            node: REV_B,
            author: 'Hacker 1 <h1@example.com>',
            desc: 'Bug 1 - one',
            branch: 'default',
            tags: [],
            files: ['dom/a.cpp'],
            parents: [REV_A],
          },
          {
            node: REV_A,
            author: 'Hacker 1 <h1@example.com>',
            desc: 'Bug 1 - two',
            branch: 'default',
            tags: [],
            files: ['dom/b.cpp', 'dom/a.cpp'],
            parents: [REV_B],
          },
        ],
        date: 1740767261,
        user: 'h1@example.com',
      },
      '232989': { changesets: [REV_B], date: 1740767200, user: 'h0@example.com' },
    },
  },
  'automation-relevance': {
    changesets: [
      {
        author: 'Hacker 1 <h1@example.com>',
        backsoutnodes: [],
        bugs: [{ no: '1948118', url: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1948118' }],
        date: [1740767000.0, 0],
        desc: 'Bug 1948118 - Reword an error message; r=dminor',
        extra: { branch: 'default' },
        files: ['js/src/a.msg', 'js/src/b.cpp'],
        node: REV_A,
        parents: [REV_B],
        pushdate: [1740767261, 0],
        pushhead: REV_A,
        pushid: 232990,
        pushuser: 'h1@example.com',
        rev: 7,
        reviewers: [{ name: 'dminor', revset: 'reviewer(dminor)' }],
      },
    ],
    visible: true,
  },
} as const;
