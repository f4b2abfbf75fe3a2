import { describe, expect, it } from 'vitest';
import type { ModeReads } from '../../../src/bisection-session/mode';
import { failureMode } from '../../../src/bisection-session/modes';
import { linePriorOf } from '../../../src/known-failures/line-prior';
import type { BisectionStartRequest } from '../../../src/protocol';
import { unused } from './runner-fakes';

const label = 'test-linux1804-64-qr/debug-mochitest-browser-chrome-1';
/** One earlier push, 40 passing similar jobs: the job's history says "rarely flaky". */
const reads: ModeReads = {
  describeJob: async () => ({
    jobId: 9,
    taskId: 'AbCdEfGhIjKlMnOpQrStUv',
    retryId: 0,
    label,
    symbol: 'bc1',
    groupSymbol: 'M',
    platform: 'linux1804-64-qr',
    pushId: 101,
    revision: 'f'.repeat(40),
    state: 'completed',
    result: 'testfailed',
    tier: 1,
  }),
  earlierRuns: async () => [{ pushId: 100, revision: 'e'.repeat(40), results: ['success'] }],
  pushesBefore: async () => [{ id: 100, revision: 'e'.repeat(40) }],
  jobsOf: async () => [{ id: 9, push_id: 101, job_type_name: label, state: 'completed', result: 'testfailed' }],
  history: async () => Array.from({ length: 40 }, () => ({ state: 'completed', result: 'success' })),
  alertSummary: unused('a failure bisection'),
  seriesData: unused('a failure bisection'),
  pushSeries: unused('a failure bisection'),
  testTasks: unused('a failure bisection'),
};
const request: BisectionStartRequest = {
  repo: 'autoland',
  jobId: 9,
  mode: 'bisect',
  extendBy: 0,
  budget: 60,
  parallel: 4,
};
const bug = { id: 1966417, summary: 'Intermittent browser_scroll_snap.js | Test timed out', status: 'NEW', url: 'x' };
const knownLine = { kind: 'known-intermittent' as const, line: 'TEST-UNEXPECTED-FAIL | a | b', bug };

describe('the failure mode takes the failing line’s prior from its request', () => {
  it('without one, the job’s history sets the flake prior and no culprit starts at 30 %', async () => {
    const draft = await failureMode.draft(request, reads);
    expect(draft.priors).toEqual({ flakeAlpha: 1, flakeBeta: 41, noCulprit: 0.3 });
  });

  it('a known intermittent seen on many recent pushes replaces the job’s flake prior', async () => {
    const linePrior = linePriorOf(knownLine, { failures: 9, pushes: 30, days: 7 });
    const draft = await failureMode.draft({ ...request, linePrior }, reads);
    expect(draft.priors).toEqual({ flakeAlpha: 16, flakeBeta: 36, noCulprit: 0.3 });
    expect(draft.linePrior).toEqual(linePrior);
    // The verdict names the bug.
    const sentence = failureMode.describeVerdict({
      ...(draft as unknown as Parameters<typeof failureMode.describeVerdict>[0]),
      verdict: { kind: 'no-culprit', posterior: 0.995 },
    });
    expect(sentence).toBe(
      `No culprit: the failures look like flakes (posterior 99.5 %). Known intermittent: bug 1966417 (${bug.summary}).`,
    );
  });

  it('a line new in this revision lowers the no-culprit prior, and the planner then expects a culprit more', async () => {
    const plain = await failureMode.draft(request, reads);
    const fresh = await failureMode.draft(
      { ...request, linePrior: linePriorOf({ kind: 'new-failure', line: 'x' }, undefined) },
      reads,
    );
    expect(fresh.priors).toEqual({ ...plain.priors, noCulprit: 0.1 });
  });
});
