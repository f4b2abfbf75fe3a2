import { useState } from 'preact/hooks';
import type { NewTestSession } from '../src/bisection-session/modes/new-test';
import { newTestRows } from '../src/bisection-session/modes/new-test';
import { platformInterval, platformVerdict, validationSummary } from '../src/new-test/report';

const VERDICT_CLASS = {
  stable: 'state-completed',
  intermittent: 'state-failed',
  fails: 'state-failed',
  unclear: 'state-pending',
};

/**
 * A new-test validation (issue 19): per platform its runs, failures, failure rate with the 95 % Wilson interval,
 * and what that says; the verdict; the summary to copy into a bug or review.
 */
export function NewTestResults({ session }: { session: NewTestSession }) {
  const rows = session.newTest.rows ?? newTestRows(session);
  const push = session.suspects[0]!;
  const summary =
    session.newTest.summary ??
    validationSummary({
      testPath: session.newTest.testPath,
      repo: session.repo,
      pushId: push.pushId,
      revision: push.revision,
      timesPerTask: session.newTest.times,
      rows,
    });
  const [copied, setCopied] = useState<string>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(summary);
      setCopied('Copied.');
    } catch (error) {
      setCopied(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div data-testid="cit-new-test-results">
      <table class="small new-test">
        <thead>
          <tr>
            <th scope="col">platform</th>
            <th scope="col">fails</th>
            <th scope="col">rate [95 % CI]</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { rate, low, high } = platformInterval(row);
            const verdict = platformVerdict(row);
            return (
              <tr
                key={row.label}
                data-testid="cit-new-test-row"
                data-platform={row.platform}
                data-runs={row.runs}
                data-failures={row.failures}
                data-low={low.toFixed(4)}
                data-high={high.toFixed(4)}
                title={row.label}
              >
                <td>{row.platform}</td>
                <td>
                  {row.failures}/{row.runs}
                  {row.uninformative ? ` (+${row.uninformative} without result)` : ''}
                </td>
                <td>{row.runs ? `${pct(rate)} [${Math.round(low * 100)}–${pct(high)}]` : '–'}</td>
                <td>
                  <span class={`state ${VERDICT_CLASS[verdict]}`}>{verdict}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {session.newTest.verdict ? (
        <p class="small" data-testid="cit-new-test-verdict" data-kind={session.newTest.verdict.kind}>
          Verdict: {session.newTest.verdict.sentence}
        </p>
      ) : null}
      {session.newTest.notScheduled.length ? (
        <p class="small muted">Not run on this push (not validated): {session.newTest.notScheduled.join(', ')}</p>
      ) : null}
      {session.newTest.matchedBy === 'directory' ? (
        <p class="small muted">Manifests guessed from the test’s directory (no tests-by-manifest.json.gz).</p>
      ) : null}
      <details>
        <summary class="small">Summary</summary>
        <pre class="small new-test-summary" data-testid="cit-new-test-summary">
          {summary}
        </pre>
      </details>
      <button type="button" class="small" onClick={copy} data-testid="cit-new-test-copy">
        Copy summary
      </button>{' '}
      <span class="small muted" role="status">
        {copied}
      </span>
    </div>
  );
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}
