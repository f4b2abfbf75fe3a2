import { sendToBackground } from '../../platform/messaging';
import { containKeyboard } from '../context';
import type { ContentFeature } from '../feature';

/**
 * A small fixed chip in the page corner: shows the extension is active and its link to the
 * background. Fixed positioning: it never shifts Treeherder's rows.
 */
export const statusChip: ContentFeature = { id: 'status-chip', start: ({ signal }) => mountStatusChip(signal) };

function mountStatusChip(signal: AbortSignal): void {
  if (document.querySelector('[data-testid="cit-status"]')) return;
  const chip = document.createElement('div');
  chip.className = 'cit-status';
  chip.dataset.testid = 'cit-status';
  chip.setAttribute('role', 'status');
  chip.setAttribute('aria-live', 'polite');
  chip.textContent = 'CI Tools…';
  containKeyboard(chip);
  document.body.append(chip);
  signal.addEventListener('abort', () => chip.remove(), { once: true });

  sendToBackground('ping', {})
    .then((result) => {
      chip.textContent = `CI Tools ${result.version}`;
      chip.dataset.state = 'connected';
      chip.title = 'CI Tools for Treeherder is active on this page.';
    })
    .catch((error: unknown) => {
      chip.textContent = 'CI Tools: background unavailable';
      chip.dataset.state = 'error';
      chip.title = error instanceof Error ? error.message : String(error);
    });
}
