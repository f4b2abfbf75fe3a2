import type { SimPush, SimTask } from '../model/types';
import type { World } from '../model/world';
import type { RepoGeneration } from './generate';
import type { Specials } from './specials';
import type { ScenarioSpec } from './spec';
import type { ArtifactTruth, RegressionTruth, ScenarioTruth, WastefulJobTruth } from './truth';

/** Reads the truth back from what was generated, so it always matches the served data. */
export function buildTruth(
  name: string,
  spec: ScenarioSpec,
  world: World,
  specials: Specials,
  main: RepoGeneration,
  artifacts: ArtifactTruth,
): ScenarioTruth {
  const pushes = main.pushes;
  const runnable = main.catalog.map((l) => l.label);
  const missingLabels: ScenarioTruth['missingLabels'] = {};
  const completeness: ScenarioTruth['completeness'] = {};
  for (const p of pushes) {
    const scheduled = main.scheduled.get(p.id) ?? new Set<string>();
    const missing = runnable.filter((l) => !scheduled.has(l)).sort();
    missingLabels[String(p.id)] = missing;
    completeness[String(p.id)] = {
      runnable: runnable.length,
      scheduled: runnable.length - missing.length,
      missing: missing.length,
    };
  }

  // One index by label: the scale scenario asks for thousands of labels (each tier-3 one).
  const byLabel = new Map<string, SimTask[]>();
  for (const p of pushes)
    for (const t of world.tasksByPush.get(p.id) ?? []) {
      const list = byLabel.get(t.label);
      if (list) list.push(t);
      else byLabel.set(t.label, [t]);
    }
  const tasksOf = (label: string): SimTask[] => byLabel.get(label) ?? [];
  const failedPushIds = (label: string): number[] =>
    tasksOf(label)
      .filter((t) => t.runs[t.runs.length - 1]?.outcome === 'failed')
      .map((t) => t.pushId);

  const regressions: RegressionTruth[] = specials.regressions.map(({ spec: r, label, failingTests }) => {
    const f0 = (r.firstFailure ?? r.culprit) - 1;
    const gap = r.gap ?? 0;
    const culprit = at(pushes, r.culprit - 1);
    return {
      kind: r.kind,
      label: label.label,
      culpritPushId: culprit.id,
      culpritRevision: culprit.revision,
      culpritPosition: r.culprit,
      firstFailurePushId: at(pushes, f0).id,
      lastGoodPushId: at(pushes, f0 - gap - 1).id,
      gap,
      gapPushIds: pushes.slice(f0 - gap, f0).map((p) => p.id),
      q: r.q,
      f: r.f,
      failingTests,
      failedPushIds: failedPushIds(label.label),
    };
  });

  const wasteful: WastefulJobTruth[] = [
    ...specials.tier3.map((l) => waste(l.label, 'tier3', 3, tasksOf(l.label))),
    ...specials.alwaysFailing.map((l) => waste(l.label, 'always-failing', l.tier, tasksOf(l.label))),
  ].filter((w) => w.tasks > 0);

  let perf: ScenarioTruth['perf'] = null;
  if (specials.perf && spec.perf) {
    const p = spec.perf;
    const c0 = p.culprit - 1;
    const culprit = at(pushes, c0);
    const regress = specials.perf.regress;
    perf = {
      label: regress.label,
      suite: p.talosSuite,
      frameworkId: regress.perf?.frameworkId ?? 1,
      signatureId: regress.perf?.signatureId ?? 0,
      signatureHash: regress.perf?.signatureHash ?? '',
      culpritPushId: culprit.id,
      culpritRevision: culprit.revision,
      alertSummaryId: 48_000 + (spec.seed % 1000),
      alertPushId: culprit.id,
      prevPushId: at(pushes, c0 - p.gap - 1).id,
      gapPushIds: pushes.slice(c0 - p.gap, c0).map((x) => x.id),
      shiftPct: p.shiftPct,
      stableLabels: specials.perf.stable.map((l) => l.label),
    };
  }

  const first = regressions[0];
  return {
    scenario: name,
    description: spec.description,
    seed: spec.seed,
    repo: spec.repo,
    pushCount: pushes.length,
    pushes: pushes.map((p) => ({
      position: p.index + 1,
      repo: p.repo,
      id: p.id,
      pushlogId: p.pushlogId,
      revision: p.revision,
      backstop: p.backstop,
      decisionTaskId: p.decisionTaskId,
      scheduled: main.scheduled.get(p.id)?.size ?? 0,
    })),
    culprit: first
      ? {
          pushId: first.culpritPushId,
          revision: first.culpritRevision,
          label: first.label,
          index: first.culpritPosition,
        }
      : null,
    regressions,
    flaky: specials.flaky.map(({ label, f }) => ({ label: label.label, f, failedPushIds: failedPushIds(label.label) })),
    perf,
    runnableLabels: runnable.length,
    missingLabels,
    completeness,
    wasteful,
    wastefulMachineHours: round3(wasteful.reduce((n, w) => n + w.machineHours, 0)),
    artifacts,
  };
}

function waste(label: string, reason: WastefulJobTruth['reason'], tier: number, tasks: SimTask[]): WastefulJobTruth {
  const ms = tasks.reduce((n, t) => n + t.runs.reduce((m, r) => m + r.durationMs, 0), 0);
  return { label, reason, tier, tasks: tasks.length, machineHours: round3(ms / 3_600_000) };
}

function at(pushes: SimPush[], i: number): SimPush {
  const p = pushes[Math.max(0, Math.min(pushes.length - 1, i))];
  if (!p) throw new Error('scenario has no pushes');
  return p;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
