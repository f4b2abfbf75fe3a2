import { useMemo } from 'preact/hooks';
import type { AlignedData, Options } from 'uplot';
import type { BaselineSeries, NewBaselineSession } from '../src/bisection-session/modes/new-baseline';
import type { PerfSession } from '../src/bisection-session/modes/perf';
import { perPushMeans } from '../src/bisection-session/perf-session';
import { CHART_WIDTH, UPlotChart } from '../ui/UPlotChart';

/** The page's light or dark text and border colours, so axes stay readable in both themes. */
function themeColors(): { fg: string; grid: string } {
  const style = getComputedStyle(document.documentElement);
  return {
    fg: style.getPropertyValue('--muted').trim() || '#5f6b76',
    grid: style.getPropertyValue('--border').trim() || '#d5d9dd',
  };
}

const MEAN = '#0b6bcb';
const STEP = '#dd6602';

/**
 * Perf bisection progress: mean of the replicates per push with its 95 % CI (x = 0 is the series before
 * the gap), the posterior of the step per push, and the step's push once located.
 */
export function PerfBisectionChart({ session }: { session: PerfSession }) {
  const data = session.perf;
  const aligned = useMemo<AlignedData>(() => {
    const pushes = [perPushMeans([data.before])[0] ?? null, ...perPushMeans(data.runs)];
    const x = pushes.map((_, i) => i);
    const posterior = [null, ...session.suspects.map((_, i) => data.posterior?.[i] ?? null)];
    const stepIndex =
      data.verdict?.kind === 'culprit' || data.verdict?.kind === 'below-threshold' ? data.verdict.pushIndex + 1 : -1;
    return [
      x,
      pushes.map((p) => p?.mean ?? null),
      pushes.map((p) => p?.ci95[0] ?? null),
      pushes.map((p) => p?.ci95[1] ?? null),
      posterior,
      pushes.map((p, i) => (i === stepIndex ? (p?.mean ?? null) : null)),
    ];
  }, [session]);
  const options = useMemo<Omit<Options, 'width'>>(() => {
    const { fg, grid } = themeColors();
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    return {
      height: 150,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false }, v: { auto: true }, p: { range: [0, 1] } },
      axes: [
        {
          ...axis,
          scale: 'x',
          size: 24,
          values: (_u, ticks) =>
            ticks.map((t) => (t === 0 ? 'base' : String(session.suspects[t - 1]?.pushId ?? '').slice(-4))),
        },
        { ...axis, scale: 'v', size: 44 },
        {
          ...axis,
          scale: 'p',
          side: 1,
          size: 40,
          grid: { show: false },
          values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`),
        },
      ],
      series: [
        {},
        { label: 'mean', scale: 'v', stroke: MEAN, width: 2, points: { show: true, size: 5 }, spanGaps: true },
        { label: '95 % CI low', scale: 'v', stroke: 'rgba(11,107,203,0.4)', width: 1, dash: [3, 3], spanGaps: true },
        { label: '95 % CI high', scale: 'v', stroke: 'rgba(11,107,203,0.4)', width: 1, dash: [3, 3], spanGaps: true },
        { label: 'P(step here)', scale: 'p', stroke: '#8a63d2', width: 1.5 },
        {
          label: 'step',
          scale: 'v',
          stroke: STEP,
          width: 0,
          points: { show: true, size: 11, stroke: STEP, fill: STEP },
        },
      ],
      bands: [{ series: [3, 2], fill: 'rgba(11,107,203,0.15)' }],
    };
  }, [session.id]);
  return (
    <figure class="chart" aria-label={`Mean per push of ${data.seriesName} with 95 % confidence intervals`}>
      <UPlotChart options={options} data={aligned} width={CHART_WIDTH} testid="cit-perf-chart" />
      <figcaption class="small muted">
        <span class="swatch" style={`background:${MEAN}`} /> mean ± 95 % CI per push (last 4 digits of the push id; base
        = before the gap) <span class="swatch" style="background:#8a63d2" /> P(step at push){' '}
        <span class="swatch" style={`background:${STEP}`} /> step
      </figcaption>
    </figure>
  );
}

/** One chart per series of a new baseline: every replicate, in run order, with the mean and its 95 % CI. */
export function BaselineResults({ session }: { session: NewBaselineSession }) {
  const series = session.baseline.series;
  return (
    <div data-testid="cit-baseline-results">
      {series.map((s) => (
        <BaselineSeriesChart key={s.signatureId} series={s} />
      ))}
    </div>
  );
}

function BaselineSeriesChart({ series }: { series: BaselineSeries }) {
  const summary = series.summary;
  const aligned = useMemo<AlignedData>(() => {
    const values = series.runs.flat();
    const x = values.map((_, i) => i + 1);
    const flat = (v: number | undefined) => values.map(() => v ?? null);
    return [x, values, flat(summary?.mean), flat(summary?.ci95[0]), flat(summary?.ci95[1])];
  }, [series]);
  const options = useMemo<Omit<Options, 'width'>>(() => {
    const { fg, grid } = themeColors();
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    return {
      height: 110,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [
        { ...axis, size: 22 },
        { ...axis, size: 44 },
      ],
      series: [
        {},
        { label: 'replicate', stroke: MEAN, width: 0, points: { show: true, size: 4, stroke: MEAN, fill: MEAN } },
        { label: 'mean', stroke: STEP, width: 1.5 },
        { label: 'CI low', stroke: STEP, width: 1, dash: [3, 3] },
        { label: 'CI high', stroke: STEP, width: 1, dash: [3, 3] },
      ],
    };
  }, [series.signatureId]);
  return (
    <figure class="chart" aria-label={`Replicates of ${series.name}`} data-testid="cit-baseline-series">
      <p class="small">
        <strong>{series.name}</strong>{' '}
        {summary ? (
          <span data-testid="cit-baseline-summary">
            mean {summary.mean.toFixed(2)}, sd {summary.sd.toFixed(2)}, 95 % CI {summary.ci95[0].toFixed(2)}–
            {summary.ci95[1].toFixed(2)} (n = {summary.count}, {series.runs.length} runs)
          </span>
        ) : (
          <span class="muted">waiting for data</span>
        )}
      </p>
      <UPlotChart options={options} data={aligned} width={CHART_WIDTH} testid="cit-baseline-chart" />
      <figcaption class="small muted">
        each point is one replicate, in run order; line: mean, dashes: 95 % CI of the mean
      </figcaption>
    </figure>
  );
}
