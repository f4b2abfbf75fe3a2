/**
 * Issue 16, item 1: every verdict names its push with revision, author and first commit line, links it (Treeherder,
 * hg, Taskcluster), shows the evidence, and copies as a short plain-text bug comment.
 */
import { describe, expect, it } from 'vitest';
import type { FailureSession } from '../../../src/bisection-session/modes/failure';
import type { NewBaselineSession } from '../../../src/bisection-session/modes/new-baseline';
import type { PerfSession } from '../../../src/bisection-session/modes/perf';
import type { RetriggerUntilFailSession } from '../../../src/bisection-session/modes/retrigger-until-fail';
import type { SessionCore } from '../../../src/bisection-session/session';
import {
  backfillResults,
  backfillSummary,
  budgetRanOut,
  bugCommentText,
  namedPush,
  sessionSummary,
  suggestedExtraJobs,
  type PushFacts,
} from '../../../src/bisection-session/verdict-summary';

const LABEL = 'test-linux1804-64-qr/opt-mochitest-browser-chrome-3';
const rev = (n: number) => String(n).padStart(40, 'c');

function core(pushes: number, overrides: Partial<SessionCore> = {}): Omit<SessionCore, 'kind'> {
  const suspects = Array.from({ length: pushes }, (_, i) => ({ pushId: 1600010 + i, revision: rev(1600010 + i) }));
  return {
    id: 's1',
    status: 'done',
    createdAt: 0,
    updatedAt: 0,
    repo: 'autoland',
    label: LABEL,
    job: { jobId: 1, taskId: 'AbCdEfGhIjKlMnOpQrStUv', label: LABEL },
    suspects,
    initialRuns: suspects.map(() => 0),
    initialCompleted: suspects.map(() => 0),
    initialFailures: suspects.map(() => 0),
    requested: suspects.map(() => 0),
    observed: suspects.map(() => ({ completed: 0, failures: 0, uninformative: 0, total: 0 })),
    rounds: [],
    budget: 60,
    parallel: 4,
    ...overrides,
  };
}

function failure(overrides: Partial<FailureSession> = {}): FailureSession {
  const session: FailureSession = {
    ...core(6),
    kind: 'failure',
    threshold: 0.99,
    priors: { flakeAlpha: 1, flakeBeta: 20, noCulprit: 0.3 },
    ...overrides,
  };
  session.observed = session.suspects.map((_, i) =>
    i === 2
      ? { completed: 4, failures: 0, uninformative: 0, total: 4 }
      : i >= 4
        ? { completed: 4, failures: 3, uninformative: 0, total: 4 }
        : { completed: 0, failures: 0, uninformative: 0, total: 0 },
  );
  return session;
}

const facts: PushFacts = {
  repo: 'autoland',
  pushId: 1600014,
  revision: rev(1600014),
  author: 'alice@example.com',
  commits: ['Bug 123 - Make the thing faster r=bob', 'Bug 124 - Tidy up'],
  treeherderUrl: `https://treeherder.mozilla.org/jobs?repo=autoland&revision=${rev(1600014)}`,
  hgUrl: `https://hg.mozilla.org/integration/autoland/pushloghtml?changeset=${rev(1600014)}`,
  taskGroupUrl: 'https://firefox-ci-tc.services.mozilla.com/tasks/groups/DeCiSiOnTaSkIdAaAaAaAa',
  tasks: [
    {
      taskId: 'FaIlEdTaSkIdAaAaAaAaAa',
      runId: 0,
      result: 'testfailed',
      url: 'https://firefox-ci-tc.services.mozilla.com/tasks/FaIlEdTaSkIdAaAaAaAaAa/runs/0',
    },
  ],
};

describe('the push a verdict names', () => {
  it('a failure culprit, with its posterior', () => {
    const s = failure({ verdict: { kind: 'culprit', pushIndex: 4, posterior: 0.9991 } });
    expect(namedPush(s)).toEqual({ pushIndex: 4, role: 'Culprit', certainty: 'posterior 99.9 %' });
    expect(budgetRanOut(s)).toBe(false);
  });

  it('a budget that ran out: the best guess, and an offer to continue in whole rounds', () => {
    const s = failure({
      message: 'Budget of 60 jobs used up. Best guess: push 1600015 (95 %).',
      verdict: { kind: 'budget-exhausted', best: { pushIndex: 5, posterior: 0.95 }, expectedRemainingJobs: 9.2 },
    });
    expect(namedPush(s)).toEqual({ pushIndex: 5, role: 'Best guess so far', certainty: 'posterior 95 %' });
    expect(budgetRanOut(s)).toBe(true);
    expect(suggestedExtraJobs(s)).toBe(12);
    expect(bugCommentText(sessionSummary(s, { ...facts, pushId: 1600015 }))).toContain(
      `Best guess so far: push 1600015, revision ${rev(1600014)} by alice@example.com, posterior 95 %\n`,
    );
    // Stopped by the runner before the planner's verdict: the posterior's favourite.
    const cut = failure({
      message: 'Budget of 60 jobs used up.',
      posterior: { pushes: [0, 0.1, 0, 0.2, 0.6, 0.1], noCulprit: 0, flakeRate: 0, regressionRate: 1 },
    });
    expect(budgetRanOut(cut)).toBe(true);
    expect(namedPush(cut)).toMatchObject({ pushIndex: 4, certainty: 'posterior 60 %' });
    expect(suggestedExtraJobs(cut)).toBe(20);
    expect(budgetRanOut({ ...cut, status: 'running' })).toBe(false);
  });

  it('no culprit names no push', () => {
    expect(namedPush(failure({ verdict: { kind: 'no-culprit', posterior: 0.995 } }))).toBeUndefined();
  });

  it('retrigger until it fails: its one push, reproduced or not', () => {
    const base = { ...core(1), kind: 'retrigger-until-fail' as const };
    const reproduced: RetriggerUntilFailSession = { ...base, verdict: { kind: 'reproduced', runs: 10, failures: 2 } };
    expect(namedPush(reproduced)).toEqual({
      pushIndex: 0,
      role: 'Reproduced on',
      certainty: '2 of 10 retriggers failed',
    });
    const not: RetriggerUntilFailSession = {
      ...base,
      verdict: { kind: 'budget-exhausted', runs: 40, failureRateUpperBound: 0.072 },
    };
    expect(namedPush(not)?.role).toBe('Not reproduced on');
    expect(budgetRanOut(not)).toBe(true);
  });
});

describe('evidence and the bug comment', () => {
  it('a failure culprit: revision, author, first commit line, the three links and the runs per push', () => {
    const s = failure({
      message: `Culprit: push 1600014 (${rev(1600014).slice(0, 12)}) by alice@example.com, posterior 99.9 %.`,
      verdict: { kind: 'culprit', pushIndex: 4, posterior: 0.9991 },
      posterior: { pushes: [0, 0, 0, 0.0009, 0.9991, 0], noCulprit: 0, flakeRate: 0.01, regressionRate: 0.8 },
    });
    const summary = sessionSummary(s, facts);
    expect(summary.heading).toBe(`Bisection of ${LABEL} on autoland`);
    // Pushes without runs are left out; the named one is marked.
    expect(summary.evidence).toEqual([
      { label: `push 1600012 (${rev(1600012).slice(0, 12)})`, text: '0 failed of 4 runs', named: false },
      {
        label: `push 1600014 (${rev(1600014).slice(0, 12)})`,
        text: '3 failed of 4 runs · P(culprit) 100 %',
        named: true,
      },
      { label: `push 1600015 (${rev(1600015).slice(0, 12)})`, text: '3 failed of 4 runs', named: false },
    ]);
    const text = bugCommentText(summary);
    expect(text).toContain(`Culprit: push 1600014, revision ${rev(1600014)} by alice@example.com\n`);
    expect(text.match(/posterior 99\.9 %/g)).toHaveLength(1); // the sentence says it already
    expect(text).toContain('"Bug 123 - Make the thing faster r=bob" (+1 more commits)');
    expect(text).toContain(`Push in Treeherder: ${facts.treeherderUrl}`);
    expect(text).toContain(`Changes: ${facts.hgUrl}`);
    expect(text).toContain(`  ${facts.tasks[0]!.url} (testfailed)`);
    expect(text).toContain(`> push 1600014 (${rev(1600014).slice(0, 12)}): 3 failed of 4 runs`);
    expect(text.startsWith(`Bisection of ${LABEL} on autoland (CI Tools for Treeherder):\nCulprit: push 1600014`)).toBe(
      true,
    );
    // Without task runs, the push's task group stands for its tasks.
    expect(bugCommentText(sessionSummary(s, { ...facts, tasks: [] }))).toContain(
      `Tasks in Taskcluster: ${facts.taskGroupUrl}`,
    );
  });

  it('before the push details arrive, the comment still carries the verdict and the evidence', () => {
    const s = failure({ message: 'No culprit: the failures look like flakes (posterior 99.5 %).' });
    const text = bugCommentText(sessionSummary(s));
    expect(text).toContain('No culprit: the failures look like flakes');
    expect(text).not.toContain('Push in Treeherder');
    expect(text).toContain('Runs of the job per push, oldest first:');
  });

  it('keeps the 12 pushes nearest the named one when many ran', () => {
    const s = failure();
    s.suspects = Array.from({ length: 40 }, (_, i) => ({ pushId: 1600000 + i, revision: rev(1600000 + i) }));
    s.observed = s.suspects.map(() => ({ completed: 2, failures: 1, uninformative: 0, total: 2 }));
    s.verdict = { kind: 'culprit', pushIndex: 30, posterior: 0.99 };
    const rows = sessionSummary(s).evidence;
    expect(rows).toHaveLength(12);
    expect(rows.find((r) => r.named)?.label).toContain('1600030');
    expect(rows[0]!.label).toContain('1600024');
  });

  it('perf: the step, its size and tests, the means per push', () => {
    const s: PerfSession = {
      ...core(3),
      kind: 'perf',
      message: 'Culprit: push 1600011 …',
      perf: {
        signatureId: 7,
        frameworkId: 1,
        seriesName: 'tp5o opt e10s',
        lowerIsBetter: true,
        lastGoodPushId: 1600009,
        before: [[100, 101], [99]],
        runs: [[[100, 100]], [[105, 105], [106]], [[105]]],
        withoutData: [0, 0, 0],
        verdict: {
          kind: 'culprit',
          pushIndex: 1,
          posterior: 0.999,
          magnitude: 0.048,
          welch: { t: 9, df: 10, p: 1.2e-8 },
          mannWhitney: { u: 0, z: 3, p: 2e-5 },
        } as never,
      },
    };
    expect(namedPush(s)).toEqual({
      pushIndex: 1,
      role: 'Culprit',
      certainty: '+4.8 % (Welch p = 1.2e-8), posterior 99.9 %',
    });
    const summary = sessionSummary(s);
    expect(summary.heading).toBe(`Perf bisection of "tp5o opt e10s" (${LABEL}) on autoland`);
    expect(summary.evidence[0]).toEqual({ label: 'before (up to push 1600009)', text: 'mean 100.00 over 2 runs' });
    expect(summary.evidence[2]).toMatchObject({ text: 'mean 105.33 over 2 runs', named: true });
  });

  it('a new baseline: its push, and mean ± sd per series', () => {
    const s: NewBaselineSession = {
      ...core(1),
      kind: 'new-baseline',
      message: 'New baseline from 5 retriggers of 1 job. …',
      baseline: {
        labels: [LABEL],
        times: 5,
        initialRuns: [1],
        finishedRuns: [6],
        series: [
          {
            signatureId: 1,
            name: 'tp5o',
            label: LABEL,
            runs: [[1, 2]],
            summary: { count: 6, mean: 200.5, sd: 2.25, ci95: [198.1, 202.9] },
          },
        ],
      },
    };
    expect(namedPush(s)).toEqual({ pushIndex: 0, role: 'Measured on' });
    expect(sessionSummary(s).evidence).toEqual([
      { label: 'tp5o', text: '200.50 ± 2.25 (95 % CI 198.10–202.90, n = 6)' },
    ]);
    expect(budgetRanOut(s)).toBe(false);
  });

  it('a backfill: the first failing push and what ran on each push', () => {
    const tasks = [
      { label: LABEL, state: 'failed', revision: rev(3) },
      { label: 'build-linux64/opt', state: 'completed', revision: rev(3) },
      { label: LABEL, state: 'failed', revision: rev(2) },
      { label: LABEL, state: 'completed', revision: rev(1) },
      { label: LABEL, state: 'running', revision: rev(1) },
    ];
    const results = backfillResults(LABEL, tasks);
    expect(results).toEqual([
      { revision: rev(3), text: 'failed' },
      { revision: rev(2), text: 'failed' },
      { revision: rev(1), text: '1 passed, 1 running' },
    ]);
    const summary = backfillSummary(
      {
        label: LABEL,
        repo: 'autoland',
        outcome: {
          firstFailing: { pushId: 12, revision: rev(2) },
          lastPassing: { pushId: 11, revision: rev(1) },
          sentence: `${LABEL} first fails on push ${rev(2).slice(0, 12)}; it last passed on push ${rev(1).slice(0, 12)}.`,
        },
        results,
      },
      { ...facts, pushId: 12, revision: rev(2) },
    );
    const text = bugCommentText(summary);
    expect(text).toContain(`First failing push: push 12, revision ${rev(2)} by alice@example.com`);
    expect(text).toContain(`> push ${rev(2).slice(0, 12)}: failed`);
  });
});
