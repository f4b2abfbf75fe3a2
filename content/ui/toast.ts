import { button, element } from './dom';
import { costlyButton } from './gesture';
import type { OverlayLayer } from './layer';

export type ToastKind = 'info' | 'success' | 'error';

export interface ToastAction {
  label: string;
  /** data-testid, starting with cit-. */
  testid: string;
  /** Runs something costly (Confirm): only a trusted click counts (ui/gesture.ts). */
  costly?: boolean;
  onClick: () => void;
}

export interface ToastOptions {
  /** Where the user acted: the toast appears just below it. */
  at: Element;
  kind: ToastKind;
  message: string;
  detail?: string;
  actions?: ReadonlyArray<ToastAction>;
  /** Stays until dismissed. Errors always do. */
  sticky?: boolean;
  /** Called once when the toast goes, however it goes. */
  onDismiss?: () => void;
}

export interface Toast {
  readonly element: HTMLElement;
  dismiss(): void;
}

const AUTO_DISMISS_MS = 8000;
/** One toast per place: a new result from the same control replaces the previous one. */
const toastsByOrigin = new WeakMap<Element, Toast>();

/** A result or error shown where the user clicked (role=status, or role=alert for errors), inside the window. */
export function showToast(layer: OverlayLayer, options: ToastOptions): Toast {
  toastsByOrigin.get(options.at)?.dismiss();
  const lifetime = new AbortController();
  const isError = options.kind === 'error';
  const sticky = isError || Boolean(options.sticky);

  let timer: number | undefined;
  let dismissed = false;
  const dismiss = () => {
    if (dismissed) return;
    dismissed = true;
    window.clearTimeout(timer);
    lifetime.abort();
    const hadFocus = toast.contains(document.activeElement);
    toast.remove();
    // Not lost to <body> (where the next key is Treeherder's): back to where the user acted, or its dialog.
    if (hadFocus) keepFocusNear(options.at);
    if (toastsByOrigin.get(options.at) === handle) toastsByOrigin.delete(options.at);
    options.onDismiss?.();
  };

  const actions = (options.actions ?? []).map((action) =>
    (action.costly ? costlyButton : button)(
      { class: 'cit-button', 'data-testid': action.testid },
      [action.label],
      action.onClick,
    ),
  );
  const toast = element(
    'div',
    {
      class: 'cit-toast',
      'data-testid': 'cit-toast',
      'data-kind': options.kind,
      role: isError ? 'alert' : 'status',
    },
    [
      element('div', { class: 'cit-toast-message' }, [options.message]),
      ...(options.detail ? [element('div', { class: 'cit-toast-detail' }, [options.detail])] : []),
      ...(actions.length ? [element('div', { class: 'cit-toast-actions' }, actions)] : []),
      button(
        { class: 'cit-toast-dismiss', 'data-testid': 'cit-toast-dismiss', 'aria-label': 'Dismiss' },
        ['×'],
        dismiss,
      ),
    ],
  );
  toast.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') dismiss();
  });
  layer.float(toast, { anchor: options.at, signal: lifetime.signal });

  const handle: Toast = { element: toast, dismiss };
  toastsByOrigin.set(options.at, handle);
  if (!sticky) timer = window.setTimeout(dismiss, AUTO_DISMISS_MS);
  return handle;
}

function keepFocusNear(at: Element): void {
  const target =
    at instanceof HTMLElement && at.matches(':not(:disabled)') ? at : at.closest<HTMLElement>('[role="dialog"]');
  if (target?.isConnected) target.focus();
}
