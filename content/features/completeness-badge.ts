import { completenessBadgeText, type PushCompleteness } from '../../src/completeness/compute-completeness';
import { openCompletenessPanel, type CompletenessPanel } from '../controls/completeness-panel';
import { describeLoadFailure } from '../controls/load-failure';
import type { BackgroundData } from '../data/background-data';
import type { ContentFeature, FeatureContext } from '../feature';
import { observe } from '../observe';
import { pushRevisionOf } from '../page-context';
import { pushIdOf, selectors } from '../selectors';
import { button, element } from '../ui/dom';
import { scrollParentOf, type OverlayLayer, type Placement } from '../ui/layer';
import { showToast } from '../ui/toast';
import { viewportQueueFor } from '../controls/viewport-first';

/**
 * The badge sits just after the push's title (date and author), where the push bar has free room; the
 * right-hand side holds Treeherder's failure count and progress, which it must not cover.
 */
const GAP_AFTER_TITLE_PX = 12;
const afterTitle: Placement = (title) => ({
  x: title.right + GAP_AFTER_TITLE_PX,
  y: title.top,
  width: 0,
  height: title.height,
});
const headerTitle = `${selectors.push} ${selectors.pushHeader} ${selectors.pushTitle}`;

/**
 * On each push header: how many of the push's runnable jobs were scheduled ("1,204 / 8,950
 * scheduled"), ✓ when complete, ★ on a backstop push. Clicking lists the missing jobs. The numbers
 * come from the background (Treeherder leaves most green jobs out of the DOM).
 */
export const completenessBadge: ContentFeature = { id: 'completeness-badge', start: startCompletenessBadges };

function startCompletenessBadges(ctx: FeatureContext): void {
  const { layer, signal, data } = ctx;
  const viewport = viewportQueueFor(signal);
  observe(
    headerTitle,
    (title) => {
      if (layer.widgetFor(title)) return; // already handled: O(1) per re-render
      const pushRoot = title.closest(selectors.push);
      const pushId = pushRoot ? pushIdOf(pushRoot) : undefined;
      if (!pushRoot || pushId === undefined) return;
      const list = pushRoot.closest(selectors.pushList);
      let panel: CompletenessPanel | undefined;
      layer.mount(
        title,
        {
          key: `push:${pushId}`,
          place: afterTitle,
          clip: () => (list ? scrollParentOf(list) : null),
          onRemove: () => panel?.close(),
        },
        () => {
          const widget = element('div', {
            class: 'cit-push-widget',
            'data-testid': 'cit-push-widget',
            'data-cit-push-id': pushId,
            'data-cit-placement': 'push',
          });
          const badge = createBadge(
            ctx,
            ctx.repo(),
            pushId,
            pushRoot,
            viewport.schedule.bind(viewport, title),
            (opened) => {
              panel = opened;
            },
          );
          widget.append(badge);
          return widget;
        },
      );
    },
    { signal, name: 'completeness-badges' },
  );
}

function createBadge(
  { layer, data, signal }: FeatureContext,
  repo: string,
  pushId: number,
  pushRoot: Element,
  /** When to ask for the numbers: visible pushes first (viewport-first.ts). */
  schedule: (load: () => Promise<unknown>) => void,
  onPanel: (panel: CompletenessPanel) => void,
): HTMLButtonElement {
  let completeness: PushCompleteness | undefined;
  let panel: CompletenessPanel | undefined;
  const badge = button(
    {
      class: 'cit-completeness',
      'data-testid': 'cit-completeness',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
    },
    [],
    () => {
      if (panel && !panel.closed) return panel.close({ restoreFocus: true });
      if (!completeness) return badge.dataset.citState === 'error' ? load() : undefined;
      const revision = pushRevisionOf(pushRoot);
      if (!revision) {
        showToast(layer, {
          at: badge,
          kind: 'error',
          message: 'This push’s revision is not on the page, so no jobs can be added to it.',
        });
        return;
      }
      panel = openCompletenessPanel({
        layer,
        badge,
        signal,
        completeness,
        push: { repo, pushId, revision },
        onSent: () => {
          data.forgetPushCompleteness(repo, pushId);
          load();
        },
      });
      onPanel(panel);
    },
  );

  const showLoading = () => {
    badge.dataset.citState = 'loading';
    badge.replaceChildren('… scheduled');
    badge.title = 'Counting the jobs this push could run…';
    badge.setAttribute('aria-label', 'Push completeness loading');
  };
  const request = () =>
    data.pushCompleteness(repo, pushId).then(
      (loaded) => {
        completeness = loaded;
        renderBadge(badge, loaded);
      },
      (error: unknown) => {
        // What is wrong, in the visible text ("? scheduled · offline"); the full sentence in the tooltip.
        const { short, sentence } = describeLoadFailure(error);
        badge.dataset.citState = 'error';
        badge.dataset.citReason = short;
        badge.replaceChildren(
          '? scheduled',
          element('span', { class: 'cit-completeness-reason', 'data-testid': 'cit-completeness-reason' }, [
            ` · ${short}`,
          ]),
        );
        badge.title = `${sentence} Click to try again.`;
        badge.setAttribute('aria-label', `Push completeness unknown (${short}): ${sentence} Activate to try again.`);
      },
    );
  const load = () => {
    showLoading();
    void request();
  };
  showLoading();
  schedule(request);
  return badge;
}

function renderBadge(badge: HTMLButtonElement, completeness: PushCompleteness): void {
  const text = completenessBadgeText(completeness);
  const missing = completeness.runnable - completeness.scheduled;
  const marker = completeness.backstop ? '★' : completeness.complete ? '✓' : '';
  const markerMeaning = completeness.backstop
    ? ' Backstop push: it runs everything by design.'
    : completeness.complete
      ? ' Every runnable job was scheduled.'
      : '';
  badge.dataset.citState = 'ready';
  badge.dataset.citScheduled = String(completeness.scheduled);
  badge.dataset.citRunnable = String(completeness.runnable);
  badge.toggleAttribute('data-cit-complete', completeness.complete);
  badge.toggleAttribute('data-cit-backstop', completeness.backstop);
  badge.replaceChildren(
    ...(marker ? [element('span', { class: 'cit-marker', 'aria-hidden': 'true' }, [marker])] : []),
    element('span', { class: 'cit-completeness-text' }, [text]),
  );
  const summary = `${text}: ${missing} runnable job${missing === 1 ? ' was' : 's were'} not scheduled on this push.${markerMeaning}`;
  badge.title = `${summary} Click to list them.`;
  badge.setAttribute('aria-label', `${summary} Show missing jobs.`);
}
