import { createArtifactsControl } from '../controls/artifacts-popover';
import { createJobControls } from '../controls/job-controls';
import type { ContentFeature, FeatureContext } from '../feature';
import { observe } from '../observe';
import { selectedJobIdOf } from '../page-context';
import { selectors } from '../selectors';
import { element } from '../ui/dom';
import type { Placement } from '../ui/layer';

/** Room left at the bar's right end for Treeherder's own "…" menu. */
const MENU_ROOM_PX = 48;
const atBarEnd: Placement = (bar) => ({ x: bar.right - MENU_ROOM_PX, y: bar.top, width: 0, height: bar.height });

/**
 * The selected job's controls at the right end of the details panel's action bar (an overlay: #actionbar
 * is React's): "Artifacts", then Backfill, Retrigger ×N and Bisect. One widget holds both as one row
 * laid out by CSS (content.css), so neither reads the other's box. The bar stays mounted while the
 * selection changes, so the row is rebuilt only when the selected job id does.
 */
export const actionBar: ContentFeature = { id: 'action-bar', start: startActionBar };

function startActionBar(ctx: FeatureContext): void {
  const { layer, signal } = ctx;
  let lastSelected: Element | null = null;
  observe(
    selectors.actionBar,
    (bar) => {
      const widget = layer.mount(
        bar,
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
      if (jobId === undefined) return widget.replaceChildren();
      const job = { ...ctx, repo: ctx.repo(), jobId };
      // The artifacts popover hangs from its own slot (right-aligned to its button), the job controls' from the widget.
      const artifacts = element('div', { class: 'cit-artifacts-widget', 'data-testid': 'cit-artifacts-widget' });
      artifacts.append(createArtifactsControl({ ...job, host: artifacts }));
      widget.replaceChildren(artifacts, createJobControls({ ...job, host: widget }));
    },
    // The selection changes on a job button, not in the bar: look at the bar (one element) every batch.
    { signal, name: 'action-bar', wholePage: true },
  );
}
