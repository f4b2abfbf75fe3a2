import { useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import { errorText } from '../ui/error-text';

/** Downloads the whole trigger log as NDJSON (one JSON object per line). */
export function LogExport() {
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const exportLog = async () => {
    try {
      const { ndjson, count } = await sendToBackground('exportTriggerLog', {});
      const url = URL.createObjectURL(new Blob([ndjson], { type: 'application/x-ndjson' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `ci-tools-trigger-log-${new Date().toISOString().slice(0, 10)}.ndjson`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ text: `Exported ${count} entr${count === 1 ? 'y' : 'ies'}.`, error: false });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    }
  };
  return (
    <span>
      <button type="button" data-testid="cit-export-log" onClick={exportLog}>
        Export trigger log (NDJSON)
      </button>
      {message ? (
        <span class={message.error ? 'error' : 'muted'} role="status" data-testid="cit-export-result">
          {' '}
          {message.text}
        </span>
      ) : null}
    </span>
  );
}
