import { wilsonInterval, type RateInterval } from './wilson';

/** One task that runs the test (a platform, or a platform's variant), and what its runs showed. */
export interface PlatformRuns {
  /** The task's test platform and build type, e.g. `linux1804-64-qr/debug` (with the suite when one platform has several). */
  platform: string;
  label: string;
  /** Runs that finished with a result (passed or failed). */
  runs: number;
  failures: number;
  /** Runs that ended without one (exception, cancelled): they arrived but say nothing about the test. */
  uninformative: number;
}

export type PlatformVerdict = 'stable' | 'intermittent' | 'fails' | 'unclear';

export type ValidationVerdictKind = 'stable' | 'intermittent' | 'fails-everywhere' | 'fails-somewhere' | 'unclear';

export interface ValidationVerdict {
  kind: ValidationVerdictKind;
  /** "stable", "intermittent on linux1804-64-qr/debug: 3/10", "fails everywhere", … */
  sentence: string;
}

/** A platform with no finished run is unclear, never "stable": nothing was seen yet. */
export function platformVerdict(row: Pick<PlatformRuns, 'runs' | 'failures'>): PlatformVerdict {
  if (row.runs === 0) return 'unclear';
  if (row.failures === 0) return 'stable';
  return row.failures === row.runs ? 'fails' : 'intermittent';
}

export function platformInterval(row: Pick<PlatformRuns, 'runs' | 'failures'>): RateInterval {
  return wilsonInterval(row.failures, row.runs);
}

/**
 * The verdict over every platform: "stable" when no run failed anywhere; the platforms where it failed some
 * runs ("intermittent on …: 3/10") or all of them ("fails on …: 10/10"); "fails everywhere" when every run on
 * every platform failed. Platforms without a finished run make it "unclear" unless a failure was already seen.
 */
export function validationVerdict(rows: readonly PlatformRuns[]): ValidationVerdict {
  if (rows.length === 0) return { kind: 'unclear', sentence: 'unclear: no task of this push runs the test' };
  const verdicts = rows.map((row) => ({ row, verdict: platformVerdict(row) }));
  const unclear = verdicts.filter((v) => v.verdict === 'unclear').map((v) => v.row.platform);
  const failing = verdicts.filter((v) => v.verdict === 'intermittent' || v.verdict === 'fails');
  const unclearNote = unclear.length ? `; unclear on ${unclear.join(', ')} (no run finished)` : '';
  if (failing.length === rows.length && failing.every((v) => v.verdict === 'fails')) {
    const runs = rows.reduce((n, r) => n + r.runs, 0);
    return {
      kind: 'fails-everywhere',
      sentence: `fails everywhere (${runs}/${runs} runs on ${plural(rows.length, 'platform')})`,
    };
  }
  if (failing.length) {
    const parts = failing.map(
      ({ row, verdict }) =>
        `${verdict === 'fails' ? 'fails' : 'intermittent'} on ${row.platform}: ${row.failures}/${row.runs}`,
    );
    const kind = failing.some((v) => v.verdict === 'intermittent') ? 'intermittent' : 'fails-somewhere';
    return { kind, sentence: `${parts.join('; ')}${unclearNote}` };
  }
  if (unclear.length) {
    return {
      kind: 'unclear',
      sentence: `unclear: no run finished on ${unclear.join(', ')}${unclear.length < rows.length ? '; no failure elsewhere' : ''}`,
    };
  }
  const runs = rows.reduce((n, r) => n + r.runs, 0);
  return { kind: 'stable', sentence: `stable (no failure in ${runs} runs on ${plural(rows.length, 'platform')})` };
}

/** "3/10 failed, 30 % (95 % CI 11–60 %)" */
export function describeRuns(row: Pick<PlatformRuns, 'runs' | 'failures'>): string {
  if (row.runs === 0) return 'no run finished yet';
  const { rate, low, high } = platformInterval(row);
  return `${row.failures}/${row.runs} failed, ${pct(rate)} (95 % CI ${pct(low, false)}–${pct(high)})`;
}

/** The copyable summary: one line per platform, then the verdict. */
export function validationSummary(input: {
  testPath: string;
  repo: string;
  pushId: number;
  revision: string;
  timesPerTask: number;
  rows: readonly PlatformRuns[];
}): string {
  const head = `New-test validation of ${input.testPath} on ${input.repo} push ${input.pushId} (${input.revision.slice(0, 12)}), ${input.timesPerTask} runs per task:`;
  const lines = input.rows.map((row) => `- ${row.platform}: ${describeRuns(row)} [${row.label}]`);
  return [head, ...lines, `Verdict: ${validationVerdict(input.rows).sentence}.`].join('\n');
}

function pct(fraction: number, unit = true): string {
  return `${Math.round(fraction * 100)}${unit ? ' %' : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
