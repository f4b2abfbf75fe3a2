import { SchemaDriftError } from '../ci/drift';
import { HttpError } from '../http/errors';
import { settledOutcomeOf, type SettledOutcome, type TriggerLogEntry } from './entry';

/** What the page (or popup) is told about one trigger once it asks again: what it turned out to be. */
export interface TriggerStatus {
  /** `unknown`: no record (the request never reached the background's log). */
  state: SettledOutcome | 'unknown';
  logId?: string;
  summary?: string;
  actionTaskId?: string;
  /** One sentence for the user. */
  sentence: string;
}

export function describeTriggerStatus(entry: TriggerLogEntry | undefined): TriggerStatus {
  if (!entry) return { state: 'unknown', sentence: 'This request never reached the trigger log, so it was not sent.' };
  const state = settledOutcomeOf(entry);
  const base = { state, logId: entry.id, summary: entry.summary };
  switch (state) {
    case 'triggered':
      return {
        ...base,
        ...(entry.actionTaskId ? { actionTaskId: entry.actionTaskId } : {}),
        sentence: `${entry.summary}: triggered (action task ${entry.actionTaskId ?? 'unknown'}).`,
      };
    case 'pending':
    case 'unclear':
      return {
        ...base,
        sentence: entry.reconciliation?.startsWith('unclear:')
          ? `${entry.summary}: ${entry.reconciliation}.`
          : `${entry.summary}: checking whether it went through…`,
      };
    case 'not-triggered':
      return {
        ...base,
        sentence: `${entry.summary}: not triggered${entry.reconciliation ? ` (${entry.reconciliation.replace(/^not triggered: /, '')})` : entry.error ? `: ${entry.error}` : ''}.`,
      };
  }
}

/** Why an answer leaves the outcome unknown, in words (never "failed", never "try again"). */
export function unclearReason(error: unknown): string {
  if (error instanceof HttpError) {
    if (error.kind === 'timeout') return 'Taskcluster did not answer in time, so it is not known whether the hook ran.';
    if (error.kind === 'network')
      return 'The connection to Taskcluster broke before an answer came, so it is not known whether the hook ran.';
    return `Taskcluster answered with a server error (HTTP ${error.status ?? '?'}), which does not say whether the hook ran.`;
  }
  if (error instanceof SchemaDriftError)
    return "Taskcluster's answer could not be read, so it is not known which action task it created.";
  return 'The trigger was interrupted before Taskcluster answered, so it is not known whether the hook ran.';
}
