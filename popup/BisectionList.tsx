import { useEffect, useMemo, useState } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import { sendToBackground } from '../platform/messaging';
import type { BisectionSession } from '../src/bisection-session/session';
import type { FailureSession } from '../src/bisection-session/modes/failure';
import { CHART_WIDTH, UPlotChart } from '../ui/UPlotChart';
import { useRefreshed } from '../ui/use-refreshed';
import { BaselineResults, PerfBisectionChart } from './PerfCharts';
import { NewTestResults } from './NewTestResults';

/** Titles of the modes; a mode without one shows its kind. */
const MODE_TITLES: Partial<Record<BisectionSession['kind'], string>> = {
  failure: 'Bisect',
  'retrigger-until-fail': 'Retrigger until it fails',
  perf: 'Perf bisection',
  'new-baseline': 'New baseline',
  'new-test': 'New-test validation',
};

/** Running and recent bisections, each with failures per push and the posterior over pushes. */
export function BisectionList() {
  const {
    value: sessions,
    error,
    setValue: setSessions,
  } = useRefreshed({ next: () => sendToBackground('listBisections', {}) }, 5000);
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!sessions?.length) return null;
  return (
    <section data-testid="cit-bisections">
      <h2>Bisections</h2>
      {sessions.slice(0, 5).map((s) => (
        <BisectionCard
          key={s.id}
          session={s}
          onChange={(next) => setSessions(sessions.map((x) => (x.id === next.id ? next : x)))}
        />
      ))}
    </section>
  );
}

function BisectionCard({ session, onChange }: { session: BisectionSession; onChange: (s: BisectionSession) => void }) {
  // A baseline's one probe retriggers every label `times` times.
  const jobs =
    session.requested.reduce((a, b) => a + b, 0) *
    (session.kind === 'new-baseline' ? session.baseline.labels.length : 1);
  const stop = async () => {
    const next = await sendToBackground('stopBisection', { id: session.id });
    if (next) onChange(next);
  };
  return (
    <div class="card" data-testid="cit-bisection" data-status={session.status}>
      <div class="row spread">
        <strong title={session.label}>
          {MODE_TITLES[session.kind] ?? session.kind}:{' '}
          {shortLabel(session.kind === 'perf' ? session.perf.seriesName : session.label)}
        </strong>
        <span class="muted small">
          {jobs}/{session.budget} jobs · {session.rounds.length} rounds
        </span>
      </div>
      {session.message ? (
        <p class={session.status === 'error' ? 'error small' : 'small'} data-testid="cit-bisection-message">
          {session.message}
        </p>
      ) : null}
      {session.culprit?.treeherderUrl ? (
        <p class="small" data-testid="cit-bisection-culprit">
          <a href={session.culprit.treeherderUrl} target="_blank" rel="noreferrer">
            {session.culprit.revision.slice(0, 12)}
          </a>{' '}
          by {session.culprit.author}
          {session.culprit.comments[0] ? <> — {session.culprit.comments[0]}</> : null}
        </p>
      ) : null}
      {session.kind === 'failure' ? <BisectionChart session={session} /> : null}
      {session.kind === 'perf' ? <PerfBisectionChart session={session} /> : null}
      {session.kind === 'new-baseline' ? <BaselineResults session={session} /> : null}
      {session.kind === 'new-test' ? <NewTestResults session={session} /> : null}
      {session.status === 'running' ? (
        <button type="button" class="small" onClick={stop} data-testid="cit-bisection-stop">
          Stop
        </button>
      ) : null}
    </div>
  );
}

/** Bars: failures and passes per suspect push; line: the posterior that the push is the culprit. */
function BisectionChart({ session }: { session: FailureSession }) {
  const data = useMemo<AlignedData>(() => {
    const x = session.suspects.map((_, i) => i);
    const failures = session.observed.map((o) => o.failures);
    const passes = session.observed.map((o) => o.completed - o.failures);
    const posterior = session.suspects.map((_, i) => session.posterior?.pushes[i] ?? null);
    return [x, failures, passes, posterior];
  }, [session]);
  const options = useMemo<Omit<Options, 'width'>>(
    () => ({
      height: 140,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false }, runs: { auto: true }, p: { range: [0, 1] } },
      axes: [
        {
          scale: 'x',
          values: (_u, ticks) => ticks.map((t) => String(session.suspects[t]?.pushId ?? '').slice(-4)),
          size: 24,
        },
        { scale: 'runs', size: 30 },
        { scale: 'p', side: 1, size: 44, values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) },
      ],
      series: [
        {},
        {
          label: 'failed',
          scale: 'runs',
          stroke: '#dd6602',
          fill: 'rgba(221,102,2,0.35)',
          paths: bars(),
          points: { show: false },
        },
        {
          label: 'passed',
          scale: 'runs',
          stroke: '#2e8b57',
          fill: 'rgba(46,139,87,0.25)',
          paths: bars(),
          points: { show: false },
        },
        { label: 'P(culprit)', scale: 'p', stroke: '#0b6bcb', width: 2 },
      ],
    }),
    [session.id],
  );
  return (
    <figure class="chart">
      <UPlotChart options={options} data={data} width={CHART_WIDTH} testid="cit-bisection-chart" />
      <figcaption class="small muted">
        <span class="swatch" style="background:#dd6602" /> failed <span class="swatch" style="background:#2e8b57" />{' '}
        passed <span class="swatch" style="background:#0b6bcb" /> P(culprit) per push (last 4 digits of the push id)
      </figcaption>
    </figure>
  );
}

/** uPlot's built-in bar path builder. */
function bars() {
  return uPlot.paths.bars!({ size: [0.4, 20] });
}

function shortLabel(label: string): string {
  return label.length > 42 ? `…${label.slice(-41)}` : label;
}
