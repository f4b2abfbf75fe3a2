import {
  MozharnessTestPathsSchema,
  TaskPayloadEnvSchema,
  TestManifestsAttributeSchema,
  type CiClients,
  type Job,
  type ManifestsByTask,
  type TaskGraph,
} from '../../src/ci';
import { findTestTasks, normalizeTestPath, type TestTask, type TestTaskLookup } from '../../src/new-test/test-tasks';
import { servicesForRepo } from '../services/repository-services';
import { jobsOfPush } from '../services/page-data';

/**
 * The tasks of a push that run a test (README, "New-test validation"): the decision task's
 * `manifests-by-task.json.gz` (else its `task-graph.json` nodes' `test_manifests`) and `tests-by-manifest.json.gz`
 * (else the test's directory), over the push's jobs; for test-path-only runs, each task's own
 * `MOZHARNESS_TEST_PATHS` and whether actions.json offers `backfill-task`.
 */
export async function testTasks(repo: string, pushId: number, testPath: string): Promise<TestTaskLookup> {
  const { clients } = await servicesForRepo(repo);
  const [push, jobs] = await Promise.all([clients.treeherder.pushById(repo, pushId), jobsOfPush(repo, pushId)]);
  const decision = await clients.treeherder.decisionTask(repo, pushId, jobs);
  const path = normalizeTestPath(testPath);
  if (!decision) throw new Error(`Push ${pushId} has no decision task yet, so the tasks that run ${path} are unknown.`);
  const [testsByManifest, published, actions] = await Promise.all([
    clients.taskcluster.testsByManifest(decision.taskId),
    clients.taskcluster.manifestsByTask(decision.taskId),
    clients.taskcluster.actionsJson(decision.taskId).catch(() => null),
  ]);
  const manifestsByTask = published ?? manifestsOfGraph(await clients.taskcluster.taskGraph(decision.taskId));
  if (Object.keys(manifestsByTask).length === 0) {
    throw new Error(
      `Push ${pushId}'s decision task lists no test manifests (no manifests-by-task.json.gz, no test_manifests in task-graph.json), so the tasks that run ${path} are unknown.`,
    );
  }
  const found = findTestTasks({ testPath: path, testsByManifest, manifestsByTask, jobs: jobs.map(pushJob) });
  const testPathJobs = !!actions?.actions.some(
    (a) => a.kind === 'hook' && a.name === 'backfill-task' && !a.context.length,
  );
  const tasks = testPathJobs ? await Promise.all(found.tasks.map((task) => withTestPaths(clients, task))) : found.tasks;
  return {
    ...found,
    tasks,
    pushId,
    revision: push.revision,
    manifestsFrom: published ? 'manifests-by-task' : 'task-graph',
    testPathJobs,
  };
}

function pushJob(job: Job) {
  return {
    label: job.job_type_name,
    taskId: job.task_id,
    symbol: job.job_type_symbol,
    groupSymbol: job.job_group_symbol,
    platform: job.platform,
    platformOption: job.platform_option,
  };
}

/** The submitted graph's tasks with a `test_manifests` attribute: the same map, for the scheduled tasks only. */
function manifestsOfGraph(graph: TaskGraph): ManifestsByTask {
  const out: Record<string, string[]> = {};
  for (const node of Object.values(graph)) {
    const manifests = TestManifestsAttributeSchema.safeParse(node.attributes?.['test_manifests']);
    if (manifests.success && manifests.data.length) out[node.label] = manifests.data;
  }
  return out;
}

/** The task's own suite key(s) in MOZHARNESS_TEST_PATHS, with only the test's manifests; none when it has no such env. */
async function withTestPaths(clients: CiClients, task: TestTask): Promise<TestTask> {
  const definition = TaskPayloadEnvSchema.safeParse(await clients.taskcluster.task(task.taskId));
  const raw = definition.success ? definition.data.payload?.env?.['MOZHARNESS_TEST_PATHS'] : undefined;
  if (typeof raw !== 'string') return task;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return task;
  }
  const paths = MozharnessTestPathsSchema.safeParse(parsed);
  if (!paths.success) return task;
  const testPaths = Object.fromEntries(
    Object.entries(paths.data)
      .map(([suite, manifests]) => [suite, manifests.filter((m) => task.manifests.includes(m))] as const)
      .filter(([, manifests]) => manifests.length > 0),
  );
  return Object.keys(testPaths).length ? { ...task, testPaths } : task;
}
