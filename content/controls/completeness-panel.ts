import type { PushRef, TriggerIntentInput } from '../../src/actions/intents';
import {
  completenessBadgeText,
  type MissingJob,
  type PushCompleteness,
} from '../../src/completeness/compute-completeness';
import { button, element, uniqueId } from '../ui/dom';
import { costlyButton } from '../ui/gesture';
import type { OverlayLayer } from '../ui/layer';
import { openPopover, type Popover } from '../ui/popover';
import { runTrigger } from './trigger-flow';

export interface CompletenessPanelOptions {
  layer: OverlayLayer;
  /** The badge that opened the panel: its anchor, and focus returns to it. */
  badge: HTMLElement;
  /** The content script's lifetime: the panel goes with it. */
  signal: AbortSignal;
  push: PushRef;
  completeness: PushCompleteness;
  /** After jobs were requested: the push's numbers should be asked again. */
  onSent: () => void;
}

export type CompletenessPanel = Pick<Popover, 'close' | 'closed'>;

/** The add-new-jobs action takes at most this many labels per call (intent schema). */
export const LABELS_PER_INTENT = 500;
/** Rows rendered at once; thousands of checkboxes would stall the page for nothing. */
const MAX_ROWS = 400;
/** Short lists start with every platform open. */
const OPEN_ALL_BELOW = 200;

/**
 * The jobs a push could have run but did not, by platform, with a text filter and checkboxes.
 * "Add selected" and "Fill in this push" send add-new-jobs intents through the trigger pipeline.
 * A popover (ui/popover.ts: one at a time, inside the window, Escape or × closes it).
 */
export function openCompletenessPanel(options: CompletenessPanelOptions): CompletenessPanel {
  const { completeness, push } = options;
  const platforms = Object.keys(completeness.missingByPlatform).sort();
  const allMissing = platforms.flatMap((platform) => completeness.missingByPlatform[platform] ?? []);
  const selected = new Set<string>();
  let filter = '';

  const headingId = uniqueId('cit-panel-heading');
  const filterInput = element('input', {
    type: 'search',
    class: 'cit-input',
    placeholder: 'Filter by label, symbol or platform',
    'aria-label': 'Filter missing jobs',
    'data-testid': 'cit-missing-filter',
  });
  const list = element('div', { class: 'cit-panel-list', 'data-testid': 'cit-missing-list' });
  // Costly: only the user's own click or key press sends (ui/gesture.ts).
  const addSelected = costlyButton(
    { class: 'cit-button', 'data-testid': 'cit-add-selected' },
    [],
    () =>
      void send(
        allMissing.filter((job) => selected.has(job.label)),
        addSelected,
        'Adding',
      ),
  );
  const fillIn = costlyButton(
    { class: 'cit-button cit-button-primary', 'data-testid': 'cit-fill-in' },
    [`Fill in this push (${allMissing.length})`],
    () => void send(allMissing, fillIn, 'Fill-in of'),
  );
  const selectMatching = button(
    { class: 'cit-button', 'data-testid': 'cit-select-matching' },
    ['Select matching'],
    () => {
      for (const job of allMissing) if (matches(job)) selected.add(job.label);
      render();
    },
  );
  const clearSelection = button({ class: 'cit-button' }, ['Clear selection'], () => {
    selected.clear();
    render();
  });

  const content: Node[] = [
    element('div', { class: 'cit-panel-header' }, [
      element('h2', { id: headingId }, [`Missing jobs on push ${push.revision.slice(0, 12)}`]),
      button({ class: 'cit-toast-dismiss', 'aria-label': 'Close', 'data-testid': 'cit-panel-close' }, ['×'], () =>
        popover.close({ restoreFocus: true }),
      ),
    ]),
    element('p', { class: 'cit-panel-summary' }, [
      `${completenessBadgeText(completeness)} · ${allMissing.length} missing${completeness.backstop ? ' · backstop push' : ''}`,
    ]),
    filterInput,
    element('div', { class: 'cit-panel-tools' }, [selectMatching, clearSelection]),
    list,
    element('div', { class: 'cit-popover-actions' }, [addSelected, fillIn]),
  ];

  const matches = (job: MissingJob) =>
    !filter ||
    [job.label, job.platform, job.symbol, job.groupSymbol ?? ''].some((text) => text.toLowerCase().includes(filter));
  const render = () => {
    let budget = MAX_ROWS;
    const sections: HTMLElement[] = [];
    for (const platform of platforms) {
      const jobs = (completeness.missingByPlatform[platform] ?? []).filter(matches);
      if (jobs.length === 0) continue;
      const open = Boolean(filter) || allMissing.length <= OPEN_ALL_BELOW;
      const section = element('details', { class: 'cit-platform', 'data-cit-platform': platform, open }, [
        element('summary', {}, [`${platform} (${jobs.length})`]),
      ]);
      const fill = () => {
        if (section.childElementCount > 1) return;
        const shown = jobs.slice(0, Math.max(budget, 0));
        budget -= shown.length;
        section.append(...shown.map(rowFor));
        if (shown.length < jobs.length)
          section.append(
            element('p', { class: 'cit-panel-more' }, [`${jobs.length - shown.length} more: refine the filter.`]),
          );
      };
      if (open) fill();
      else
        section.addEventListener(
          'toggle',
          () => {
            budget = MAX_ROWS;
            fill();
          },
          { once: true },
        );
      sections.push(section);
    }
    list.replaceChildren(
      ...(sections.length
        ? sections
        : [
            element('p', {}, [
              allMissing.length
                ? 'No missing job matches the filter.'
                : 'Nothing is missing: every runnable job was scheduled.',
            ]),
          ]),
    );
    updateButtons();
  };
  const rowFor = (job: MissingJob) =>
    element('label', { class: 'cit-row' }, [
      element('input', { type: 'checkbox', 'data-cit-label': job.label, checked: selected.has(job.label) }),
      element('span', { class: 'cit-row-symbol' }, [
        job.groupSymbol ? `${job.groupSymbol}(${job.symbol})` : job.symbol,
      ]),
      element('span', { class: 'cit-row-label' }, [job.label]),
    ]);
  const updateButtons = () => {
    addSelected.textContent = `Add selected (${selected.size})`;
    addSelected.disabled = selected.size === 0;
    fillIn.disabled = allMissing.length === 0;
  };
  const send = async (jobs: MissingJob[], origin: HTMLButtonElement, verb: string) => {
    if (jobs.length === 0) return;
    const labels = jobs.map((job) => job.label);
    const intents: TriggerIntentInput[] = [];
    for (let start = 0; start < labels.length; start += LABELS_PER_INTENT) {
      intents.push({ kind: 'add-new-jobs', push, labels: labels.slice(start, start + LABELS_PER_INTENT) });
    }
    const what = `${verb} ${labels.length} job${labels.length === 1 ? '' : 's'}`;
    const outcome = await runTrigger(options.layer, { intents, what }, origin);
    if (outcome !== 'sent') return;
    selected.clear();
    if (!popover.closed) render();
    options.onSent();
  };

  list.addEventListener('change', (event) => {
    const box = event.target instanceof HTMLInputElement ? event.target : null;
    const label = box?.dataset.citLabel;
    if (!box || !label) return;
    if (box.checked) selected.add(label);
    else selected.delete(label);
    updateButtons();
  });
  filterInput.addEventListener('input', () => {
    filter = filterInput.value.trim().toLowerCase();
    render();
  });
  render();
  const popover = openPopover({
    layer: options.layer,
    host: options.badge.closest<HTMLElement>('.cit-widget') ?? options.badge,
    trigger: options.badge,
    align: 'end',
    className: 'cit-panel',
    labelledBy: headingId,
    testid: 'cit-completeness-panel',
    content,
    initialFocus: filterInput,
    signal: options.signal,
  });
  return popover;
}
