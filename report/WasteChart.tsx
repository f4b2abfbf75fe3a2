import uPlot, { type AlignedData, type Options } from 'uplot';
import { jobTypeAxisNames } from '../src/waste/chart-labels';
import type { WasteRow } from '../src/waste/types';
import { UPlotChart } from '../ui/UPlotChart';
import { formatHours } from './format';

const TOP = 20;
/** Pixels per bar, and the axis room its name gets. */
const ROW_PX = 22;
const NAME_AXIS_PX = 320;

/** Theme colours for the canvas, which cannot read CSS variables itself. */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * The 20 job types with the most machine hours in the window as horizontal bars, each named on the axis by its job
 * type (long labels cut in the middle; the tooltip and the table give the full name and platform).
 */
export function WasteChart(props: { rows: readonly WasteRow[] }) {
  const top = [...props.rows].sort((a, b) => b.machineHours - a.machineHours).slice(0, TOP);
  if (top.length === 0) return null;
  const names = jobTypeAxisNames(top);
  const fullNames = top.map((row) => `${row.label} (${row.platform} ${row.option})`);
  const data: AlignedData = [top.map((_, i) => i + 1), top.map((row) => row.machineHours)];
  const accent = themeColor('--accent', '#0b6bcb');
  const fg = themeColor('--fg', '#1d2125');
  const muted = themeColor('--muted', '#5f6b76');
  const grid = themeColor('--border', '#d5d9dd');
  const options: Omit<Options, 'width'> = {
    height: top.length * ROW_PX + 60,
    scales: {
      // Categories run down the left side, the largest on top; hours run along the bottom.
      x: { time: false, ori: 1, dir: -1, range: [0.4, top.length + 0.6] },
      y: { ori: 0, dir: 1, range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
    },
    axes: [
      {
        scale: 'x',
        side: 3,
        size: NAME_AXIS_PX,
        stroke: fg,
        font: '12px system-ui, sans-serif',
        grid: { show: false },
        ticks: { show: false },
        // One name per bar: uPlot otherwise skips categories closer than its default tick spacing.
        incrs: [1],
        space: ROW_PX / 2,
        values: (_u, splits) => splits.map((v) => names[Math.round(v) - 1] ?? ''),
      },
      {
        scale: 'y',
        side: 2,
        stroke: muted,
        grid: { stroke: grid },
        ticks: { stroke: grid },
        label: 'machine hours',
        values: (_u, splits) => splits.map((v) => formatHours(v)),
      },
    ],
    series: [
      { label: 'Job type', value: (_u, v) => (v === null ? '—' : (fullNames[Math.round(v) - 1] ?? '—')) },
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
      data-testid="cit-waste-chart-figure"
      data-axis-names={JSON.stringify(names)}
    >
      <UPlotChart key={fullNames.join('\n')} options={options} data={data} testid="cit-waste-chart" />
      <figcaption>
        Top {top.length} job types by machine hours in the window, largest first. Hover a bar for its full name and
        platform.
      </figcaption>
    </figure>
  );
}
