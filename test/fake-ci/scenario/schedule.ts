import { unitFor } from '../rng';
import type { LabelSpec } from '../model/types';
import type { ScenarioSpec } from './spec';

/** A special rule for a label on a push: true = run, false = optimized away, undefined = the normal rule. */
export type ForcedRule = (label: string, index: number) => boolean | undefined;

export interface PushSlot {
  index: number;
  pushlogId: number;
  backstop: boolean;
}

/**
 * Which labels the decision task schedules on a push: everything on backstop pushes and in `all` mode,
 * otherwise a SETA-like subset (a platform is active with `platformRate`, each of its tests runs with
 * `rate`). Builds run when a scheduled test needs them; lint always runs.
 */
export function scheduleFor(
  spec: ScenarioSpec,
  seed: number,
  catalog: LabelSpec[],
  slot: PushSlot,
  forced: ForcedRule,
): Set<string> {
  const out = new Set<string>();
  for (const l of catalog) {
    if (l.kind === 'lint') out.add(l.label);
    if (l.kind !== 'test') continue;
    const rule = forced(l.label, slot.index);
    if (rule !== undefined) {
      if (rule) out.add(l.label);
      continue;
    }
    if (l.tier === 3 && spec.waste) {
      if (unitFor(seed, 'tier3', l.label, slot.index) < spec.waste.tier3Rate) out.add(l.label);
      continue;
    }
    if (normalRule(spec, seed, l, slot)) out.add(l.label);
  }
  for (const l of catalog) {
    if (l.kind === 'test' && out.has(l.label) && l.buildLabel) out.add(l.buildLabel);
  }
  if (spec.schedule.mode === 'all' || slot.backstop) {
    for (const l of catalog) if (l.kind === 'build') out.add(l.label);
  }
  return out;
}

function normalRule(spec: ScenarioSpec, seed: number, l: LabelSpec, slot: PushSlot): boolean {
  const s = spec.schedule;
  if (s.mode === 'all' || slot.backstop) return true;
  const active = unitFor(seed, 'platform', l.platform, l.option, slot.index) < s.platformRate;
  return active && unitFor(seed, 'seta', l.label, slot.index) < s.rate;
}

export function isBackstop(spec: ScenarioSpec, pushlogId: number): boolean {
  return spec.schedule.mode === 'seta' && pushlogId % spec.schedule.backstopEvery === 0;
}
