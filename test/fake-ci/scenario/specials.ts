import { createHash } from 'node:crypto';
import { unitFor } from '../rng';
import type { LabelSpec } from '../model/types';
import { buildSpec, talosSpec, tier3Labels } from './catalog';
import { failingTestsFor } from './failures';
import type { OutcomeModel } from './outcomes';
import { PERF_PLATFORM, type PlatformDef } from './platforms';
import type { ForcedRule } from './schedule';
import type { RegressionSpec, ScenarioSpec } from './spec';

/** Labels with a role in the scenario, their pass/fail behaviour and their scheduling rules. */
export interface Specials {
  regressions: Array<{ spec: RegressionSpec; label: LabelSpec; failingTests: string[] }>;
  flaky: Array<{ label: LabelSpec; f: number }>;
  tier3: LabelSpec[];
  alwaysFailing: LabelSpec[];
  perf: { regress: LabelSpec; stable: LabelSpec[] } | null;
  forced: ForcedRule;
}

/** Chooses the special labels (adding tier-3 and Talos labels to `catalog`) and teaches `model` their odds. */
export function planSpecials(
  spec: ScenarioSpec,
  platforms: PlatformDef[],
  catalog: LabelSpec[],
  model: OutcomeModel,
): Specials {
  const used = new Set<string>();
  const rules = new Map<string, (index: number) => boolean | undefined>();
  const tests = (): LabelSpec[] => catalog.filter((l) => l.kind === 'test' && l.tier === 1 && !used.has(l.label));

  const regressions = (spec.regressions ?? []).map((r) => {
    const label = chooseLabel(tests(), r.label, r.suite, platforms[0]?.platform);
    used.add(label.label);
    const f0 = (r.firstFailure ?? r.culprit) - 1;
    const gap = r.gap ?? 0;
    const lastGood = f0 - gap - 1;
    model.set(label.label, { f: r.f, q: r.q, culpritIndex: r.culprit - 1, forcedFailures: new Set([f0]) });
    rules.set(label.label, (i) => {
      if (i === f0 || i === lastGood) return true;
      if (i > lastGood && i < f0) return false;
      return r.kind === 'intermittent' ? true : undefined;
    });
    return { spec: r, label, failingTests: failingTestsFor(label) };
  });

  const flaky = (spec.flaky ?? []).map((fl) => {
    const label = chooseLabel(tests(), fl.label, fl.suite, platforms[fl.platform ?? 0]?.platform);
    used.add(label.label);
    model.set(label.label, { f: fl.f, q: fl.f });
    rules.set(label.label, () => true);
    return { label, f: fl.f };
  });

  const tier3 = spec.waste ? tier3Labels(platforms, spec.waste.tier3Labels) : [];
  catalog.push(...tier3);

  const alwaysFailing: LabelSpec[] = [];
  if (spec.waste) {
    const pool = catalog.filter((l) => l.kind === 'test' && l.tier === 2 && !used.has(l.label));
    const fallback = tests().reverse();
    for (let i = 0; i < spec.waste.alwaysFailing; i++) {
      const label = pool[i * 3] ?? pool[i] ?? fallback[i * 3];
      if (!label) break;
      used.add(label.label);
      alwaysFailing.push(label);
      model.set(label.label, { f: 1, q: 1 });
      rules.set(label.label, () => true);
    }
  }

  let perf: Specials['perf'] = null;
  if (spec.perf) {
    const p = spec.perf;
    if (!catalog.some((l) => l.label === PERF_PLATFORM.buildLabel)) catalog.push(buildSpec(PERF_PLATFORM));
    const make = (suite: string, i: number): LabelSpec => {
      const l = talosSpec(PERF_PLATFORM, suite);
      l.perf = {
        suite,
        frameworkId: 1,
        baseValue: p.baseValue * (1 + i * 0.37),
        lowerIsBetter: true,
        noise: p.noise,
        replicates: p.replicates,
        signatureId: 4_100_000 + i,
        signatureHash: createHash('sha1').update(`perf|${l.label}`).digest('hex'),
      };
      return l;
    };
    const regress = make(p.talosSuite, 0);
    const stable = p.stableSuites.map((s, i) => make(s, i + 1));
    catalog.push(regress, ...stable);
    const c0 = p.culprit - 1;
    const prev0 = c0 - p.gap - 1;
    rules.set(regress.label, (i) => {
      if (i === c0 || i === prev0) return true;
      if (i > prev0 && i < c0) return false;
      return unitFor(spec.seed, 'perf', regress.label, i) < p.rate;
    });
    for (const s of stable) rules.set(s.label, (i) => unitFor(spec.seed, 'perf', s.label, i) < p.rate);
    perf = { regress, stable };
  }

  const big0 = spec.artifacts?.bigPush !== undefined ? spec.artifacts.bigPush - 1 : -1;
  const forced: ForcedRule = (label, index) => (index === big0 ? true : rules.get(label)?.(index));
  return { regressions, flaky, tier3, alwaysFailing, perf, forced };
}

function chooseLabel(
  pool: LabelSpec[],
  exact: string | undefined,
  suite: string | undefined,
  platform: string | undefined,
): LabelSpec {
  if (exact) {
    const hit = pool.find((l) => l.label === exact);
    if (hit) return hit;
  }
  const bySuite = pool.filter((l) => !suite || l.suite === suite);
  const onPlatform = bySuite.filter((l) => !platform || l.platform === platform);
  const pick = onPlatform[0] ?? bySuite[0] ?? pool[0];
  if (!pick) throw new Error('scenario needs more test labels than the catalog has; raise jobsPerPush');
  return pick;
}
