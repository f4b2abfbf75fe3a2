import { gapBadgeText, gapTooltip } from '../../src/gap/compute-gap';
import { button } from '../ui/dom';
import type { BackgroundData } from '../data/background-data';
import { describeLoadFailure } from './load-failure';

/**
 * The gap badge of a failing job ("↶7"): how many earlier pushes did not run its label since the last
 * run, the range a backfill or bisection must cover. Loaded once per job (the cache lives in
 * BackgroundData); "…" while loading, "?" with the background's sentence on error.
 */
export function createGapBadge(options: {
  repo: string;
  jobId: number;
  data: BackgroundData;
  onClick: (badge: HTMLButtonElement) => void;
  /** When to ask for the gap (visible jobs first, viewport-first.ts); default at once. */
  schedule?: (load: () => Promise<unknown>) => void;
}): HTMLButtonElement {
  const badge = button(
    {
      class: 'cit-gap-badge',
      'data-testid': 'cit-gap-badge',
      'data-cit-state': 'loading',
      'aria-label': 'Gap loading; show CI Tools controls',
      title: 'Looking for the last run of this job…',
      'aria-expanded': 'false',
    },
    ['…'],
    () => options.onClick(badge),
  );

  const load = () =>
    options.data.jobGap(options.repo, options.jobId).then(
      (gap) => {
        const text = gapBadgeText(gap);
        const tooltip = gapTooltip(gap);
        badge.textContent = text;
        badge.title = tooltip;
        badge.setAttribute('aria-label', `Gap ${text}: ${tooltip} Show CI Tools controls.`);
        badge.dataset.citState = 'ready';
        badge.dataset.citGap = String(gap.gap);
      },
      (error: unknown) => {
        // The slot is small: "?" in sight, the gist and the sentence (without a request line) in the tooltip.
        const { short, sentence } = describeLoadFailure(error);
        badge.textContent = '?';
        badge.title = `Gap unknown (${short}): ${sentence}`;
        badge.setAttribute('aria-label', `Gap unknown (${short}): ${sentence} Show CI Tools controls.`);
        badge.dataset.citState = 'error';
        badge.dataset.citReason = short;
      },
    );
  if (options.schedule) options.schedule(load);
  else void load();
  return badge;
}
