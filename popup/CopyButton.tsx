import { useState } from 'preact/hooks';

/**
 * "Copy for bug comment": puts `text()` on the clipboard and says so. When the browser refuses (no permission, the
 * popup lost focus), it says that instead and shows the text selected, so it can be copied by hand.
 */
export function CopyButton(props: { text: () => string; label?: string }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'refused'; text: string }>({
    kind: 'idle',
  });
  const copy = async () => {
    const text = props.text();
    try {
      await navigator.clipboard.writeText(text);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'refused', text });
    }
  };
  return (
    <span class="copy">
      <button type="button" class="small" onClick={copy} data-testid="cit-copy-comment">
        {props.label ?? 'Copy for bug comment'}
      </button>
      <span role="status" class="small" data-testid="cit-copy-status" data-state={state.kind}>
        {state.kind === 'copied' ? ' ✓ Copied to the clipboard.' : null}
        {state.kind === 'refused' ? ' The browser did not allow copying; select the text below and copy it.' : null}
      </span>
      {state.kind === 'refused' ? (
        <textarea
          class="copy-fallback"
          readOnly
          rows={6}
          value={state.text}
          data-testid="cit-copy-fallback"
          aria-label="Summary for a bug comment"
          ref={(el) => el?.select()}
        />
      ) : null}
    </span>
  );
}
