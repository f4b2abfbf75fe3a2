import { sendToBackground } from '../../platform/messaging';
import type { TriggerIntentInput } from '../../src/actions/intents';
import { describeCost } from '../../src/guard/cost';
import { button, element, uniqueId } from '../ui/dom';
import { costlyButton } from '../ui/gesture';
import { focusFirst, openPopover, type Popover } from '../ui/popover';
import type { JobControlsContext } from './job-context';
import { runTrigger } from './trigger-flow';

/**
 * The popover shared by Backfill and Retrigger ×N: one number (depth or times), a live cost preview
 * from the background's guard, and a go button that sends the intent through `runTrigger`.
 */
export interface IntentForm {
  /** "Backfill test-linux1804-64-qr/debug-mochitest-plain-3". */
  heading: string;
  /** Sentences shown above the field (the gap, why the depth is what it is). */
  notes: string[];
  initial: number;
  intentFor(value: number): TriggerIntentInput;
  /** "Backfill", "Retrigger ×5": starts the result sentence. */
  what(value: number): string;
}

/** One kind of intent popover (Backfill, Retrigger ×N): its texts, its number field and how its form loads. */
export interface IntentPopoverKind {
  /** data-testid of the popover; its parts get `<testid>-field`, `-cost`, `-go`. */
  testid: string;
  label: string;
  field: { label: string; min: number; max: number };
  goLabel: string;
  load(context: JobControlsContext): Promise<IntentForm>;
}

const PREVIEW_DELAY_MS = 250;

export function openIntentPopover(context: JobControlsContext, trigger: HTMLElement, kind: IntentPopoverKind): Popover {
  const { field, testid } = kind;
  const heading = element('div', { class: 'cit-popover-heading' }, [kind.label]);
  const notes = element('div', { class: 'cit-popover-notes', 'data-testid': `${testid}-notes` }, ['Loading…']);
  const inputId = uniqueId('cit-field');
  const input = element('input', {
    id: inputId,
    type: 'number',
    min: field.min,
    max: field.max,
    step: 1,
    inputmode: 'numeric',
    disabled: true,
    class: 'cit-input',
    'data-testid': `${testid}-field`,
  });
  const cost = element('div', { class: 'cit-popover-cost', 'data-testid': `${testid}-cost`, 'aria-live': 'polite' });
  // Costly: only the user's own click or Enter sends (ui/gesture.ts).
  const go = costlyButton(
    { class: 'cit-button cit-button-primary', 'data-testid': `${testid}-go`, disabled: true },
    [kind.goLabel],
    () => void send(),
  );
  const cancel = button({ class: 'cit-button' }, ['Cancel'], () => popover.close({ restoreFocus: true }));
  const popover = openPopover({
    layer: context.layer,
    host: context.host,
    trigger,
    label: kind.label,
    testid,
    signal: context.signal,
    content: [
      heading,
      notes,
      element('label', { class: 'cit-field', for: inputId }, [field.label, input]),
      cost,
      element('div', { class: 'cit-popover-actions' }, [go, cancel]),
    ],
  });

  let form: IntentForm | undefined;
  let previewSequence = 0;
  let previewTimer: number | undefined;
  popover.signal.addEventListener('abort', () => window.clearTimeout(previewTimer), { once: true });

  const chosenValue = (): number | undefined => {
    const value = Number(input.value);
    return Number.isInteger(value) && value >= field.min && value <= field.max ? value : undefined;
  };
  const preview = async () => {
    const value = chosenValue();
    const sequence = ++previewSequence;
    if (!form || value === undefined) {
      go.disabled = true;
      cost.textContent = `Enter a whole number from ${field.min} to ${field.max}.`;
      return;
    }
    cost.textContent = 'Estimating cost…';
    try {
      const result = await sendToBackground('previewTrigger', { intent: form.intentFor(value) });
      if (sequence !== previewSequence || popover.closed) return; // a newer value is being previewed
      const reason = result.reason ? ` ${result.reason}` : '';
      const decision =
        result.decision === 'confirm'
          ? ` You will be asked to confirm.${reason}`
          : result.decision === 'refuse'
            ? ` Will be refused:${reason}`
            : result.decision === 'merged'
              ? ` Already requested:${reason}`
              : '';
      cost.textContent = `Cost: ${describeCost(result.cost)}.${decision}`;
      cost.dataset.decision = result.decision;
      go.disabled = result.decision === 'refuse';
    } catch (error) {
      if (sequence !== previewSequence || popover.closed) return;
      cost.textContent = `Cost unknown: ${error instanceof Error ? error.message : String(error)}`;
      go.disabled = false; // the trigger itself still goes through the guard
    }
  };
  const send = async () => {
    const value = chosenValue();
    if (!form || value === undefined) return;
    const outcome = await runTrigger(context.layer, { intents: [form.intentFor(value)], what: form.what(value) }, go);
    if (outcome === 'sent') popover.close({ restoreFocus: true });
  };

  input.addEventListener(
    'input',
    () => {
      window.clearTimeout(previewTimer);
      go.disabled = true;
      previewTimer = window.setTimeout(() => void preview(), PREVIEW_DELAY_MS);
    },
    { signal: popover.signal },
  );
  input.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter' && event.isTrusted && !go.disabled) void send();
    },
    { signal: popover.signal },
  );

  kind.load(context).then(
    (loaded) => {
      if (popover.closed) return;
      form = loaded;
      heading.textContent = loaded.heading;
      notes.replaceChildren(...loaded.notes.map((note) => element('p', {}, [note])));
      input.value = String(loaded.initial);
      input.disabled = false;
      input.focus();
      input.select();
      void preview();
    },
    (error: unknown) => {
      if (popover.closed) return;
      notes.textContent = `Could not load this job: ${error instanceof Error ? error.message : String(error)}`;
      notes.setAttribute('role', 'alert');
      if (!popover.element.contains(document.activeElement)) focusFirst(popover.element); // Escape still closes
    },
  );
  return popover;
}
