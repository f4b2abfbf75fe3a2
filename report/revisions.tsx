import '../src/zod-setup';
import '../ui/theme.css';
import './report.css';
import { type ComponentChildren, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import type { GapRevisions, PushChangesets, RangeRevisions } from '../src/revisions/types';
import { ChangesetList } from './ChangesetList';
import { formatUtc, shortRevision } from './format';
import { REVISION_PATTERN } from '../src/ids';
import { pushLookupOf } from '../src/push-ref';
import { parsePushInput } from '../src/push-input';
import { treeherderPushUrl } from '../src/links';
import { LabeledInput } from '../ui/LabeledInput';
import { errorText } from '../ui/error-text';
import { useBackground } from '../ui/use-background';
import { PageShell, queryParam, RepositoryInput, replaceQuery } from './page-shell';

type Query =
  | { kind: 'push'; repo: string; push: string }
  | { kind: 'range'; repo: string; from: string; to: string }
  | { kind: 'gap'; repo: string; job: number }
  /** What was typed names no push: its sentence, nothing asked. */
  | { kind: 'invalid'; repo: string; sentence: string };

type Answer =
  | { kind: 'push'; push: PushChangesets }
  | { kind: 'range'; range: RangeRevisions }
  | { kind: 'gap'; gap: GapRevisions };

function initialQuery(): Query | undefined {
  const repo = queryParam('repo') ?? 'autoland';
  const job = Number(queryParam('job'));
  if (Number.isInteger(job) && job > 0) return { kind: 'gap', repo, job };
  const from = queryParam('from');
  const to = queryParam('to');
  if (from && to) return { kind: 'range', repo, from, to };
  const push = queryParam('push') ?? queryParam('revision');
  return push ? pushQuery(repo, push) : undefined;
}

/** The push form's text — a push id, a revision, or a pasted Treeherder or hg link (which may name the repository). */
function pushQuery(repo: string, text: string): Query {
  const input = parsePushInput(text);
  if (input.kind === 'invalid') return { kind: 'invalid', repo, sentence: input.sentence };
  if (input.kind === 'range') return { kind: 'range', repo: input.repo ?? repo, from: input.from, to: input.to };
  return { kind: 'push', repo: input.repo ?? repo, push: input.push };
}

function ask(query: Query): Promise<Answer> {
  if (query.kind === 'invalid') return Promise.reject(new Error(query.sentence));
  if (query.kind === 'gap')
    return sendToBackground('jobGapRevisions', { repo: query.repo, jobId: query.job }).then((gap) => ({
      kind: 'gap',
      gap,
    }));
  if (query.kind === 'range') {
    return sendToBackground('rangeRevisions', {
      repo: query.repo,
      fromRevision: query.from,
      toRevision: query.to,
    }).then((range) => ({ kind: 'range', range }));
  }
  return sendToBackground('pushRevisions', { repo: query.repo, ...pushLookupOf(query.push) }).then((push) => ({
    kind: 'push',
    push,
  }));
}

function RevisionsPage() {
  const [query, setQuery] = useState<Query | undefined>(initialQuery);
  const [state, setState] = useState<{ answer?: Answer; error?: string; loading: boolean }>({ loading: false });
  const [repo, setRepo] = useState(query?.repo ?? queryParam('repo') ?? 'autoland');
  const services = useBackground('serviceUrls', { repo: query?.repo ?? repo });
  const treeherderUrl = services.value?.treeherderUrl;
  useEffect(() => {
    if (!query) return undefined;
    let live = true;
    setState({ loading: true });
    ask(query)
      .then((answer) => live && setState({ answer, loading: false }))
      .catch((error: unknown) => live && setState({ error: errorText(error), loading: false }));
    return () => {
      live = false;
    };
  }, [query]);

  const submit = (make: (form: FormData) => Query) => (form: FormData) => {
    const next = make(form);
    if (next.kind !== 'invalid')
      replaceQuery(
        next.kind === 'push'
          ? { repo: next.repo, push: next.push }
          : next.kind === 'range'
            ? { repo: next.repo, from: next.from, to: next.to }
            : { repo: next.repo, job: next.job },
      );
    if (next.repo !== repo) setRepo(next.repo);
    setQuery(next);
  };
  const field = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

  return (
    <PageShell page="revisions">
      <p class="row">
        <RepositoryInput value={repo} onChange={setRepo} />
      </p>
      <QueryForm
        testid="cit-revisions-push-form"
        onSubmit={submit((f) => pushQuery(repo, field(f, 'push')))}
        action="Show changesets"
      >
        <LabeledInput
          label="A push: id, revision, or a Treeherder or hg link"
          name="push"
          required
          class="mono wide"
          placeholder="1600015, e71ac6b21ca2 or https://treeherder.mozilla.org/jobs?repo=…&revision=…"
          defaultValue={query?.kind === 'push' ? query.push : ''}
        />
      </QueryForm>
      <QueryForm
        testid="cit-revisions-range-form"
        onSubmit={submit((f) => ({ kind: 'range', repo, from: field(f, 'from'), to: field(f, 'to') }))}
        action="Show pushes"
      >
        <RevisionInput label="A range: after revision" name="from" value={query?.kind === 'range' ? query.from : ''} />
        <RevisionInput label="up to and including" name="to" value={query?.kind === 'range' ? query.to : ''} />
      </QueryForm>
      <QueryForm
        testid="cit-revisions-gap-form"
        onSubmit={submit((f) => ({ kind: 'gap', repo, job: Number(field(f, 'job')) }))}
        action="Show suspects"
      >
        <LabeledInput
          label="A failing job's gap: Treeherder job id"
          name="job"
          required
          inputMode="numeric"
          pattern="\d+"
          defaultValue={query?.kind === 'gap' ? String(query.job) : ''}
        />
      </QueryForm>
      {state.loading ? <p role="status">Reading the pushlog…</p> : null}
      {state.error ? (
        <p class="error" role="alert" data-testid="cit-revisions-error">
          {state.error}
        </p>
      ) : null}
      {state.answer?.kind === 'push' ? (
        <PushView push={state.answer.push} repo={query?.repo ?? repo} treeherderUrl={treeherderUrl} />
      ) : null}
      {state.answer?.kind === 'range' ? (
        <RangeView range={state.answer.range} repo={query?.repo ?? repo} treeherderUrl={treeherderUrl} />
      ) : null}
      {state.answer?.kind === 'gap' ? (
        <GapView gap={state.answer.gap} repo={query?.repo ?? repo} treeherderUrl={treeherderUrl} />
      ) : null}
    </PageShell>
  );
}

/** One question the page answers: its fields and the button that asks it. */
function QueryForm(props: {
  testid: string;
  onSubmit: (form: FormData) => void;
  action: string;
  children: ComponentChildren;
}) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onSubmit(new FormData(event.currentTarget as HTMLFormElement));
  };
  return (
    <form class="query" data-testid={props.testid} onSubmit={onSubmit}>
      {props.children}
      <button type="submit">{props.action}</button>
    </form>
  );
}

function RevisionInput(props: { label: string; name: string; value: string }) {
  return (
    <LabeledInput
      label={props.label}
      name={props.name}
      required
      pattern={REVISION_PATTERN}
      class="mono"
      defaultValue={props.value}
    />
  );
}

/** Where a view links its pushes in Treeherder. */
interface TreeherderLinks {
  repo: string;
  treeherderUrl?: string | undefined;
}

/** "Push in Treeherder" for a push's tip, once the repository's Treeherder is known. */
function TreeherderPushLink(props: TreeherderLinks & { revision: string; text?: string }) {
  if (!props.treeherderUrl) return null;
  return (
    <a
      href={treeherderPushUrl(props.treeherderUrl, props.repo, props.revision)}
      target="_blank"
      rel="noreferrer"
      data-testid="cit-revisions-treeherder"
    >
      {props.text ?? 'Push in Treeherder'}
    </a>
  );
}

function PushView(props: { push: PushChangesets } & TreeherderLinks) {
  const { push } = props;
  return (
    <section class="block" data-testid="cit-revisions-push" data-pushlog-id={push.pushlogId}>
      <h2>
        Push {push.pushId ?? ''} (pushlog {push.pushlogId})
      </h2>
      <p class="row">
        <TreeherderPushLink repo={props.repo} treeherderUrl={props.treeherderUrl} revision={push.revision} />
      </p>
      <p class="muted">
        Pushed by {push.pusher || 'unknown'} on {formatUtc(push.date)} · tip{' '}
        <span class="mono">{shortRevision(push.revision)}</span> · {push.changesets.length} changeset
        {push.changesets.length === 1 ? '' : 's'} · {push.files.length} files
        {push.backouts ? ` · ${push.backouts} backout${push.backouts === 1 ? '' : 's'}` : ''}
      </p>
      <ChangesetList changesets={push.changesets} repoUrl={push.repoUrl} />
    </section>
  );
}

function RangeView(props: { range: RangeRevisions; heading?: string } & TreeherderLinks) {
  const { range } = props;
  const { totals } = range;
  return (
    <section class="block" data-testid="cit-revisions-range" data-pushes={totals.pushes}>
      <h2>
        {props.heading ?? `Pushes after ${shortRevision(range.fromRevision)} up to ${shortRevision(range.toRevision)}`}
      </h2>
      <p class="muted">
        {totals.pushes} push{totals.pushes === 1 ? '' : 'es'}, {totals.changesets} changesets by {totals.authors} author
        {totals.authors === 1 ? '' : 's'}, {totals.files} files{totals.backouts ? `, ${totals.backouts} backouts` : ''}.
      </p>
      {range.files.length ? (
        <details open>
          <summary>Files touched ({range.files.length}), most-touched first</summary>
          <ul class="plain mono" data-testid="cit-revisions-files">
            {range.files.map((file) => (
              <li key={file.path} data-path={file.path}>
                {file.path}{' '}
                <span class="muted">
                  · {file.pushlogIds.length} push{file.pushlogIds.length === 1 ? '' : 'es'} (
                  {file.pushlogIds.join(', ')}) · {file.changesets} changeset{file.changesets === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {range.pushes.map((push) => (
        <details
          key={push.pushlogId}
          class="push"
          open={range.pushes.length <= 5}
          data-testid="cit-revisions-range-push"
          data-pushlog-id={push.pushlogId}
        >
          <summary>
            Pushlog {push.pushlogId} · {push.pusher} · {formatUtc(push.date)} · {push.changesets.length} changeset
            {push.changesets.length === 1 ? '' : 's'}
            {push.backouts ? ` · ${push.backouts} backout${push.backouts === 1 ? '' : 's'}` : ''}
            {props.treeherderUrl ? ' · ' : ''}
            <TreeherderPushLink
              repo={props.repo}
              treeherderUrl={props.treeherderUrl}
              revision={push.revision}
              text="Treeherder"
            />
          </summary>
          <ChangesetList changesets={push.changesets} repoUrl={range.repoUrl} />
        </details>
      ))}
    </section>
  );
}

function GapView(props: { gap: GapRevisions } & TreeherderLinks) {
  const { gap } = props;
  return (
    <>
      <p data-testid="cit-revisions-gap" data-gap={gap.gap}>
        <span class="mono">{gap.job.label}</span> ({gap.job.result}) last ran{' '}
        {gap.gap === 0 ? 'on the push before' : `${gap.gap} push${gap.gap === 1 ? '' : 'es'} earlier`} at{' '}
        <span class="mono">{shortRevision(gap.lastRun.revision)}</span> ({gap.lastRun.results.join(', ') || 'no result'}
        ). The suspects are the pushes below.
      </p>
      <RangeView
        repo={props.repo}
        treeherderUrl={props.treeherderUrl}
        range={gap.range}
        heading={`Suspects of job ${gap.job.jobId}: the ${gap.gap} gap push${gap.gap === 1 ? '' : 'es'} and the failing push`}
      />
    </>
  );
}

render(<RevisionsPage />, document.getElementById('app')!);
