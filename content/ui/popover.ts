import { element, uniqueId } from './dom';
import type { Align } from './placement';
import type { OverlayLayer } from './layer';

export interface PopoverOptions {
  layer: OverlayLayer;
  /** The layer widget the popover belongs to: marked open while it is (so a job's toolbar stays shown). */
  host: HTMLElement;
  /** The button that opened it: marked expanded, the popover's anchor, and focused again when it closes. */
  trigger: HTMLElement;
  align?: Align;
  /** Accessible name of the dialog, or the id of the element that names it. */
  label?: string;
  labelledBy?: string;
  /** data-testid, starting with cit-. */
  testid: string;
  /** A class besides cit-popover (the completeness panel is a larger one). */
  className?: string;
  content: ReadonlyArray<Node>;
  /** Where focus goes on opening (default: the first control that can take it). */
  initialFocus?: HTMLElement;
  signal: AbortSignal;
}

export interface Popover {
  readonly element: HTMLElement;
  readonly closed: boolean;
  /** Aborts when the popover closes: for listeners and requests that belong to it. */
  readonly signal: AbortSignal;
  /** `restoreFocus` defaults to: when focus was in the popover or lost to <body>. */
  close(options?: { restoreFocus?: boolean }): void;
}

/** One popover at a time: opening another closes the current one. */
let current: Popover | undefined;

/** What can take focus inside a dialog of ours, in order. */
export const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], summary';

/**
 * A small non-modal dialog beside its trigger, inside the window (the layer places it, see placement.ts).
 * Escape closes it and returns focus to the trigger, also when focus was lost to the page's body (a failed
 * load, a removed button); a pointer press outside closes it too, except inside our toasts (a confirmation
 * belongs to the popover).
 */
export function openPopover(options: PopoverOptions): Popover {
  current?.close({ restoreFocus: false });
  const { host, trigger } = options;
  const lifetime = new AbortController();
  const abortWithPage = () => lifetime.abort();
  options.signal.addEventListener('abort', abortWithPage, { once: true });

  const id = uniqueId('cit-popover');
  const popover = element('div', {
    class: options.className ? `cit-popover ${options.className}` : 'cit-popover',
    role: 'dialog',
    'aria-label': options.label,
    'aria-labelledby': options.labelledBy,
    'data-testid': options.testid,
    id,
    tabindex: -1,
  });
  popover.append(...options.content);

  let closed = false;
  // Focus goes back to the trigger when asked, or by default when it was in the popover or lost to <body>.
  const close = ({ restoreFocus }: { restoreFocus?: boolean } = {}) => {
    if (closed) return;
    closed = true;
    const focused = document.activeElement;
    const hadFocus = !focused || focused === document.body || popover.contains(focused);
    lifetime.abort();
    options.signal.removeEventListener('abort', abortWithPage);
    popover.remove();
    host.removeAttribute('data-cit-open');
    trigger.setAttribute('aria-expanded', 'false');
    if (current === handle) current = undefined;
    if ((restoreFocus ?? hadFocus) && trigger.isConnected && !options.signal.aborted) trigger.focus();
  };
  const handle: Popover = {
    element: popover,
    get closed() {
      return closed || lifetime.signal.aborted;
    },
    signal: lifetime.signal,
    close,
  };

  // On the document, in capture: focus may be on <body> (lost) rather than in the popover.
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape') return;
      const focused = document.activeElement;
      const ours = !focused || focused === document.body || popover.contains(focused) || trigger.contains(focused);
      if (!ours) return;
      event.preventDefault();
      event.stopPropagation();
      close({ restoreFocus: true });
    },
    { capture: true, signal: lifetime.signal },
  );
  document.addEventListener(
    'pointerdown',
    (event) => {
      const target = event.target instanceof Node ? event.target : null;
      if (!popover.isConnected) return close({ restoreFocus: false });
      if (target && (popover.contains(target) || trigger.contains(target))) return;
      if (target instanceof Element && target.closest('.cit-toast')) return;
      close({ restoreFocus: false }); // focus goes where the user pressed
    },
    { capture: true, signal: lifetime.signal },
  );
  lifetime.signal.addEventListener('abort', () => popover.remove(), { once: true });

  host.setAttribute('data-cit-open', '');
  trigger.setAttribute('aria-expanded', 'true');
  trigger.setAttribute('aria-controls', id);
  options.layer.float(popover, { anchor: trigger, align: options.align, signal: lifetime.signal });
  current = handle;
  if (options.initialFocus) options.initialFocus.focus();
  else focusFirst(popover);
  return handle;
}

/** Focus on the first control that can take it, else on the dialog itself (never lost to the page). */
export function focusFirst(dialog: HTMLElement): void {
  (dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog).focus();
}
