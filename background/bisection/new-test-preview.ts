import type { NewTestPreview, NewTestRequest } from '../../src/protocol';
import { describeJob } from '../services/page-data';
import { testTasks } from './test-tasks';

/** What a new-test validation would run: the tasks that run the test on the push, and the jobs it costs. */
export async function previewNewTest(request: NewTestRequest): Promise<NewTestPreview> {
  const pushId = request.jobId !== undefined ? (await describeJob(request.repo, request.jobId)).pushId : request.pushId;
  if (pushId === undefined) throw new Error('A new-test validation needs a job or a push.');
  const lookup = await testTasks(request.repo, pushId, request.testPath);
  return {
    testPath: lookup.testPath,
    pushId,
    tasks: lookup.tasks.map((t) => ({ platform: t.platform, label: t.label, testPathOnly: !!t.testPaths })),
    matchedBy: lookup.matchedBy,
    manifests: lookup.manifests,
    notScheduled: lookup.notScheduled,
    jobs: lookup.tasks.length * request.times,
  };
}
