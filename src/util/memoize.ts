/**
 * One promise cache for the whole extension: callers with the same key share one load; a load that
 * fails is forgotten at once, so the next call tries again instead of repeating the error.
 */
export interface MemoizeOptions<A extends readonly unknown[]> {
  /** How long a successful value is kept; without it, for the life of the cache. */
  ttlMs?: number;
  /** The cache key of a call; by default the arguments joined with ':'. */
  key?: (...args: A) => string;
  /** The clock, for tests. */
  now?: () => number;
}

export interface Memoized<A extends readonly unknown[], V> {
  (...args: A): Promise<V>;
  /** Drops one key (after a write that changed it) or, with no arguments, everything. */
  forget(...args: A | []): void;
}

export function memoize<A extends readonly unknown[], V>(
  load: (...args: A) => Promise<V>,
  options: MemoizeOptions<A> = {},
): Memoized<A, V> {
  const { ttlMs, now = Date.now } = options;
  const keyOf = options.key ?? ((...args: A) => args.map(String).join(':'));
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  const memoized = (...args: A): Promise<V> => {
    const key = keyOf(...args);
    const hit = entries.get(key);
    if (hit && (ttlMs === undefined || now() - hit.at < ttlMs)) return hit.value;
    const value = Promise.resolve().then(() => load(...args));
    const entry = { at: now(), value };
    entries.set(key, entry);
    // Only this entry is forgotten: a newer load under the same key stays.
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  };
  memoized.forget = (...args: A | []) => {
    if (args.length === 0) entries.clear();
    else entries.delete(keyOf(...(args as A)));
  };
  return memoized;
}
