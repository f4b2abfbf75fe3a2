import { sendToBackground } from '../../platform/messaging';
import type { ContentFeature, FeatureContext } from '../feature';
import { selectors } from '../selectors';
import { element } from '../ui/dom';
import type { Placement } from '../ui/layer';

/** Room between Treeherder's logo menu and the chip. */
const AFTER_LOGO_PX = 12;
/** Where the chip goes on a page without Treeherder's top bar (the fake CI's model page). */
const CORNER_PX = 8;
const CORNER_HEIGHT_PX = 24;

/**
 * In Treeherder's top bar, just after its logo menu: that bar's free room (between the logo and the
 * right-hand menus, 133…1122 px of a 1600 px window), which no push header ever scrolls under. A fixed
 * corner would cover the buttons of whichever push header passes beneath it.
 */
const afterLogo: Placement = () => {
  const logo = document.querySelector(selectors.navbarLogo)?.getBoundingClientRect();
  // A line through the logo's middle (the chip is centred on it): the bar may sit a pixel or two above the
  // window's top when the page is scrolled, and the chip still fits.
  if (logo && logo.width > 0)
    return { x: logo.right + AFTER_LOGO_PX, y: logo.top + logo.height / 2, width: 0, height: 0 };
  return { x: CORNER_PX, y: window.innerHeight - CORNER_PX - CORNER_HEIGHT_PX / 2, width: 0, height: 0 };
};

/** A small chip that shows the extension is active on this page and its link to the background. */
export const statusChip: ContentFeature = { id: 'status-chip', start: mountStatusChip };

function mountStatusChip({ layer }: FeatureContext): void {
  const chip = element('div', {
    class: 'cit-status',
    'data-testid': 'cit-status',
    role: 'status',
    'aria-live': 'polite',
  });
  chip.textContent = 'CI Tools…';
  layer.mount(document.body, { key: 'status', place: afterLogo }, () =>
    element('div', { class: 'cit-status-widget', 'data-cit-placement': 'status' }, [chip]),
  );

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
