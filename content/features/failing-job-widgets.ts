import { createGapBadge } from '../controls/gap-badge';
import { createJobControls } from '../controls/job-controls';
import { createKnownFailureInfo } from '../controls/known-failure';
import type { ContentFeature, FeatureContext } from '../feature';
import { observe } from '../observe';
import { jobIdOf, selectors } from '../selectors';
import { element } from '../ui/dom';
import { scrollParentOf, type OverlayLayer } from '../ui/layer';

const REVEAL_GRACE_MS = 300;
const stillFailing = (anchor: Element) => anchor.matches(selectors.failingJobButton);

/**
 * Beside every failing job in #push-list: its gap badge (always visible, small) and a toolbar with
 * Backfill, Retrigger ×N and Bisect, shown while the job or the widget is hovered or focused, or after
 * the badge is clicked. Both live in one overlay widget per job id (see ui/layer.ts).
 */
export const failingJobWidgets: ContentFeature = { id: 'failing-job-widgets', start: startFailingJobWidgets };

function startFailingJobWidgets(ctx: FeatureContext): void {
  const { layer, signal, data } = ctx;
  observe(
    selectors.failingJobButton,
    (jobButton) => {
      if (layer.widgetFor(jobButton)) return; // already handled: O(1) per re-render
      const jobId = jobIdOf(jobButton);
      if (jobId === undefined) return;
      const list = jobButton.closest(selectors.pushList);
      layer.mount(
        jobButton,
        { key: `job:${jobId}`, keep: stillFailing, clip: () => (list ? scrollParentOf(list) : null) },
        () => {
          const widget = element('div', {
            class: 'cit-job-widget',
            'data-testid': 'cit-job-widget',
            'data-cit-job-id': jobId,
            'data-cit-placement': 'job',
          });
          const repo = ctx.repo();
          const badge = createGapBadge({
            repo,
            jobId,
            data,
            onClick: (clicked) => {
              clicked.setAttribute('aria-expanded', String(widget.toggleAttribute('data-cit-pinned')));
            },
          });
          const controls = createJobControls({ ...ctx, host: widget, repo, jobId });
          controls.append(createKnownFailureInfo({ repo, jobId, data, widget }));
          widget.append(badge, controls);
          return widget;
        },
      );
    },
    { signal, name: 'failing-job-widgets' },
  );
  revealOnHover(layer, signal);
}

/** Hovering or focusing a failing job reveals its toolbar; a short grace lets the pointer reach it. */
function revealOnHover(layer: OverlayLayer, signal: AbortSignal): void {
  let revealed: HTMLElement | undefined;
  let hideTimer: number | undefined;
  const hide = () => {
    revealed?.removeAttribute('data-cit-hover');
    revealed = undefined;
  };
  const onEnter = (event: Event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const jobButton = target.closest(selectors.failingJobButton);
    const widget = jobButton ? layer.widgetFor(jobButton) : undefined;
    if (widget || (revealed && revealed.contains(target))) window.clearTimeout(hideTimer);
    if (widget && widget !== revealed) {
      hide();
      revealed = widget;
      widget.setAttribute('data-cit-hover', '');
    } else if (!widget && revealed && !revealed.contains(target)) {
      window.clearTimeout(hideTimer);
      hideTimer = window.setTimeout(hide, REVEAL_GRACE_MS);
    }
  };
  document.addEventListener('pointerover', onEnter, { capture: true, passive: true, signal });
  document.addEventListener('focusin', onEnter, { capture: true, signal });
  signal.addEventListener('abort', () => window.clearTimeout(hideTimer), { once: true });
}
