import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DataOf, ResultOf } from '../src/messaging/define';
import type { MessageType, Protocol } from '../src/protocol';
import { sendToBackground } from '../platform/messaging';
import { errorText } from './error-text';

export interface Loadable<T> {
  value?: T;
  error?: string;
  loading: boolean;
  reload: () => void;
}

/** Loads one background query for a Preact page, with an error sentence instead of a crash. */
export function useBackground<K extends MessageType>(
  type: K,
  data: DataOf<Protocol[K]>,
): Loadable<ResultOf<Protocol[K]>> {
  const [state, setState] = useState<{ value?: ResultOf<Protocol[K]>; error?: string; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(data);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    sendToBackground(type, data)
      .then((value) => live && setState({ value, loading: false }))
      .catch((error: unknown) => live && setState({ error: errorText(error), loading: false }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key stands for data
  }, [type, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
