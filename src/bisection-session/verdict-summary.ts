/**
 * What a finished bisection (or a backfill) tells a sheriff, shaped so it can be acted on (issue 16, item 1): the push
 * its verdict names with its revision, author and first commit line, where to look at it (Treeherder, hg,
 * Taskcluster), the evidence (runs per push, how sure), and the same as a short plain-text bug comment.
 * Pure: the popup gathers the push's details from the background (`pushDetails`) and renders this.
 */
import type { BackfillOutcome } from '../monitor/outcome';
import { perPushMeans, formatPercent } from './perf-session';
import { percent, type BisectionSession } from './session';

/** A push as a person acts on it: who pushed what, and where its page, changes and tasks are. */
export interface PushFacts {
  repo: string;
  pushId: number;
  revision: string;
  author: string;
  /** The first line of each commit message, tip first. */
  commits: string[];
  /** The push in Treeherder's jobs view. */
  treeherderUrl: string;
  /** The push's changes on hg (pushlog page). */
  hgUrl?: string | undefined;
  /** The push's task group in Taskcluster. */
  taskGroupUrl?: string | undefined;
  /** Runs of the session's label on the push, each in Taskcluster. */
  tasks: { taskId: string; runId: number; result: string; url: string }[];
}

/** Which push a verdict names, as what, and how sure. */
export interface NamedPush {
  pushIndex: number;
  /** "Culprit", "Best guess so far", "Reproduced on", … */
  role: string;
  /** "posterior 99.9 %", "+4.8 % (Welch p = 1.2e-8), posterior 99.9 %". */
  certainty?: string | undefined;
}

/** One line of evidence: a push (or a series) and what was seen there. */
export interface EvidenceRow {
  label: string;
  text: string;
  /** The push the verdict names. */
  named?: boolean | undefined;
}

/** Everything the popup shows for one finished verdict and copies for a bug comment. */
export interface VerdictSummary {
  /** "Bisection of <label> on autoland". */
  heading: string;
  /** The verdict sentence (the session's message). */
  sentence: string;
  named?: NamedPush | undefined;
  /** The named push's details, once the background has them. */
  push?: PushFacts | undefined;
  evidenceTitle: string;
  evidence: EvidenceRow[];
}

/** Evidence rows kept in a summary; the pushes nearest the named one win. */
const MAX_EVIDENCE_ROWS = 12;

const HEADINGS: Record<BisectionSession['kind'], string> = {
  failure: 'Bisection',
  'retrigger-until-fail': 'Retrigger until it fails',
  perf: 'Perf bisection',
  'new-baseline': 'New baseline',
};

function pushLabel(push: { pushId?: number | undefined; revision: string }): string {
  return push.pushId === undefined
    ? `push ${push.revision.slice(0, 12)}`
    : `push ${push.pushId} (${push.revision.slice(0, 12)})`;
}

/** The index of the largest number, or undefined for an empty list. */
function argmax(values: readonly number[] | undefined): number | undefined {
  if (!values?.length) return undefined;
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Whether a session ended because its budget was spent: it can continue from where it stopped. */
export function budgetRanOut(session: BisectionSession): boolean {
  if (session.status !== 'done') return false;
  if (session.kind === 'failure' || session.kind === 'retrigger-until-fail')
    return session.verdict?.kind === 'budget-exhausted' || /^Budget of \d+ jobs used up/.test(session.message ?? '');
  if (session.kind === 'perf')
    return (
      session.perf.verdict?.kind === 'budget-exhausted' || /^Budget of \d+ jobs used up/.test(session.message ?? '')
    );
  return false;
}

/** Jobs to offer for "Continue with +N": the planner's own estimate when it has one, in whole rounds, 4 to 100. */
export function suggestedExtraJobs(session: BisectionSession): number {
  const remaining =
    session.kind === 'failure' && session.verdict?.kind === 'budget-exhausted'
      ? session.verdict.expectedRemainingJobs
      : undefined;
  const round = Math.max(1, session.parallel);
  const wanted = remaining !== undefined && Number.isFinite(remaining) ? remaining : 20;
  // Whole rounds only, at least 4 jobs and at most 100.
  const rounds = Math.min(Math.floor(100 / round), Math.max(Math.ceil(4 / round), Math.ceil(wanted / round)));
  return Math.max(1, rounds) * round;
}

/** The push a finished session's verdict names (or its best guess), as what, and how sure. */
export function namedPush(session: BisectionSession): NamedPush | undefined {
  if (session.kind === 'failure') {
    const verdict = session.verdict;
    if (verdict?.kind === 'culprit')
      return { pushIndex: verdict.pushIndex, role: 'Culprit', certainty: `posterior ${percent(verdict.posterior, 1)}` };
    if (verdict?.kind === 'budget-exhausted') {
      if (verdict.best.pushIndex === null) return undefined;
      return {
        pushIndex: verdict.best.pushIndex,
        role: 'Best guess so far',
        certainty: `posterior ${percent(verdict.best.posterior, 0)}`,
      };
    }
    if (verdict?.kind === 'no-culprit') return undefined;
    // The runner stopped at the budget before the planner gave a verdict: the posterior's favourite.
    const best = argmax(session.posterior?.pushes);
    return best === undefined
      ? undefined
      : {
          pushIndex: best,
          role: 'Best guess so far',
          certainty: `posterior ${percent(session.posterior!.pushes[best]!, 0)}`,
        };
  }
  if (session.kind === 'retrigger-until-fail') {
    const last = session.suspects.length - 1;
    if (session.verdict?.kind === 'reproduced')
      return {
        pushIndex: last,
        role: 'Reproduced on',
        certainty: `${session.verdict.failures} of ${session.verdict.runs} retriggers failed`,
      };
    if (session.verdict?.kind === 'budget-exhausted')
      return {
        pushIndex: last,
        role: 'Not reproduced on',
        certainty: `failure rate below ${percent(session.verdict.failureRateUpperBound, 0)} with 95 % confidence`,
      };
    return undefined;
  }
  if (session.kind === 'perf') {
    const verdict = session.perf.verdict;
    if (verdict?.kind === 'culprit')
      return {
        pushIndex: verdict.pushIndex,
        role: 'Culprit',
        certainty: `${formatPercent(verdict.magnitude)} (Welch p = ${verdict.welch.p.toExponential(1)}), posterior ${percent(verdict.posterior, 1)}`,
      };
    if (verdict?.kind === 'below-threshold')
      return {
        pushIndex: verdict.pushIndex,
        role: 'Step (below 2 %) at',
        certainty: `${formatPercent(verdict.magnitude)}, posterior ${percent(verdict.posterior, 1)}`,
      };
    if (verdict?.kind === 'budget-exhausted')
      return {
        pushIndex: verdict.best.pushIndex,
        role: 'Best guess so far',
        certainty: `posterior ${percent(verdict.best.posterior, 0)}`,
      };
    return undefined;
  }
  return { pushIndex: 0, role: 'Measured on' };
}

/** Keeps at most `max` rows, those nearest the named row (by position), in their order. */
function nearestRows(rows: readonly (EvidenceRow & { index: number })[], namedIndex: number | undefined, max: number) {
  if (rows.length <= max) return rows.map(({ index: _, ...row }) => row);
  const centre = namedIndex ?? rows.at(-1)!.index;
  const kept = [...rows].sort((a, b) => Math.abs(a.index - centre) - Math.abs(b.index - centre)).slice(0, max);
  return kept.sort((a, b) => a.index - b.index).map(({ index: _, ...row }) => row);
}

/** Runs per push (failure modes), means per push (perf) or per series (baseline): what the verdict rests on. */
export function sessionEvidence(
  session: BisectionSession,
  named: NamedPush | undefined = namedPush(session),
): { title: string; rows: EvidenceRow[] } {
  if (session.kind === 'new-baseline') {
    return {
      title: `Per series, from ${session.baseline.times} retriggers of each job on ${pushLabel(session.suspects[0]!)}`,
      rows: session.baseline.series.map((s) => ({
        label: s.name,
        text: s.summary
          ? `${s.summary.mean.toFixed(2)} ± ${s.summary.sd.toFixed(2)} (95 % CI ${s.summary.ci95[0].toFixed(2)}–${s.summary.ci95[1].toFixed(2)}, n = ${s.summary.count})`
          : 'no data yet',
      })),
    };
  }
  if (session.kind === 'perf') {
    const means = perPushMeans(session.perf.runs);
    const before = perPushMeans([session.perf.before])[0];
    const rows = session.suspects.flatMap((push, index) => {
      const m = means[index];
      if (!m && index !== named?.pushIndex) return [];
      const runs = session.perf.runs[index]?.length ?? 0;
      return [
        {
          index,
          label: pushLabel(push),
          text: m ? `mean ${m.mean.toFixed(2)} over ${runs} run${runs === 1 ? '' : 's'}` : 'no data',
          named: index === named?.pushIndex,
        },
      ];
    });
    return {
      title: `Mean of "${session.perf.seriesName}" per push, oldest first`,
      rows: [
        ...(before
          ? [
              {
                label: `before (up to push ${session.perf.lastGoodPushId})`,
                text: `mean ${before.mean.toFixed(2)} over ${session.perf.before.length} runs`,
              },
            ]
          : []),
        ...nearestRows(rows, named?.pushIndex, MAX_EVIDENCE_ROWS - 1),
      ],
    };
  }
  const posterior = session.kind === 'failure' ? session.posterior?.pushes : undefined;
  const rows = session.suspects.flatMap((push, index) => {
    const seen = session.observed[index];
    if (!seen?.completed && index !== named?.pushIndex) return [];
    const p = posterior?.[index];
    const chance = p !== undefined && p >= 0.005 ? ` · P(culprit) ${percent(p, 0)}` : '';
    return [
      {
        index,
        label: pushLabel(push),
        text: `${seen?.failures ?? 0} failed of ${seen?.completed ?? 0} run${seen?.completed === 1 ? '' : 's'}${chance}`,
        named: index === named?.pushIndex,
      },
    ];
  });
  return {
    title: 'Runs of the job per push, oldest first',
    rows: nearestRows(rows, named?.pushIndex, MAX_EVIDENCE_ROWS),
  };
}

/** A finished session as the popup shows it and a bug comment says it. */
export function sessionSummary(session: BisectionSession, push?: PushFacts): VerdictSummary {
  const named = namedPush(session);
  const evidence = sessionEvidence(session, named);
  const subject = session.kind === 'perf' ? `"${session.perf.seriesName}" (${session.label})` : session.label;
  return {
    heading: `${HEADINGS[session.kind] ?? session.kind} of ${subject} on ${session.repo}`,
    sentence: session.message ?? 'Finished without a verdict.',
    named,
    push,
    evidenceTitle: evidence.title,
    evidence: evidence.rows,
  };
}

/** A finished backfill: the first failing push going back is the one to look at. */
export function backfillSummary(
  backfill: {
    label: string;
    repo: string;
    outcome: BackfillOutcome;
    /** What the backfilled label did on each push, newest first. */
    results: { revision: string; text: string }[];
  },
  push?: PushFacts,
): VerdictSummary {
  const first = backfill.outcome.firstFailing;
  return {
    heading: `Backfill of ${backfill.label} on ${backfill.repo}`,
    sentence: backfill.outcome.sentence,
    named: first
      ? { pushIndex: 0, role: backfill.outcome.lastPassing ? 'First failing push' : 'Failing back to' }
      : undefined,
    push,
    evidenceTitle: 'Backfilled runs per push, newest first',
    evidence: backfill.results.map((r) => ({
      label: pushLabel(r),
      text: r.text,
      named: r.revision === first?.revision,
    })),
  };
}

/**
 * The summary as a short plain-text bug comment: heading, verdict, the named push with its first commit line,
 * links to the push (Treeherder), its changes (hg) and its tasks (Taskcluster), then the evidence.
 */
export function bugCommentText(summary: VerdictSummary): string {
  const lines = [`${summary.heading} (CI Tools for Treeherder):`, summary.sentence];
  const push = summary.push;
  if (push && summary.named) {
    const more = push.commits.length > 1 ? ` (+${push.commits.length - 1} more commits)` : '';
    // The verdict sentence often says how sure already; not twice.
    const sure = summary.named.certainty;
    const certainty = sure && !summary.sentence.includes(sure) ? `, ${sure}` : '';
    lines.push(
      '',
      `${summary.named.role}: push ${push.pushId}, revision ${push.revision} by ${push.author}${certainty}`,
    );
    if (push.commits[0]) lines.push(`  "${push.commits[0]}"${more}`);
    lines.push(`Push in Treeherder: ${push.treeherderUrl}`);
    if (push.hgUrl) lines.push(`Changes: ${push.hgUrl}`);
    if (push.tasks.length) {
      lines.push('Tasks in Taskcluster:');
      for (const task of push.tasks) lines.push(`  ${task.url} (${task.result})`);
    } else if (push.taskGroupUrl) lines.push(`Tasks in Taskcluster: ${push.taskGroupUrl}`);
  }
  if (summary.evidence.length) {
    lines.push('', `${summary.evidenceTitle}:`);
    for (const row of summary.evidence) lines.push(`${row.named ? '> ' : '  '}${row.label}: ${row.text}`);
  }
  return `${lines.join('\n')}\n`;
}

const TASK_RESULT: Record<string, string> = {
  completed: 'passed',
  failed: 'failed',
  exception: 'exception',
};

/** What the backfilled label did on each push of a backfill (tasks in the tracker's order, newest push first). */
export function backfillResults(
  label: string,
  tasks: readonly { label: string; state: string; revision: string }[],
): { revision: string; text: string }[] {
  const byPush = new Map<string, string[]>();
  for (const task of tasks)
    if (task.label === label) byPush.set(task.revision, [...(byPush.get(task.revision) ?? []), task.state]);
  return [...byPush].map(([revision, states]) => {
    const counts = new Map<string, number>();
    for (const state of states) {
      const word = TASK_RESULT[state] ?? 'running';
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    return { revision, text: [...counts].map(([word, n]) => (states.length === 1 ? word : `${n} ${word}`)).join(', ') };
  });
}
