import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createModeRunner, type BisectionDeps } from '../../../background/bisection/runner';
import { knownCost, type BisectionMode, type JobRow } from '../../../src/bisection-session/mode';
import { BISECTION_MODES, type RegisteredMode } from '../../../src/bisection-session/registry';
import {
  countRunsPerPush,
  culpritSentence,
  type BisectionSession,
  type SessionCore,
  type SessionKind,
} from '../../../src/bisection-session/session';
import { upgradeStoredSession, type LegacySession } from '../../../src/bisection-session/stored';
import type { TriggerIntent } from '../../../src/actions/intents';
import { fakeTriggerLog, runsAskedBy, unused } from './runner-fakes';

const MODES_DIR = fileURLToPath(new URL('../../../src/bisection-session/modes/', import.meta.url));

describe('the mode registry', () => {
  it('has one mode for every session kind, and a session kind for every mode', () => {
    expectTypeOf<RegisteredMode['kind']>().toEqualTypeOf<SessionKind>();
    const kinds = BISECTION_MODES.map((m) => m.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect([...kinds].sort()).toEqual(['failure', 'new-baseline', 'perf', 'retrigger-until-fail']);
  });

  it('registers every mode file in modes/', async () => {
    const files = readdirSync(MODES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.length).toBe(BISECTION_MODES.length);
    for (const file of files) {
      const exported = Object.values(await import(`${MODES_DIR}${file}`));
      const modes = exported.filter((value) => BISECTION_MODES.includes(value as BisectionMode<BisectionSession>));
      expect(modes, `${file} exports one registered mode`).toHaveLength(1);
    }
  });
});

/** A mode of the test's own: runs two labels on one push, `times` each, then names that push. */
interface ToySession extends SessionCore {
  kind: 'toy';
  toy: { times: number };
}
const TOY_LABELS = ['toy-a', 'toy-b'];
const toyMode: BisectionMode<ToySession, { repo: string; times: number; budget: number }> = {
  kind: 'toy',
  async draft(request, reads) {
    const jobs = await reads.jobsOf(request.repo, TOY_LABELS, [7]);
    return {
      kind: 'toy',
      repo: request.repo,
      label: TOY_LABELS[0]!,
      job: { taskId: 'AbCdEfGhIjKlMnOpQrStUv', label: TOY_LABELS[0]! },
      suspects: [{ pushId: 7, revision: 'a'.repeat(40) }],
      observed: countRunsPerPush(jobs, [7]),
      budget: request.budget,
      parallel: 10,
      toy: { times: request.times },
    };
  },
  async refresh(session, reads) {
    return { ...session, observed: countRunsPerPush(await reads.jobsOf(session.repo, TOY_LABELS, [7]), [7]) };
  },
  next(session) {
    if (session.rounds.length === 0)
      return { session, step: { kind: 'probe', probes: [{ pushIndex: 0, times: session.toy.times }] } };
    const arrived = session.observed[0]!.completed >= session.initialCompleted[0]! + session.requested[0]! * 2;
    return { session, step: arrived ? { kind: 'finish', culpritIndex: 0 } : { kind: 'wait' } };
  },
  labels: () => TOY_LABELS,
  estimate: (session) => knownCost(session.toy.times * TOY_LABELS.length),
  describeVerdict: (session) => culpritSentence(session, 0, `after ${session.requested[0]} runs of each label`),
};

/** A CI where every trigger adds finished runs at once, and a storage the test can look into. */
function toyWorld() {
  let sessions: (BisectionSession | ToySession)[] = [];
  const jobs: JobRow[] = [{ id: 1, push_id: 7, job_type_name: 'toy-a', state: 'completed', result: 'success' }];
  const log = fakeTriggerLog();
  const triggered: { intent: TriggerIntent; storedProbe: unknown }[] = [];
  const notified: string[] = [];
  const deps: BisectionDeps<BisectionSession | ToySession> = {
    load: async () => structuredClone(sessions),
    save: async (s) => {
      sessions = structuredClone(s);
    },
    describeJob: unused('the toy mode'),
    earlierRuns: unused('the toy mode'),
    pushesBefore: unused('the toy mode'),
    history: unused('the toy mode'),
    alertSummary: unused('the toy mode'),
    seriesData: unused('the toy mode'),
    pushSeries: unused('the toy mode'),
    jobsOf: async (_repo, labels, pushIds) =>
      jobs.filter((j) => labels.includes(j.job_type_name) && pushIds.includes(j.push_id)),
    trigger: async (intent, options) => {
      // What storage held for this probe at the moment it went out.
      const stored = sessions.flatMap((s) => s.rounds.flatMap((r) => r.probes)).find((p) => p.key === options.origin);
      triggered.push({ intent, storedProbe: structuredClone(stored) });
      const { labels, times } = runsAskedBy(intent);
      for (const label of labels)
        for (let t = 0; t < times; t++)
          jobs.push({ id: jobs.length + 1, push_id: 7, job_type_name: label, state: 'completed', result: 'success' });
      return log.record(options.origin, times);
    },
    findLogEntry: log.findLogEntry,
    culpritDetails: async (_repo, pushId) => ({
      pushId,
      revision: 'a'.repeat(40),
      author: 'toy@example.com',
      comments: [],
    }),
    notify: async (_id, message) => {
      notified.push(message);
    },
    schedule: async () => undefined,
    now: () => 5_000,
    newId: () => 't1',
  };
  return { deps, triggered, notified, sessions: () => sessions };
}

describe('a mode registered in a test runs through the shared runner', () => {
  it('records each probe before sending it, runs the mode’s labels, and finishes with its verdict', async () => {
    const w = toyWorld();
    const runner = createModeRunner(w.deps, [...BISECTION_MODES, toyMode]);
    const preview = await runner.preview(toyMode, { repo: 'autoland', times: 2, budget: 10 });
    expect(preview).toMatchObject({ suspects: 1, firstPushId: 7, lastPushId: 7, estimate: { medianJobs: 4 } });

    const started = await runner.start(toyMode, { repo: 'autoland', times: 2, budget: 10 });
    expect(started.kind).toBe('toy');
    expect(w.triggered).toHaveLength(1);
    expect(w.triggered[0]!.storedProbe).toMatchObject({ key: 'bisect:t1:0:0', status: 'requesting', times: 2 });
    // The push ran a toy label already, so the probe retriggers both labels there.
    expect(w.triggered[0]!.intent).toMatchObject({ kind: 'retrigger', labels: TOY_LABELS, times: 2 });

    const [done] = await runner.stepAll();
    expect(done).toMatchObject({ status: 'done', culprit: { pushId: 7, author: 'toy@example.com' } });
    expect(done!.message).toBe('Culprit: push 7 (aaaaaaaaaaaa) by toy@example.com, after 2 runs of each label.');
    expect(w.notified).toEqual([`toy-a: ${done!.message}`]);
    expect(w.sessions()[0]!.rounds[0]!.probes[0]).toMatchObject({ status: 'sent', logId: 'log-1' });
  });

  it('keeps a second start of the same session to the running one', async () => {
    const w = toyWorld();
    const runner = createModeRunner(w.deps, [toyMode]);
    const first = await runner.start(toyMode, { repo: 'autoland', times: 2, budget: 10 });
    const again = await runner.start(toyMode, { repo: 'autoland', times: 2, budget: 10 });
    expect(again.id).toBe(first.id);
    expect(await runner.list()).toHaveLength(1);
    expect(w.triggered).toHaveLength(1);
  });

  it('never sends more jobs than the budget, counting every label of a probe', async () => {
    const w = toyWorld();
    const runner = createModeRunner(w.deps, [toyMode]);
    await runner.start(toyMode, { repo: 'autoland', times: 5, budget: 7 });
    expect(w.triggered.map((t) => t.intent)).toEqual([expect.objectContaining({ times: 3 })]);
  });

  it('refuses a mode it was not given, and stops a stored session of such a mode with a sentence', async () => {
    const w = toyWorld();
    await createModeRunner(w.deps, [toyMode]).start(toyMode, { repo: 'autoland', times: 1, budget: 10 });
    const withoutToy = createModeRunner(w.deps, BISECTION_MODES);
    const [stopped] = await withoutToy.stepAll();
    expect(stopped).toMatchObject({ status: 'error', message: 'This version cannot run "toy" bisections.' });
    await expect(withoutToy.start(toyMode, { repo: 'autoland', times: 1, budget: 10 })).rejects.toThrow(
      'The "toy" mode is not registered with this runner.',
    );
  });
});

describe('sessions stored by earlier versions', () => {
  const core = {
    id: 'old',
    status: 'running' as const,
    createdAt: 1,
    updatedAt: 2,
    repo: 'autoland',
    label: 'test-linux/opt-talos-tp5o',
    job: { taskId: 'AbCdEfGhIjKlMnOpQrStUv', label: 'test-linux/opt-talos-tp5o' },
    suspects: [{ pushId: 10, revision: 'b'.repeat(40) }],
    initialRuns: [1],
    initialCompleted: [1],
    initialFailures: [0],
    requested: [0],
    observed: [{ completed: 1, failures: 0, uninformative: 0, total: 1 }],
    rounds: [],
    budget: 20,
    parallel: 4,
  };

  it('read with the kind of their mode, and a perf bisection’s runs before the gap as `before`', () => {
    const perf = {
      signatureId: 4,
      frameworkId: 1,
      seriesName: 'tp5o',
      lowerIsBetter: true,
      lastGoodPushId: 9,
      baseline: [[100, 101]],
      runs: [[[105]]],
      withoutData: [0],
    };
    const upgraded = upgradeStoredSession({ ...core, mode: 'perf', perf } satisfies LegacySession);
    expect(upgraded).not.toHaveProperty('mode');
    expect(upgraded.kind).toBe('perf');
    expect(upgraded.kind === 'perf' && upgraded.perf).toEqual({ ...perf, baseline: undefined, before: [[100, 101]] });
    expect(upgradeStoredSession({ ...core, mode: 'bisect' }).kind).toBe('failure');
    expect(upgradeStoredSession({ ...core, mode: 'retrigger-until-fail' }).kind).toBe('retrigger-until-fail');
    expect(upgradeStoredSession({ ...core, mode: 'baseline' }).kind).toBe('new-baseline');
  });

  it('leaves sessions of today’s shape as they are', () => {
    const today = { ...core, kind: 'retrigger-until-fail' as const };
    expect(upgradeStoredSession(today)).toBe(today);
  });
});
