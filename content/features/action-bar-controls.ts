import { observe } from '../observe';
import { repoOf, selectedJobIdOf } from '../page-context';
import { selectors } from '../selectors';
import { element } from '../ui/dom';
import { overlayLayer, type Placement } from '../ui/layer';
import { backgroundData } from '../data/background-data';
import { createJobControls } from '../controls/job-controls';

/** Room left at the bar's right end for Treeherder's own "…" menu. */
const MENU_ROOM_PX = 48;
const atBarEnd: Placement = (bar) => ({ x: bar.right - MENU_ROOM_PX, y: bar.top, width: 0, height: bar.height });

/**
 * The same controls for the selected job, at the right end of the details panel's action bar (an
 * overlay: #actionbar is React's). The bar stays mounted while the selection changes, so the widget is
 * rebuilt only when the selected job id does.
 */
export function startActionBarControls(signal: AbortSignal): void {
  const layer = overlayLayer(signal);
  const data = backgroundData(signal);
  let lastSelected: Element | null = null;
  observe(
    selectors.actionBar,
    (actionBar) => {
      const widget = layer.mount(
        actionBar,
        {
          key: 'actionbar',
          place: atBarEnd,
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
      widget.replaceChildren(
        ...(jobId === undefined
          ? []
          : [createJobControls({ layer, host: widget, signal, repo: repoOf(location.href), jobId, data })]),
      );
    },
    { signal, name: 'action-bar-controls' },
  );
}
