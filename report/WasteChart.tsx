import uPlot, { type AlignedData, type Options } from 'uplot';
import { UPlotChart } from '../ui/UPlotChart';
import type { WasteRow } from '../src/waste/types';
import { formatHours } from './format';

const TOP = 20;

/** Theme colours for the canvas, which cannot read CSS variables itself. */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The 20 job types with the most machine hours in the window, as bars (rank on the x axis; hover names them). */
export function WasteChart(props: { rows: readonly WasteRow[] }) {
  const top = [...props.rows].sort((a, b) => b.machineHours - a.machineHours).slice(0, TOP);
  if (top.length === 0) return null;
  const labels = top.map((row) => `${row.label} (${row.platform} ${row.option})`);
  const data: AlignedData = [top.map((_, i) => i + 1), top.map((row) => row.machineHours)];
  const accent = themeColor('--accent', '#0b6bcb');
  const muted = themeColor('--muted', '#5f6b76');
  const grid = themeColor('--border', '#d5d9dd');
  const options: Omit<Options, 'width'> = {
    height: 240,
    scales: {
      x: { time: false, range: [0.4, top.length + 0.6] },
      y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
    },
    axes: [
      {
        stroke: muted,
        grid: { show: false },
        ticks: { stroke: grid },
        incrs: [1],
        values: (_u, splits) => splits.map((v) => `#${v}`),
      },
      {
        stroke: muted,
        grid: { stroke: grid },
        ticks: { stroke: grid },
        label: 'machine hours',
        values: (_u, splits) => splits.map((v) => formatHours(v)),
      },
    ],
    series: [
      { label: 'Job type', value: (_u, v) => (v === null ? '—' : (labels[Math.round(v) - 1] ?? '—')) },
      {
        label: 'Machine hours',
        stroke: accent,
        fill: `${accent}99`,
        paths: uPlot.paths.bars?.({ size: [0.7, 40] }),
        points: { show: false },
        value: (_u, v) => (v === null ? '—' : formatHours(v)),
      },
    ],
    cursor: { points: { show: false } },
  };
  return (
    <figure
      class="chart"
      aria-label={`Bar chart: the ${top.length} job types with the most machine hours; the table below has the same numbers`}
    >
      <UPlotChart key={labels.join('\n')} options={options} data={data} testid="cit-waste-chart" />
      <figcaption>
        Top {top.length} by machine hours in the window; #1 is the first row when sorted by machine hours. Hover a bar
        for its job type.
      </figcaption>
    </figure>
  );
}
