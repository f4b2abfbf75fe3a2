import { sendToBackground } from '../../platform/messaging';
import type { BisectionPreviewResult } from '../../src/protocol';
import { whileBusy } from '../ui/busy';
import { element } from '../ui/dom';
import { costlyButton } from '../ui/gesture';
import { openPopover, type Popover } from '../ui/popover';
import { showToast } from '../ui/toast';
import type { JobControlsContext } from './job-context';
import { addPerfModes, isPerfMode, previewPerfMode, startPerfMode } from './perf-modes';

const DEFAULT_BUDGET = 60;

/**
 * Bisect: shows the suspect range and what the bisection is expected to cost (simulated from the
 * planner's own prior) before anything runs; the user can extend the range, set a hard budget, or
 * choose the simpler "retrigger until it fails" mode.
 */
export function openBisectPopover(context: JobControlsContext, trigger: HTMLElement): Popover {
  const { repo, jobId } = context;
  const summary = element(
    'div',
    { class: 'cit-popover-cost', 'data-testid': 'cit-bisect-popover-summary', 'aria-live': 'polite' },
    ['Working out the range and cost…'],
  );
  const mode = element('select', {
    class: 'cit-input',
    'data-testid': 'cit-bisect-popover-mode',
    'aria-label': 'Mode',
  });
  mode.append(
    element('option', { value: 'bisect' }, ['Find the culprit push']),
    element('option', { value: 'retrigger-until-fail' }, ['Retrigger until it fails']),
  );
  // Perf jobs (issue 8) also get "find the regressing push" and "new baseline".
  const perfSeries = addPerfModes(mode, repo, jobId);
  const extend = element('input', {
    class: 'cit-input',
    type: 'number',
    min: 0,
    max: 100,
    value: 0,
    'data-testid': 'cit-bisect-popover-extend',
    'aria-label': 'Extra earlier pushes',
  });
  const budget = element('input', {
    class: 'cit-input',
    type: 'number',
    min: 1,
    max: 500,
    value: DEFAULT_BUDGET,
    'data-testid': 'cit-bisect-popover-budget',
    'aria-label': 'Budget (jobs)',
  });
  // Costly (up to its budget of jobs): only the user's own click starts it (ui/gesture.ts).
  const go = costlyButton(
    { class: 'cit-button cit-button-primary', 'data-testid': 'cit-bisect-popover-go', disabled: true },
    ['Start bisection'],
    () => void start(),
  );

  const request = () => ({
    repo,
    jobId,
    mode: mode.value as 'bisect' | 'retrigger-until-fail',
    extendBy: clamp(extend.valueAsNumber, 0, 100, 0),
    budget: clamp(budget.valueAsNumber, 1, 500, DEFAULT_BUDGET),
    parallel: 4,
  });

  let generation = 0;
  const refresh = async () => {
    const mine = ++generation;
    go.disabled = true;
    summary.textContent = 'Working out the range and cost…';
    try {
      const series = isPerfMode(mode.value) ? await perfSeries : undefined;
      const text =
        series && isPerfMode(mode.value)
          ? await previewPerfMode(mode.value, series, repo, request().budget)
          : describePreview(await sendToBackground('previewBisection', request()));
      if (mine !== generation || popover.closed) return;
      summary.textContent = text;
      go.disabled = false;
    } catch (error) {
      if (mine === generation) summary.textContent = error instanceof Error ? error.message : String(error);
    }
  };

  const start = async () => {
    if (go.disabled) return;
    const started = await whileBusy(go, async () => {
      try {
        const series = isPerfMode(mode.value) ? await perfSeries : undefined;
        return series && isPerfMode(mode.value)
          ? await startPerfMode(mode.value, series, repo, jobId, request().budget)
          : await sendToBackground('startBisection', request());
      } catch (error) {
        showToast(context.layer, {
          at: go,
          kind: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
        return undefined;
      }
    });
    if (!started) return;
    popover.close({ restoreFocus: true });
    showToast(context.layer, {
      at: trigger,
      kind: 'success',
      message:
        started.status === 'running'
          ? `Bisection running over ${started.suspects.length} push${started.suspects.length === 1 ? '' : 'es'}; follow it in the toolbar popup.`
          : (started.message ?? 'Bisection finished.'),
    });
  };

  const popover = openPopover({
    layer: context.layer,
    host: context.host,
    trigger,
    label: 'Bisect this failure',
    testid: 'cit-bisect-popover',
    signal: context.signal,
    content: [
      element('div', { class: 'cit-popover-heading' }, ['Bisect this failure']),
      element('label', { class: 'cit-field' }, ['Mode ', mode]),
      element('label', { class: 'cit-field' }, ['Extend the range by ', extend, ' pushes']),
      element('label', { class: 'cit-field' }, ['Hard budget ', budget, ' jobs']),
      summary,
      element('div', { class: 'cit-popover-actions' }, [go]),
    ],
  });
  for (const input of [mode, extend, budget])
    input.addEventListener('change', () => void refresh(), { signal: popover.signal });
  void refresh();
  return popover;
}

function describePreview(p: BisectionPreviewResult): string {
  const range = p.suspects === 1 ? 'this push' : `${p.suspects} pushes (${p.firstPushId}…${p.lastPushId})`;
  const cost = `Range: ${range}. Expected cost: about ${Math.round(p.estimate.medianJobs)} jobs (90 % of the time ≤ ${Math.round(p.estimate.p90Jobs)}) in about ${Math.round(p.estimate.medianRounds)} rounds, never more than ${p.budget}.`;
  // Said plainly when the budget may end the search before a verdict (the preview's own simulated cases).
  const within = p.estimate.verdictWithinBudget;
  if (within === undefined || within >= 0.95) return cost;
  return `${cost} A verdict within this budget in ${Math.round(100 * within)} % of simulated cases; otherwise it stops with what it knows and what more would cost.`;
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}
