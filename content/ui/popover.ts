import { element, uniqueId } from './dom';

export interface PopoverOptions {
  /** The layer widget the popover hangs from; it moves (and disappears) with it. */
  host: HTMLElement;
  /** The button that opened it: marked expanded, and focused again when the popover closes. */
  trigger: HTMLElement;
  /** Accessible name of the dialog. */
  label: string;
  /** data-testid, starting with cit-. */
  testid: string;
  content: ReadonlyArray<Node>;
  signal: AbortSignal;
}

export interface Popover {
  readonly element: HTMLElement;
  readonly closed: boolean;
  /** Aborts when the popover closes: for listeners and requests that belong to it. */
  readonly signal: AbortSignal;
  close(options?: { restoreFocus?: boolean }): void;
}

/** One popover at a time: opening another closes the current one. */
let current: Popover | undefined;

/**
 * A small non-modal dialog under its trigger. Escape closes it and returns focus to the trigger; a
 * pointer press outside closes it too, except inside our toasts (a confirmation belongs to the popover).
 */
export function openPopover(options: PopoverOptions): Popover {
  current?.close();
  const { host, trigger } = options;
  const lifetime = new AbortController();
  const abortWithPage = () => lifetime.abort();
  options.signal.addEventListener('abort', abortWithPage, { once: true });

  const id = uniqueId('cit-popover');
  const popover = element('div', {
    class: 'cit-popover',
    role: 'dialog',
    'aria-label': options.label,
    'data-testid': options.testid,
    id,
    tabindex: -1,
  });
  popover.append(...options.content);

  let closed = false;
  const close = ({ restoreFocus = false } = {}) => {
    if (closed) return;
    closed = true;
    lifetime.abort();
    options.signal.removeEventListener('abort', abortWithPage);
    popover.remove();
    host.removeAttribute('data-cit-open');
    trigger.setAttribute('aria-expanded', 'false');
    if (current === handle) current = undefined;
    if (restoreFocus && trigger.isConnected) trigger.focus();
  };
  const handle: Popover = {
    element: popover,
    get closed() {
      return closed || lifetime.signal.aborted;
    },
    signal: lifetime.signal,
    close,
  };

  popover.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      close({ restoreFocus: true });
    },
    { signal: lifetime.signal },
  );
  document.addEventListener(
    'pointerdown',
    (event) => {
      const target = event.target instanceof Node ? event.target : null;
      if (!popover.isConnected) return close();
      if (target && (popover.contains(target) || trigger.contains(target))) return;
      if (target instanceof Element && target.closest('.cit-toast')) return;
      close();
    },
    { capture: true, signal: lifetime.signal },
  );
  lifetime.signal.addEventListener('abort', () => popover.remove(), { once: true });

  host.setAttribute('data-cit-open', '');
  host.append(popover);
  trigger.setAttribute('aria-expanded', 'true');
  trigger.setAttribute('aria-controls', id);
  current = handle;
  keepInsideWindow(popover);
  (popover.querySelector<HTMLElement>('input, button:not([disabled])') ?? popover).focus();
  return handle;
}

/** Near the bottom of the window (the details panel) it opens upwards; near the right edge it shifts left. */
function keepInsideWindow(popover: HTMLElement): void {
  const rect = popover.getBoundingClientRect();
  if (rect.height === 0) return;
  if (rect.bottom > window.innerHeight && rect.top - rect.height > 0) popover.dataset.citFlip = 'up';
  if (rect.right > window.innerWidth - 8)
    popover.style.marginLeft = `${Math.round(window.innerWidth - 8 - rect.right)}px`;
}
