import { useMemo, useState } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import { sendToBackground } from '../platform/messaging';
import type { BisectionSession } from '../src/bisection-session/session';
import type { FailureSession } from '../src/bisection-session/modes/failure';
import { budgetRanOut, namedPush, sessionSummary } from '../src/bisection-session/verdict-summary';
import type { TrackedTriggerView } from '../src/protocol';
import { CHART_WIDTH, UPlotChart } from '../ui/UPlotChart';
import { ContinueBisection } from './ContinueBisection';
import { BaselineResults, PerfBisectionChart } from './PerfCharts';
import { ProbeList } from './ProbeList';
import { type PushRequest, VerdictPanel } from './VerdictPanel';

/** Titles of the modes; a mode without one shows its kind. */
const MODE_TITLES: Partial<Record<BisectionSession['kind'], string>> = {
  failure: 'Bisect',
  'retrigger-until-fail': 'Retrigger until it fails',
  perf: 'Perf bisection',
  'new-baseline': 'New baseline',
};

/** Bisections shown before "show all N". */
const FOLDED_SESSIONS = 3;

/** Running and recent bisections, each with its verdict, its charts and its probes (the tracked triggers it sent). */
export function BisectionList(props: {
  sessions?: BisectionSession[] | undefined;
  error?: string | undefined;
  tracked: readonly TrackedTriggerView[];
  onChange: (session: BisectionSession) => void;
}) {
  const { sessions, error } = props;
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!sessions?.length) return null;
  const card = (s: BisectionSession) => (
    <BisectionCard
      key={s.id}
      session={s}
      probes={props.tracked.filter((g) => g.bisectionId === s.id)}
      onChange={props.onChange}
    />
  );
  const first = sessions.slice(0, FOLDED_SESSIONS);
  const rest = sessions.slice(FOLDED_SESSIONS);
  return (
    <section data-testid="cit-bisections">
      <h2>
        Bisections <span class="muted small">({sessions.length})</span>
      </h2>
      {first.map(card)}
      {rest.length ? (
        <details class="more-sessions">
          <summary>Show all {sessions.length} bisections</summary>
          {rest.map(card)}
        </details>
      ) : null}
    </section>
  );
}

/** The push and label whose details a finished session links. */
function pushRequestOf(session: BisectionSession): PushRequest | undefined {
  const named = namedPush(session);
  const push = named ? session.suspects[named.pushIndex] : undefined;
  if (!push) return undefined;
  return { repo: session.repo, pushId: push.pushId, label: session.label };
}

function BisectionCard({
  session,
  probes,
  onChange,
}: {
  session: BisectionSession;
  probes: readonly TrackedTriggerView[];
  onChange: (s: BisectionSession) => void;
}) {
  // A baseline's one probe retriggers every label `times` times.
  const jobs =
    session.requested.reduce((a, b) => a + b, 0) *
    (session.kind === 'new-baseline' ? session.baseline.labels.length : 1);
  const stop = async () => {
    const next = await sendToBackground('stopBisection', { id: session.id });
    if (next) onChange(next);
  };
  const finished = session.status === 'done' || session.status === 'stopped';
  const [continued, setContinued] = useState<string>();
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
      {finished ? (
        <VerdictPanel summarize={(push) => sessionSummary(session, push)} push={pushRequestOf(session)} />
      ) : null}
      {budgetRanOut(session) ? (
        <ContinueBisection
          session={session}
          onContinued={(next, sentence) => {
            setContinued(sentence);
            onChange(next);
          }}
        />
      ) : null}
      {continued && session.status === 'running' ? (
        <p class="muted small" role="status" data-testid="cit-bisection-continue-result">
          {continued}
        </p>
      ) : null}
      {session.kind === 'failure' ? <BisectionChart session={session} /> : null}
      {session.kind === 'perf' ? <PerfBisectionChart session={session} /> : null}
      {session.kind === 'new-baseline' ? <BaselineResults session={session} /> : null}
      {probes.length ? <ProbeList probes={probes} /> : null}
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
