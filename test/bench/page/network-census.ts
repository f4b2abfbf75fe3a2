import type { NetworkLogEntry } from '../../fake-ci/network-model';

/**
 * Who downloaded what, from the network model's log of bytes on the wire. The jobs page's own requests carry
 * its URL as Referer (its HTML is the navigation itself, its script a sub-resource); the extension's background
 * sends none (or its own origin). `/__fake` control calls are the bench's, not counted.
 */
export type Initiator = 'page-data' | 'page-assets' | 'extension';

export interface Tally {
  requests: number;
  bytes: number;
}

export interface Census {
  page: Tally;
  /** Of the page's: its API data alone (what it downloads again on every visit). */
  pageData: Tally;
  extension: Tally;
  /** The extension's requests by service class. */
  extensionByService: Record<string, Tally>;
  /** Responses the fake finished after the model's due time (it was the bottleneck, not the model). */
  late: number;
}

export function initiatorOf(entry: NetworkLogEntry, pageUrlPrefix: string): Initiator | null {
  if (entry.service === 'control') return null;
  if (entry.service === 'page') return 'page-assets';
  if (entry.referer?.startsWith(pageUrlPrefix)) return 'page-data';
  return 'extension';
}

export function census(entries: readonly NetworkLogEntry[], pageUrlPrefix: string): Census {
  const zero = (): Tally => ({ requests: 0, bytes: 0 });
  const out: Census = { page: zero(), pageData: zero(), extension: zero(), extensionByService: {}, late: 0 };
  for (const entry of entries) {
    const who = initiatorOf(entry, pageUrlPrefix);
    if (!who) continue;
    if (entry.late) out.late += 1;
    const add = (t: Tally) => {
      t.requests += 1;
      t.bytes += entry.bytes;
    };
    if (who === 'extension') {
      add(out.extension);
      const byService = out.extensionByService[entry.service] ?? zero();
      out.extensionByService[entry.service] = byService;
      add(byService);
    } else {
      add(out.page);
      if (who === 'page-data') add(out.pageData);
    }
  }
  return out;
}

export const kb = (bytes: number) =>
  bytes >= 10e6
    ? `${(bytes / 1e6).toFixed(1)} MB`
    : bytes >= 1e6
      ? `${(bytes / 1e6).toFixed(2)} MB`
      : `${Math.round(bytes / 1e3)} KB`;
