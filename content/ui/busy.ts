/**
 * Runs `work` with `button` disabled, so one click cannot act twice. A focused button that becomes disabled
 * drops focus to <body>, where the next key is Treeherder's (`j` moves its selection): focus waits on the
 * button's dialog meanwhile and returns to the button after, unless the user moved it elsewhere.
 */
export async function whileBusy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  const dialog = button.closest<HTMLElement>('[role="dialog"]');
  const hadFocus = document.activeElement === button;
  if (hadFocus) dialog?.focus();
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    const focused = document.activeElement;
    const waiting = !focused || focused === document.body || focused === dialog;
    if (hadFocus && waiting && button.isConnected) button.focus();
  }
}
