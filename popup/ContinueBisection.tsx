import { useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import type { BisectionSession } from '../src/bisection-session/session';
import { suggestedExtraJobs } from '../src/bisection-session/verdict-summary';
import { describeCost } from '../src/guard/cost';
import { errorText } from '../ui/error-text';

/**
 * "Continue with +N jobs" for a bisection that used up its budget. The background prices the jobs; above the
 * confirmation threshold it asks first, and this shows the price with a Confirm button.
 */
export function ContinueBisection(props: {
  session: BisectionSession;
  /** The session runs again; `sentence` says with what (the card keeps it, as this control leaves with the budget). */
  onContinued: (session: BisectionSession, sentence: string) => void;
}) {
  const [extra, setExtra] = useState(() => suggestedExtraJobs(props.session));
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'confirm'; reason: string }
    | { kind: 'said'; text: string; error?: boolean }
  >({ kind: 'idle' });
  const send = async (confirmed: boolean) => {
    setState({ kind: 'busy' });
    try {
      const result = await sendToBackground('continueBisection', { id: props.session.id, extraJobs: extra, confirmed });
      if (result.status === 'needs-confirmation') setState({ kind: 'confirm', reason: result.reason });
      else if (result.status === 'refused') setState({ kind: 'said', text: result.reason, error: true });
      else {
        setState({ kind: 'idle' });
        props.onContinued(result.session, `Continuing with ${extra} more jobs (${describeCost(result.cost)}).`);
      }
    } catch (e) {
      setState({ kind: 'said', text: errorText(e), error: true });
    }
  };
  return (
    <div class="continue small" data-testid="cit-bisection-continue">
      <span class="row">
        <button
          type="button"
          class="small primary"
          disabled={state.kind === 'busy' || state.kind === 'confirm'}
          onClick={() => send(false)}
          data-testid="cit-bisection-continue-button"
        >
          Continue with +{extra} jobs
        </button>
        <input
          type="number"
          min={1}
          max={100}
          value={extra}
          class="jobs"
          aria-label="More jobs"
          data-testid="cit-bisection-continue-jobs"
          onInput={(e) => {
            const value = Number((e.currentTarget as HTMLInputElement).value);
            if (Number.isInteger(value) && value >= 1 && value <= 100) setExtra(value);
            setState({ kind: 'idle' });
          }}
        />
      </span>
      {state.kind === 'confirm' ? (
        <span class="row" role="alert" data-testid="cit-bisection-continue-confirm">
          <span>{state.reason}</span>
          <button type="button" class="small primary" onClick={() => send(true)} data-testid="cit-bisection-confirm">
            Confirm
          </button>
          <button type="button" class="small" onClick={() => setState({ kind: 'idle' })}>
            Cancel
          </button>
        </span>
      ) : null}
      {state.kind === 'said' ? (
        <span role="status" class={state.error ? 'error' : 'muted'} data-testid="cit-bisection-continue-result">
          {state.text}
        </span>
      ) : null}
    </div>
  );
}
