import { sendToBackground } from '../../platform/messaging';
import type { BisectionSession } from '../../src/bisection-session/session';
import type { BisectionPreviewResult } from '../../src/protocol';
import { element } from '../ui/dom';

/** Runs a new baseline asks for per perf job (the default). */
export const BASELINE_TIMES = 5;

export type PerfMode = 'perf' | 'baseline';
type PerfSeries = Awaited<ReturnType<typeof seriesOfJob>>[number];

function seriesOfJob(repo: string, jobId: number) {
  return sendToBackground('perfSeriesOfJob', { repo, jobId });
}

/**
 * The Bisect popover's perf modes: on a job that reported to Perfherder, "find the push where this
 * series regressed" (bisecting from its last earlier data point) and "new baseline". Adds the options to
 * `select` when the job is a perf job; returns the series they act on, or undefined.
 */
export async function addPerfModes(
  select: HTMLSelectElement,
  repo: string,
  jobId: number,
): Promise<PerfSeries | undefined> {
  const series = await seriesOfJob(repo, jobId).catch(() => []);
  const first = series[0];
  if (!first) return undefined;
  select.append(
    element('option', { value: 'perf' }, [`Find the push that regressed ${first.name}`]),
    element('option', { value: 'baseline' }, [`New baseline (retrigger ×${BASELINE_TIMES})`]),
  );
  return first;
}

export function isPerfMode(mode: string): mode is PerfMode {
  return mode === 'perf' || mode === 'baseline';
}

/** A sentence on the range and cost before starting, as for failure bisections. */
export async function previewPerfMode(
  mode: PerfMode,
  series: PerfSeries,
  repo: string,
  budget: number,
): Promise<string> {
  if (mode === 'baseline') {
    return `Retriggers this job ${BASELINE_TIMES} times on its push; when they finish the toolbar popup shows the mean, standard deviation and 95 % confidence interval.`;
  }
  const preview: BisectionPreviewResult = await sendToBackground('previewPerfBisection', {
    repo,
    signatureId: series.signatureId,
    frameworkId: series.frameworkId,
    pushId: series.pushId,
    budget,
    parallel: 4,
  });
  const range =
    preview.suspects === 1
      ? 'this push only'
      : `${preview.suspects} pushes since the last data point (${preview.firstPushId}…${preview.lastPushId})`;
  return `Range: ${range}. Expected cost: about ${Math.round(preview.estimate.medianJobs)} perf jobs (90 % of the time ≤ ${Math.round(preview.estimate.p90Jobs)}), never more than ${budget}.`;
}

export function startPerfMode(
  mode: PerfMode,
  series: PerfSeries,
  repo: string,
  jobId: number,
  budget: number,
): Promise<BisectionSession> {
  return mode === 'baseline'
    ? sendToBackground('startPerfBaseline', { repo, jobIds: [jobId], times: BASELINE_TIMES })
    : sendToBackground('startPerfBisection', {
        repo,
        signatureId: series.signatureId,
        frameworkId: series.frameworkId,
        pushId: series.pushId,
        budget,
        parallel: 4,
      });
}
