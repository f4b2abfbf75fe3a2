import { describe, expect, it } from 'vitest';
import { createBisectionRunner, type BisectionDeps } from '../../../background/bisection/runner';
import type { TriggerIntent } from '../../../src/actions/intents';
import type { JobRow } from '../../../src/bisection-session/mode';
import { newTestMode } from '../../../src/bisection-session/modes';
import type { BisectionSession } from '../../../src/bisection-session/session';
import { wilsonInterval } from '../../../src/new-test/wilson';
import type { TestTaskLookup } from '../../../src/new-test/test-tasks';
import { createRng } from '../../../src/culprit-finding';
import { fakeTriggerLog, ofKind, unused } from './runner-fakes';

const PUSH = 501;
const REV = 'c'.repeat(40);
const lookup: TestTaskLookup = {
  testPath: 'dom/events/test/test_pointer_capture.html',
  manifests: ['dom/events/test/mochitest.toml'],
  matchedBy: 'tests-by-manifest',
  notScheduled: ['test-macosx1500-aarch64/opt-mochitest-plain-1'],
  pushId: PUSH,
  revision: REV,
  manifestsFrom: 'manifests-by-task',
  testPathJobs: true,
  tasks: [
    {
      label: 'test-linux1804-64-qr/debug-mochitest-plain-5',
      taskId: 'LinuxTaskAAAAAAAAAAAAA',
      platform: 'linux1804-64-qr/debug',
      symbol: '5',
      groupSymbol: 'M',
      manifests: ['dom/events/test/mochitest.toml'],
      testPaths: { 'mochitest-plain': ['dom/events/test/mochitest.toml'] },
    },
    {
      label: 'test-windows11-64-24h2/opt-mochitest-plain-4',
      taskId: 'WindowsTaskAAAAAAAAAAA',
      platform: 'windows11-64-24h2/opt',
      symbol: '4',
      groupSymbol: 'M',
      manifests: ['dom/events/test/mochitest.toml'],
      testPaths: { 'mochitest-plain': ['dom/events/test/mochitest.toml'] },
    },
    {
      // Not scheduled by manifest: its whole chunk is retriggered.
      label: 'test-android-em-7-0-x86_64-qr/debug-mochitest-plain-2',
      taskId: 'AndroidTaskAAAAAAAAAAA',
      platform: 'android-em-7-0-x86_64-qr/debug',
      symbol: '2',
      groupSymbol: 'M',
      manifests: ['dom/events/test/mochitest.toml'],
    },
  ],
};

/** A CI where the linux task fails the test with probability q, the others never; every trigger adds finished runs. */
function world(q: number, seed: number) {
  const rng = createRng(seed);
  const jobs: JobRow[] = lookup.tasks.map((t, i) => ({
    id: i + 1,
    push_id: PUSH,
    job_type_name: t.label,
    state: 'completed',
    result: i === 0 ? 'testfailed' : 'success',
  }));
  const log = fakeTriggerLog();
  const intents: TriggerIntent[] = [];
  let sessions: BisectionSession[] = [];
  const deps: BisectionDeps = {
    load: async () => structuredClone(sessions),
    save: async (s) => {
      sessions = structuredClone(s);
    },
    describeJob: async () => ({
      jobId: 1,
      taskId: lookup.tasks[0]!.taskId,
      retryId: 0,
      label: lookup.tasks[0]!.label,
      symbol: '5',
      groupSymbol: 'M',
      platform: 'linux1804-64-qr',
      pushId: PUSH,
      revision: REV,
      state: 'completed',
      result: 'testfailed',
      tier: 1,
    }),
    testTasks: async (_repo, pushId, testPath) => {
      expect([pushId, testPath]).toEqual([PUSH, lookup.testPath]);
      return lookup;
    },
    jobsOf: async (_repo, labels, pushIds) =>
      jobs.filter((j) => labels.includes(j.job_type_name) && pushIds.includes(j.push_id)),
    trigger: async (intent, options) => {
      intents.push(intent);
      const label =
        intent.kind === 'run-test-manifests' ? intent.label : intent.kind === 'retrigger' ? intent.labels[0]! : '';
      const times = 'times' in intent ? intent.times : 0;
      for (let t = 0; t < times; t++) {
        const fails = label === lookup.tasks[0]!.label && rng.next() < q;
        jobs.push({
          id: jobs.length + 1,
          push_id: PUSH,
          job_type_name: label,
          state: 'completed',
          result: fails ? 'testfailed' : 'success',
        });
      }
      return log.record(options.origin, times);
    },
    findLogEntry: log.findLogEntry,
    earlierRuns: unused('a new-test validation'),
    pushesBefore: unused('a new-test validation'),
    history: unused('a new-test validation'),
    alertSummary: unused('a new-test validation'),
    seriesData: unused('a new-test validation'),
    pushSeries: unused('a new-test validation'),
    culpritDetails: unused('a new-test validation'),
    notify: async () => undefined,
    schedule: async () => undefined,
    now: () => 1_000,
    newId: () => 'nt1',
  };
  return { deps, intents, jobs };
}

const request = { repo: 'autoland', jobId: 1, testPath: lookup.testPath, times: 10 };

describe('new-test validation', () => {
  it('runs the test N times on every task of the push, test-path-only where offered, and names the unstable platform', async () => {
    const { deps, intents, jobs } = world(0.3, 7);
    const runner = createBisectionRunner(deps);
    const preview = await runner.preview(newTestMode, request);
    expect(preview).toMatchObject({ suspects: 3, firstPushId: PUSH, lastPushId: PUSH, budget: 30 });
    expect(preview.estimate.medianJobs).toBe(30);

    await runner.start(newTestMode, request);
    // One round: one trigger per task.
    expect(intents.map((i) => i.kind)).toEqual(['run-test-manifests', 'run-test-manifests', 'retrigger']);
    expect(intents[0]).toMatchObject({
      label: lookup.tasks[0]!.label,
      symbol: '5',
      testPaths: { 'mochitest-plain': ['dom/events/test/mochitest.toml'] },
      times: 10,
      push: { repo: 'autoland', pushId: PUSH, revision: REV },
    });
    expect(intents[2]).toMatchObject({ labels: [lookup.tasks[2]!.label], times: 10 });

    const [done] = await runner.stepAll();
    const session = ofKind(done!, 'new-test');
    expect(session.status).toBe('done');
    expect(intents).toHaveLength(3); // nothing more was triggered

    // The original failing run is not counted: only the ten new runs of each task.
    const linuxFailures = jobs
      .slice(3)
      .filter((j) => j.job_type_name === lookup.tasks[0]!.label && j.result === 'testfailed').length;
    expect(linuxFailures).toBeGreaterThan(0);
    expect(session.newTest.rows).toEqual([
      {
        platform: 'linux1804-64-qr/debug',
        label: lookup.tasks[0]!.label,
        runs: 10,
        failures: linuxFailures,
        uninformative: 0,
      },
      { platform: 'windows11-64-24h2/opt', label: lookup.tasks[1]!.label, runs: 10, failures: 0, uninformative: 0 },
      {
        platform: 'android-em-7-0-x86_64-qr/debug',
        label: lookup.tasks[2]!.label,
        runs: 10,
        failures: 0,
        uninformative: 0,
      },
    ]);
    expect(session.newTest.verdict).toEqual({
      kind: linuxFailures === 10 ? 'fails-somewhere' : 'intermittent',
      sentence: `intermittent on linux1804-64-qr/debug: ${linuxFailures}/10`,
    });
    expect(session.message).toBe(`Intermittent on linux1804-64-qr/debug: ${linuxFailures}/10 (10 runs per task).`);
    const { low, high } = wilsonInterval(linuxFailures, 10);
    expect(session.newTest.summary).toContain(
      `- linux1804-64-qr/debug: ${linuxFailures}/10 failed, ${linuxFailures * 10} % (95 % CI ${Math.round(low * 100)}–${Math.round(high * 100)} %)`,
    );
    expect(session.newTest.summary).toMatch(
      /^New-test validation of dom\/events\/test\/test_pointer_capture.html on autoland push 501/,
    );
  });

  it('waits until every task’s runs are in, and says "stable" when none failed', async () => {
    const { deps, intents, jobs } = world(0, 1);
    let hold = true;
    const trigger = deps.trigger;
    deps.trigger = async (intent, options) => {
      const outcome = await trigger(intent, options);
      if (hold && intent.kind === 'retrigger') jobs.splice(jobs.length - 10, 10); // the android runs have not arrived
      return outcome;
    };
    const runner = createBisectionRunner(deps);
    await runner.start(newTestMode, request);
    let [session] = await runner.stepAll();
    expect(session!.status).toBe('running');
    hold = false;
    for (let t = 0; t < 10; t++)
      jobs.push({
        id: 900 + t,
        push_id: PUSH,
        job_type_name: lookup.tasks[2]!.label,
        state: 'completed',
        result: 'success',
      });
    [session] = await runner.stepAll();
    expect(session!.status).toBe('done');
    expect(ofKind(session!, 'new-test').newTest.verdict).toEqual({
      kind: 'stable',
      sentence: 'stable (no failure in 30 runs on 3 platforms)',
    });
    expect(intents).toHaveLength(3);
  });

  it('refuses a test no task of the push runs, with a sentence that says why', async () => {
    const { deps } = world(0, 1);
    deps.testTasks = async () => ({ ...lookup, tasks: [], manifests: ['dom/events/test/mochitest.toml'] });
    const runner = createBisectionRunner(deps);
    await expect(runner.preview(newTestMode, request)).rejects.toThrow(
      /^No task of push 501 ran dom\/events\/test\/mochitest.toml: the 1 that would were not scheduled on it \(test-macosx1500-aarch64\/opt-mochitest-plain-1\)\.$/,
    );
    deps.testTasks = async () => ({ ...lookup, tasks: [], manifests: [], notScheduled: [], matchedBy: 'directory' });
    await expect(runner.preview(newTestMode, request)).rejects.toThrow(/no tests-by-manifest\.json\.gz/);
  });
});
