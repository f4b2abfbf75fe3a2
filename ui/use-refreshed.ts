import { useEffect, useState } from 'preact/hooks';
import { errorText } from './error-text';

export interface RefreshedAsks<T> {
  /** Asked once at the start, for a quick answer from what the background holds; `next` follows at once. */
  first?: () => Promise<T>;
  /** Asked at the start (after `first`) and then every interval. */
  next: () => Promise<T>;
}

/**
 * Keeps a view fresh while the page is open: asks the background now and then every `everyMs`. Holds
 * the last answer; a failed ask shows its sentence until one succeeds. `at` is when the last round began.
 */
export function useRefreshed<T>(
  asks: RefreshedAsks<T>,
  everyMs: number,
): { value?: T; error?: string; at: number; setValue: (value: T) => void } {
  const [state, setState] = useState<{ value?: T; error?: string }>({});
  const [at, setAt] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    const ask = (load: () => Promise<T>) =>
      load().then(
        (value) => live && setState({ value }),
        (error: unknown) => live && setState((s) => ({ ...s, error: errorText(error) })),
      );
    void (asks.first ? ask(asks.first).then(() => ask(asks.next)) : ask(asks.next));
    const timer = setInterval(() => {
      setAt(Date.now());
      void ask(asks.next);
    }, everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return { ...state, at, setValue: (value) => setState((s) => ({ ...s, value })) };
}
