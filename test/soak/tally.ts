/**
 * Scoring of soak trials against the fake CI's ground truth: what the user asked for (intents), what
 * Taskcluster received (hook calls), what the extension's log ended up saying, and what it told the user.
 * Pure, so the rules are unit-tested (tally.test.ts).
 */

/** One intent of a trial: a unique (label, times) on one push, sent once or several times (racing clicks). */
export interface IntentRecord {
  key: string;
  /** The replies the page got, one per click: a trigger outcome status, an error sentence, or interrupted. */
  replies: Reply[];
  /** A synthetic (script-made) click in the page, which must trigger nothing. */
  synthetic?: boolean;
}

export type Reply =
  | { kind: 'outcome'; status: string }
  /** The background answered with an error sentence (the page shows it as a failure). */
  | { kind: 'error'; message: string }
  /** The background stopped before answering (the page must ask again: triggerStatus). */
  | { kind: 'interrupted' };

/** A hook call Taskcluster received and acted on (it created an action task). */
export interface HookCall {
  key: string;
  actionTaskId: string;
}

/** The extension's final word on an intent after settling (its newest non-merged log record). */
export interface FinalRecord {
  key: string;
  state: string;
  actionTaskId?: string | undefined;
}

export interface SoakTally {
  trials: number;
  intents: number;
  hookCalls: number;
  duplicates: number;
  lostRecords: number;
  wrongOutcomes: number;
  /** Records still pending or unclear at the end (honest, but not settled). */
  unsettled: number;
  /** Replies lost to a stopped background (the page has to ask again). */
  interrupted: number;
  syntheticAccepted: number;
  /** Bisection probes marked sent with no hook call behind them; undefined when not measured. */
  probesLost?: number | undefined;
}

export function tallyTrials(
  trials: number,
  intents: readonly IntentRecord[],
  calls: readonly HookCall[],
  records: readonly FinalRecord[],
): SoakTally {
  const callsByKey = group(calls);
  const recordByKey = new Map(records.map((r) => [r.key, r]));
  const tally: SoakTally = {
    trials,
    intents: intents.length,
    hookCalls: calls.length,
    duplicates: 0,
    lostRecords: 0,
    wrongOutcomes: 0,
    unsettled: 0,
    interrupted: 0,
    syntheticAccepted: 0,
  };
  for (const intent of intents) {
    const received = callsByKey.get(intent.key) ?? [];
    const happened = received.length > 0;
    if (intent.synthetic) {
      tally.syntheticAccepted += received.length;
      continue;
    }
    tally.duplicates += Math.max(0, received.length - 1);
    tally.interrupted += intent.replies.filter((r) => r.kind === 'interrupted').length;
    const record = recordByKey.get(intent.key);
    const unsettledRecord = record?.state === 'pending' || record?.state === 'unclear';
    const claimsItsTask = record?.state === 'triggered' && received.some((c) => c.actionTaskId === record.actionTaskId);
    // Taskcluster ran it, but the log does not hold it as triggered with its action task (so nothing tracks it).
    if (happened && !unsettledRecord && !claimsItsTask) tally.lostRecords++;
    let wrong = intent.replies.some((reply) => replyIsWrong(reply, happened));
    if (record) {
      if (record.state === 'pending' || record.state === 'unclear') tally.unsettled++;
      else if (record.state === 'triggered' ? !happened : happened) wrong = true;
    }
    if (wrong) tally.wrongOutcomes++;
  }
  return tally;
}

/** A reply is wrong when it says "triggered" for nothing, or "failed"/"refused" for a hook that ran. */
export function replyIsWrong(reply: Reply, happened: boolean): boolean {
  if (reply.kind === 'interrupted') return false;
  if (reply.kind === 'error') return happened;
  if (reply.status === 'triggered') return !happened;
  if (reply.status === 'refused' || reply.status === 'needs-confirmation') return happened;
  return false; // merged and unclear promise nothing false
}

function group<T extends { key: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(item.key, [...(out.get(item.key) ?? []), item]);
  return out;
}

/** Sums tallies of several runs (browsers, clock segments). */
export function addTallies(tallies: readonly SoakTally[]): SoakTally {
  const sum = (pick: (t: SoakTally) => number) => tallies.reduce((n, t) => n + pick(t), 0);
  const probes = tallies.filter((t) => t.probesLost !== undefined);
  return {
    trials: sum((t) => t.trials),
    intents: sum((t) => t.intents),
    hookCalls: sum((t) => t.hookCalls),
    duplicates: sum((t) => t.duplicates),
    lostRecords: sum((t) => t.lostRecords),
    wrongOutcomes: sum((t) => t.wrongOutcomes),
    unsettled: sum((t) => t.unsettled),
    interrupted: sum((t) => t.interrupted),
    syntheticAccepted: sum((t) => t.syntheticAccepted),
    probesLost: probes.length ? probes.reduce((n, t) => n + (t.probesLost ?? 0), 0) : undefined,
  };
}

export const TABLE_COLUMNS: Array<[keyof SoakTally, string]> = [
  ['trials', 'trials'],
  ['intents', 'intents'],
  ['hookCalls', 'hook calls received'],
  ['duplicates', 'duplicates'],
  ['lostRecords', 'lost records'],
  ['wrongOutcomes', 'outcomes shown wrong'],
  ['unsettled', 'unsettled at the end'],
  ['interrupted', 'replies lost to a stop'],
  ['probesLost', 'probes lost'],
  ['syntheticAccepted', 'synthetic triggers accepted'],
];

/** A Markdown table: one row per run, then the total. */
export function soakTable(rows: ReadonlyArray<{ name: string; tally: SoakTally }>): string {
  const header = `| run | ${TABLE_COLUMNS.map(([, title]) => title).join(' | ')} |`;
  const rule = `| --- | ${TABLE_COLUMNS.map(() => '---:').join(' | ')} |`;
  const line = (name: string, t: SoakTally) =>
    `| ${name} | ${TABLE_COLUMNS.map(([key]) => (t[key] === undefined ? 'not measured' : String(t[key]))).join(' | ')} |`;
  const total = addTallies(rows.map((r) => r.tally));
  return [header, rule, ...rows.map((r) => line(r.name, r.tally)), line('**total**', total)].join('\n');
}
