import { sendToBackground } from '../../platform/messaging';
import type { TriggerIntentInput } from '../../src/actions/intents';
import { describeCost } from '../../src/guard/cost';
import type { TriggerResult } from '../../src/protocol';
import { whileBusy } from '../ui/busy';
import type { OverlayLayer } from '../ui/layer';
import { showToast } from '../ui/toast';

/**
 * Sends intents through the background's one trigger pipeline (docs/design.md, decision 5) and reports where
 * the user clicked: the result as a toast, the guard's reason with an explicit Confirm when it asks,
 * the reason when it refuses. Shared by the job controls and the completeness panel.
 */
export interface TriggerRun {
  /** Sent in order; a large fill-in is split to fit the action's label limit. */
  intents: ReadonlyArray<TriggerIntentInput>;
  /** What is being done, capitalised: "Backfill", "Retrigger ×5", "Fill-in". */
  what: string;
}

export type TriggerOutcome = 'sent' | 'cancelled' | 'failed';

/**
 * Runs the intents; `goButton` is disabled meanwhile, so one click can never trigger twice, and keeps focus.
 * Callers run it only from a trusted user gesture (ui/gesture.ts); the confirmation asks for another.
 */
export async function runTrigger(
  layer: OverlayLayer,
  run: TriggerRun,
  goButton: HTMLButtonElement,
): Promise<TriggerOutcome> {
  if (goButton.disabled) return 'cancelled';
  return whileBusy(goButton, () => sendAll(layer, run, goButton));
}

async function sendAll(layer: OverlayLayer, run: TriggerRun, goButton: HTMLButtonElement): Promise<TriggerOutcome> {
  const actionTaskIds: string[] = [];
  const summaries: string[] = [];
  const alreadySent: string[] = [];
  try {
    for (const [index, intent] of run.intents.entries()) {
      const part = run.intents.length > 1 ? ` (part ${index + 1} of ${run.intents.length})` : '';
      let result = await sendToBackground('trigger', { intent, confirmed: false });
      if (result.status === 'needs-confirmation') {
        const confirmed = await askConfirmation(layer, goButton, `${run.what}${part}`, result);
        if (!confirmed) {
          const message = actionTaskIds.length
            ? `${run.what} stopped before part ${index + 1}; earlier parts were sent.`
            : `${run.what} not sent.`;
          showToast(layer, { at: goButton, kind: 'info', message });
          return 'cancelled';
        }
        result = await sendToBackground('trigger', {
          intent,
          confirmed: true,
          confirmationToken: result.confirmationToken,
        });
        if (result.status === 'needs-confirmation') {
          showToast(layer, {
            at: goButton,
            kind: 'error',
            message: `${run.what}${part} not sent: the confirmation was no longer valid (it lasts two minutes and counts once). Try again.`,
          });
          return 'failed';
        }
      }
      if (result.status === 'triggered') {
        actionTaskIds.push(result.actionTaskId);
        summaries.push(`${result.summary} (${describeCost(result.cost)})`);
      } else if (result.status === 'merged') {
        alreadySent.push(result.reason);
      } else {
        showToast(layer, {
          at: goButton,
          kind: 'error',
          message: `${run.what}${part} refused: ${result.reason}`,
          detail: result.summary,
        });
        return 'failed';
      }
    }
    showToast(layer, resultToast(goButton, run.what, actionTaskIds, summaries, alreadySent));
    return 'sent';
  } catch (error) {
    showToast(layer, {
      at: goButton,
      kind: 'error',
      message: `${run.what} failed: ${error instanceof Error ? error.message : String(error)}`,
    });
    return 'failed';
  }
}

function resultToast(at: Element, what: string, actionTaskIds: string[], summaries: string[], alreadySent: string[]) {
  if (actionTaskIds.length === 0) {
    return { at, kind: 'info' as const, message: `${what} was already sent: ${alreadySent.join(' ')}` };
  }
  const tasks = `action task${actionTaskIds.length === 1 ? '' : 's'} ${actionTaskIds.join(', ')}`;
  const merged = alreadySent.length ? ` ${alreadySent.length} part(s) had already been sent.` : '';
  return {
    at,
    kind: 'success' as const,
    message: `${what} requested: ${tasks}`,
    detail: summaries.join(' · ') + merged,
  };
}

type NeedsConfirmation = Extract<TriggerResult, { status: 'needs-confirmation' }>;

/**
 * The guard's reason and cost, with Confirm (re-sends with confirmed: true and the background's token) and
 * Cancel. Confirm acts only on a trusted click: a page script cannot confirm for the user.
 */
function askConfirmation(
  layer: OverlayLayer,
  at: HTMLElement,
  what: string,
  result: NeedsConfirmation,
): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false;
    const answer = (confirmed: boolean) => {
      if (answered) return;
      answered = true;
      toast.dismiss();
      resolve(confirmed);
    };
    const toast = showToast(layer, {
      at,
      kind: 'info',
      sticky: true,
      message: `${what}: ${result.reason}`,
      detail: `${result.summary} (${describeCost(result.cost)})`,
      actions: [
        { label: 'Confirm', testid: 'cit-confirm', costly: true, onClick: () => answer(true) },
        { label: 'Cancel', testid: 'cit-cancel', onClick: () => answer(false) },
      ],
      onDismiss: () => answer(false),
    });
    toast.element.querySelector<HTMLElement>('[data-testid="cit-confirm"]')?.focus();
  });
}
