import { createArtifactsControl } from '../controls/artifacts-popover';
import { createJobControls } from '../controls/job-controls';
import type { ContentFeature, FeatureContext } from '../feature';
import { observe } from '../observe';
import { selectedJobIdOf } from '../page-context';
import { selectors } from '../selectors';
import { element } from '../ui/dom';
import type { Placement } from '../ui/layer';

/** Room kept between our row and Treeherder's tabs on its left and its buttons on its right. */
const ROOM_PX = 12;

/**
 * In the tab row of the details panel, between the last tab and Treeherder's own buttons (PinBoard, close):
 * free room that no control of Treeherder's uses. #actionbar itself is only as wide as the summary panel
 * (310 px) and its buttons fill it (../shared/treeherder-ui/README.md), so nothing of ours goes there.
 */
export const inTabRowRoom: Placement = (row, tabRow) => {
  let tabsEnd = row.left;
  for (const tab of Array.from(tabRow.querySelectorAll(selectors.detailsTabInside)))
    tabsEnd = Math.max(tabsEnd, tab.getBoundingClientRect().right);
  const buttons = tabRow.querySelector(selectors.detailsTabButtonsInside)?.getBoundingClientRect();
  const end = buttons && buttons.width > 0 ? buttons.left : row.right;
  const x = tabsEnd + ROOM_PX;
  return { x, y: row.top, width: Math.max(0, end - ROOM_PX - x), height: row.height };
};

/**
 * The selected job's controls in the details panel (an overlay: the panel is React's): "Artifacts", then
 * Backfill, Retrigger ×N and Bisect, as one row laid out by CSS (content.css). The panel stays mounted while
 * the selection changes, so the row is rebuilt only when the selected job id does.
 */
export const actionBar: ContentFeature = { id: 'action-bar', start: startActionBar };

function startActionBar(ctx: FeatureContext): void {
  const { layer, signal } = ctx;
  let lastSelected: Element | null = null;
  observe(
    selectors.detailsTabHeaders,
    (tabRow) => {
      const widget = layer.mount(
        tabRow,
        {
          key: 'actionbar',
          place: inTabRowRoom,
          clip: () => document.querySelector(selectors.detailsPanel),
        },
        () =>
          element('div', {
            class: 'cit-actionbar-widget',
            'data-testid': 'cit-actionbar-widget',
            'data-cit-placement': 'actionbar',
          }),
      );
      // O(1) while the same job button stays selected; otherwise one query, and a rebuild only when
      // the selected job id changed.
      if (lastSelected?.isConnected && lastSelected.classList.contains('selected-job') && widget.dataset.citJobId)
        return;
      lastSelected = document.querySelector(selectors.selectedJob);
      const jobId = selectedJobIdOf(document);
      const shown = jobId === undefined ? '' : String(jobId);
      if (widget.dataset.citJobId === shown) return;
      widget.dataset.citJobId = shown;
      widget.removeAttribute('data-cit-open');
      if (jobId === undefined) return widget.replaceChildren();
      const job = { ...ctx, repo: ctx.repo(), jobId, host: widget };
      const artifacts = element('div', { class: 'cit-artifacts-widget', 'data-testid': 'cit-artifacts-widget' });
      artifacts.append(createArtifactsControl(job));
      widget.replaceChildren(artifacts, createJobControls(job));
    },
    // The selection changes on a job button, not in the bar: look at the bar (one element) every batch.
    { signal, name: 'action-bar', wholePage: true },
  );
}
