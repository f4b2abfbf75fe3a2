import type { Job } from './types';

export const FAILURES = ['testfailed', 'busted', 'exception'];

/** `data-status`: the result once completed, else the state. */
export function statusOf(job: Job): string {
  return job.state === 'completed' ? job.result : job.state;
}

export function isClassified(job: Job): boolean {
  const fc = job.failure_classification_id;
  return fc > 1 && fc !== 6 && fc !== 8;
}

/** `<job_type_name without -<chunk>> - <status> - N min(s)` */
export function jobTitle(job: Job): string {
  const mins = job.duration;
  return `${job.job_type_name.replace(/-\d+$/, '')} - ${statusOf(job)} - ${mins} ${mins === 1 ? 'min' : 'mins'}`;
}

export function jobButtonClass(selected: boolean): string {
  return selected ? 'btn filter-shown job-btn selected-job btn-lg-xform' : 'btn filter-shown job-btn btn-xs';
}

/** Natural order of symbols (bc2 before bc10). */
export function compareSymbols(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

const OPTION_ORDER = ['opt', 'pgo', 'asan', 'tsan', 'debug', 'cc', 'addon'];

export function optionRank(option: string): number {
  const i = OPTION_ORDER.indexOf(option);
  return i < 0 ? OPTION_ORDER.length : i;
}
