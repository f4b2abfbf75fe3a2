import { hashString } from '../rng';
import { failingTestsFor } from './failures';
import type { Specials } from './specials';

/** A bug of the fake's Bugscache, serialized as Treeherder's `Bugscache.serialize` does. */
export interface FakeBug {
  id: number;
  status: string;
  resolution: string;
  summary: string;
  dupe_of: number | null;
  crash_signature: string;
  keywords: string;
  whiteboard: string;
  internal_id: number;
  /** Only counted for internal issues (id null); null for Bugzilla bugs. */
  occurrences: null;
}

/** A known intermittent: the open bug filed for a flaky label's failing test, and the label. */
export interface KnownIntermittent {
  label: string;
  test: string;
  bug: FakeBug;
  /** An older bug about the same test, resolved long ago (Treeherder lists it under `all_others`). */
  resolved: FakeBug;
}

/**
 * The fake's bug database: every flaky label of the scenario (fails at a constant rate, no culprit) has an
 * open intermittent bug for each test it fails, filed before the scenario starts ("Intermittent <test> |
 * <message>", keyword intermittent-failure, as the sheriffs' bug filer words them), plus a resolved one.
 */
export function knownIntermittents(specials: Pick<Specials, 'flaky'>): KnownIntermittent[] {
  return specials.flaky.flatMap(({ label }) =>
    failingTestsFor(label).map((test) => {
      const id = 1_950_000 + (hashString(test) % 40_000);
      return {
        label: label.label,
        test,
        bug: bug(id, 'NEW', '', `Intermittent ${test} | ${FLAKY_MESSAGE}`),
        resolved: bug(id - 250_000, 'RESOLVED', 'FIXED', `Intermittent ${test} | Got 0, expected 1`),
      };
    }),
  );
}

/** What a flaky label's failing test reports (treeherder/job-detail.ts `failureMessage`). */
export const FLAKY_MESSAGE = 'Test timed out';

function bug(id: number, status: string, resolution: string, summary: string): FakeBug {
  return {
    id,
    status,
    resolution,
    summary,
    dupe_of: null,
    crash_signature: '',
    keywords: 'intermittent-failure',
    whiteboard: '',
    internal_id: id - 1_600_000,
    occurrences: null,
  };
}
