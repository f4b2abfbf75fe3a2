import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../ui/error-text';

/** How a page talks to one kind of background job (background/reports/polled-jobs.ts). */
export interface PolledJobCalls<Request, Status, Item = never> {
  /** Starts the job and answers its first status. */
  start(request: Request): Promise<Status>;
  /** The next status, asked after `previous`. */
  poll(previous: Status): Promise<Status>;
  /** Whether to ask again after this status. */
  pollAgain(status: Status): boolean;
  /** New items a status brings (results streamed while the job runs). */
  itemsOf?(status: Status): readonly Item[];
  /** Stops the job (when the page starts another or goes away, or on the user's request). */
  stop?(status: Status): Promise<unknown>;
  /** Pause between polls: often enough for a live progress bar; each poll is one local message. */
  pollMs: number;
}

export interface PolledJobState<Status, Item> {
  status?: Status;
  /** Every item so far, in arrival order. */
  items: Item[];
  error?: string;
}

/**
 * Starts a background job whenever `runKey` changes (and `request` is set), then polls it until
 * `pollAgain` says no. The page holds only what the background sends: progress, then results.
 */
export function usePolledJob<Request, Status, Item = never>(
  calls: PolledJobCalls<Request, Status, Item>,
  request: Request | undefined,
  runKey: readonly unknown[],
): PolledJobState<Status, Item> & { stop: () => void } {
  const [state, setState] = useState<PolledJobState<Status, Item>>({ items: [] });
  const current = useRef<Status | undefined>(undefined);
  const stop = () => {
    if (current.current !== undefined) void calls.stop?.(current.current).catch(() => undefined);
  };
  useEffect(() => {
    if (!request) return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let items: Item[] = [];
    setState({ items });
    const fail = (error: unknown) => {
      if (live) setState({ items, error: errorText(error) });
    };
    const apply = (status: Status) => {
      current.current = status;
      const added = calls.itemsOf?.(status) ?? [];
      if (added.length) items = [...items, ...added];
      setState({ status, items });
      if (calls.pollAgain(status)) timer = setTimeout(() => void next(status), calls.pollMs);
    };
    const next = async (previous: Status) => {
      try {
        const status = await calls.poll(previous);
        if (live) apply(status);
      } catch (error) {
        fail(error);
      }
    };
    calls.start(request).then((status) => live && apply(status), fail);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      stop();
      current.current = undefined;
    };
  }, runKey);
  return { ...state, stop };
}
