import { unitFor } from '../rng';
import type { RunOutcome } from '../model/types';

/** How one label behaves: fails with `f` before the culprit position and with `q` from it on. */
export interface LabelBehaviour {
  f: number;
  q: number;
  /** 0-based push index of the culprit; undefined = no culprit (q unused). */
  culpritIndex?: number;
  /** 0-based push indexes whose first run is forced to fail (the first observed failure). */
  forcedFailures?: Set<number>;
}

/**
 * The scenario's truth about pass/fail, used by the generator and by every task an action creates later, so
 * backfills and retriggers pass or fail as the scenario says. Draws are keyed by (label, push, instance,
 * run), never by call order.
 */
export class OutcomeModel {
  private readonly behaviours = new Map<string, LabelBehaviour>();

  constructor(readonly seed: number) {}

  set(label: string, behaviour: LabelBehaviour): void {
    this.behaviours.set(label, behaviour);
  }

  get(label: string): LabelBehaviour | undefined {
    return this.behaviours.get(baseLabel(label));
  }

  labels(): string[] {
    return [...this.behaviours.keys()];
  }

  failProbability(label: string, pushIndex: number): number {
    const b = this.get(label);
    if (!b) return 0;
    if (b.culpritIndex !== undefined && pushIndex >= b.culpritIndex) return b.q;
    return b.f;
  }

  outcome(label: string, pushId: number, pushIndex: number, instance: number, runId: number): RunOutcome {
    const b = this.get(label);
    if (!b) return 'completed';
    if (instance === 0 && runId === 0 && b.forcedFailures?.has(pushIndex)) return 'failed';
    const u = unitFor(this.seed, 'outcome', baseLabel(label), pushId, instance, runId);
    return u < this.failProbability(label, pushIndex) ? 'failed' : 'completed';
  }
}

/** Confirm-failure copies (`<label>-cf`) behave like their label. */
export function baseLabel(label: string): string {
  return label.endsWith('-cf') ? label.slice(0, -3) : label;
}
