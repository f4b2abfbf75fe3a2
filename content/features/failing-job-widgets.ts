import { createGapBadge } from '../controls/gap-badge';
import { createJobControls } from '../controls/job-controls';
import { viewportQueueFor } from '../controls/viewport-first';
import type { ContentFeature, FeatureContext } from '../feature';
import { observe } from '../observe';
import { jobIdOf, selectors } from '../selectors';
import { element } from '../ui/dom';
import { type OverlayLayer, type Placement, scrollParentOf } from '../ui/layer';

const REVEAL_GRACE_MS = 300;
/** Passing over another failing job of the same row on the way to the toolbar does not switch to it. */
const SWITCH_DWELL_MS = 400;
const stillFailing = (anchor: Element) => anchor.matches(selectors.failingJobButton);

/** Room between a row's last group and the first job's slot. */
const ROW_END_GAP_PX = 10;
/** Each failing job of a row gets one slot of this width at the row's end, in the row's order. */
export const SLOT_WIDTH_PX = 64;

/**
 * At the free end of the job's own platform row: job rows are dense (18 px buttons 1–3 px apart, groups
 * side by side), so anything drawn on or beside a job button covers a symbol, a classification star or the
 * next row's buttons; after the row's last group nothing is drawn. Each failing job of the row has its slot
 * there, left to right in the row's order, with its symbol, so the slot says whose it is.
 */
export const atRowEnd: Placement = (rect, jobButton, pass) => {
  const row = jobButton.closest(selectors.jobRow);
  if (!row) return { x: rect.right + ROW_END_GAP_PX, y: rect.top, width: SLOT_WIDTH_PX, height: rect.height };
  const end = pass.memo(row, () => {
    const last = row.lastElementChild?.getClientRects();
    const line = last?.[last.length - 1] ?? row.getBoundingClientRect();
    return {
      right: line.right,
      top: line.top,
      height: line.height,
      failing: Array.from(row.querySelectorAll(selectors.failingJobButtonInside)),
    };
  });
  const index = Math.max(0, end.failing.indexOf(jobButton));
  return {
    x: end.right + ROW_END_GAP_PX + index * SLOT_WIDTH_PX,
    y: end.top,
    width: SLOT_WIDTH_PX,
    height: end.height,
  };
};

/**
 * For every failing job in #push-list, at the free end of its row: its symbol and gap badge (always visible,
 * small) and a toolbar with Backfill, Retrigger ×N and Bisect, shown while the job or the slot is hovered or
 * focused, or after the badge is clicked. Both live in one overlay widget per job id (see ui/layer.ts).
 */
export const failingJobWidgets: ContentFeature = { id: 'failing-job-widgets', start: startFailingJobWidgets };

function startFailingJobWidgets(ctx: FeatureContext): void {
  const { layer, signal, data } = ctx;
  const viewport = viewportQueueFor(signal);
  observe(
    selectors.failingJobButton,
    (jobButton) => {
      if (layer.widgetFor(jobButton)) return; // already handled: O(1) per re-render
      const jobId = jobIdOf(jobButton);
      if (jobId === undefined) return;
      const list = jobButton.closest(selectors.pushList);
      layer.mount(
        jobButton,
        {
          key: `job:${jobId}`,
          place: atRowEnd,
          keep: stillFailing,
          clip: () => (list ? scrollParentOf(list) : null),
        },
        () => {
          const widget = element('div', {
            class: 'cit-job-widget',
            'data-testid': 'cit-job-widget',
            'data-cit-job-id': jobId,
            'data-cit-placement': 'job',
          });
          const repo = ctx.repo();
          const symbol = (jobButton.textContent ?? '').trim();
          const badge = createGapBadge({
            repo,
            jobId,
            data,
            schedule: (load) => viewport.schedule(jobButton, load),
            onClick: (clicked) => {
              clicked.setAttribute('aria-expanded', String(widget.toggleAttribute('data-cit-pinned')));
            },
          });
          widget.append(
            element('span', { class: 'cit-job-symbol', 'data-testid': 'cit-job-symbol', title: symbol }, [symbol]),
            badge,
            createJobControls({ ...ctx, host: widget, repo, jobId }),
          );
          return widget;
        },
      );
    },
    { signal, name: 'failing-job-widgets' },
  );
  revealOnHover(layer, signal);
}

/**
 * Hovering or focusing a failing job (or its slot) reveals its toolbar at the row's end. The pointer may cross
 * the rest of the row on its way there: the toolbar stays while it is anywhere in that row, and another failing
 * job of the row takes over only after the pointer rests on it (or on its slot); a grace period covers gaps.
 */
function revealOnHover(layer: OverlayLayer, signal: AbortSignal): void {
  let revealed: { widget: HTMLElement; row: Element | null } | undefined;
  let hideTimer: number | undefined;
  let switchTimer: number | undefined;
  const hide = () => {
    revealed?.widget.removeAttribute('data-cit-hover');
    revealed = undefined;
  };
  const reveal = (widget: HTMLElement, jobButton: Element | null) => {
    window.clearTimeout(hideTimer);
    window.clearTimeout(switchTimer);
    if (revealed?.widget === widget) return;
    hide();
    revealed = { widget, row: jobButton?.closest(selectors.jobRow) ?? null };
    widget.setAttribute('data-cit-hover', '');
  };
  const onEnter = (event: Event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const ownWidget = target.closest<HTMLElement>('[data-testid="cit-job-widget"]');
    const jobButton = ownWidget ? null : target.closest(selectors.failingJobButton);
    const widget = ownWidget ?? (jobButton ? layer.widgetFor(jobButton) : undefined);
    window.clearTimeout(switchTimer);
    if (widget && (ownWidget || event.type === 'focusin' || !revealed)) return reveal(widget, jobButton);
    const inRow = revealed?.row ? revealed.row.contains(target) : false;
    if (widget && widget !== revealed?.widget) {
      if (!inRow) return reveal(widget, jobButton);
      window.clearTimeout(hideTimer);
      switchTimer = window.setTimeout(() => reveal(widget, jobButton), SWITCH_DWELL_MS);
      return;
    }
    if (widget || inRow) return window.clearTimeout(hideTimer);
    if (!revealed) return;
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, REVEAL_GRACE_MS);
  };
  document.addEventListener('pointerover', onEnter, { capture: true, passive: true, signal });
  document.addEventListener('focusin', onEnter, { capture: true, signal });
  signal.addEventListener(
    'abort',
    () => {
      window.clearTimeout(hideTimer);
      window.clearTimeout(switchTimer);
    },
    { once: true },
  );
}
