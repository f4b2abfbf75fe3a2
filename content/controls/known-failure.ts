import './known-failure.css';
import type { KnownFailure } from '../../src/protocol';
import type { BackgroundData } from '../data/background-data';
import { element } from '../ui/dom';

/**
 * What is known about a failing job (issue 19), from Treeherder's bug suggestions via the background: the best
 * open intermittent bug (its id linked to Bugzilla, its summary), or "New failure" when the line is new in this
 * revision, or nothing. It lives in the job's revealed toolbar; at rest `widget` gets `data-cit-known`, which
 * colours the gap badge. Loaded once per job (BackgroundData's cache).
 */
export function createKnownFailureInfo(options: {
  repo: string;
  jobId: number;
  data: BackgroundData;
  widget: HTMLElement;
}): HTMLElement {
  const info = element('div', {
    class: 'cit-known-failure',
    'data-testid': 'cit-known-failure',
    'data-cit-known': 'loading',
    hidden: true,
  });
  // After the job's gap badge has its answer: the badges come first on a page with many failing jobs.
  const badgeFirst = options.data.jobGap(options.repo, options.jobId).catch(() => undefined);
  badgeFirst
    .then(() => options.data.knownFailure(options.repo, options.jobId))
    .then(
      (known) => show(info, options.widget, known),
      () => {
        // Unknown stays silent: the badge and the controls work without it.
        info.dataset.citKnown = 'unknown';
        options.widget.dataset.citKnown = 'unknown';
      },
    );
  return info;
}

function show(info: HTMLElement, widget: HTMLElement, known: KnownFailure): void {
  const { knowledge } = known;
  if (knowledge.kind === 'known-intermittent') {
    const { bug } = knowledge;
    info.append(
      element(
        'a',
        {
          href: bug.url,
          target: '_blank',
          rel: 'noopener noreferrer',
          'data-testid': 'cit-known-bug',
          'data-cit-bug-id': bug.id,
          title: `Known intermittent: bug ${bug.id} (${bug.status}) — ${bug.summary}`,
          'aria-label': `Known intermittent: bug ${bug.id}, ${bug.summary}`,
        },
        [`Bug ${bug.id}`],
      ),
      element('span', { class: 'cit-known-failure-summary', title: bug.summary }, [
        bug.summary.replace(/^Intermittent /, ''),
      ]),
    );
    setKnown(info, widget, 'intermittent');
  } else if (knowledge.kind === 'new-failure') {
    info.append(
      element('span', { 'data-testid': 'cit-new-failure', title: `New in this revision: ${knowledge.line}` }, [
        'New failure',
      ]),
    );
    setKnown(info, widget, 'new');
  } else {
    info.dataset.citKnown = 'none';
    widget.dataset.citKnown = 'none';
  }
}

function setKnown(info: HTMLElement, widget: HTMLElement, known: 'intermittent' | 'new'): void {
  info.dataset.citKnown = known;
  widget.dataset.citKnown = known;
  info.hidden = false;
}

/** The Bisect popover's line on the prior the bisection will start from (filled once known). */
export function createPriorNote(options: { repo: string; jobId: number; data: BackgroundData }): HTMLElement {
  const note = element('div', {
    class: 'cit-popover-prior',
    'data-testid': 'cit-bisect-popover-prior',
    'aria-live': 'polite',
  });
  options.data.knownFailure(options.repo, options.jobId).then(
    (known) => {
      note.textContent = known.prior.sentence;
      note.dataset.citPrior = known.prior.source;
    },
    () => undefined,
  );
  return note;
}

/** The failing test of a job's first failure line (`TEST-UNEXPECTED-FAIL | <path> | …`), to validate it. */
export async function failingTestOf(data: BackgroundData, repo: string, jobId: number): Promise<string | undefined> {
  const known = await data.knownFailure(repo, jobId).catch(() => undefined);
  const parts = known?.knowledge.line?.split(' | ');
  return parts && parts.length >= 3 ? parts[1]?.trim() : undefined;
}
