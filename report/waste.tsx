import '../src/zod-setup';
import '../ui/theme.css';
import './report.css';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { rowsWithReason, sortWasteRows, wasteRowsToCsv } from '../src/waste/table';
import { WASTE_REASON_TITLES, WASTE_REASONS, type WasteReason, type WasteReport } from '../src/waste/types';
import { downloadText } from './download';
import { formatCount, formatHours, formatUtc } from './format';
import { REPO_NAME_PATTERN } from '../src/ids';
import { LabeledInput } from '../ui/LabeledInput';
import { useBackground } from '../ui/use-background';
import { PageShell, queryParam, replaceQuery } from './page-shell';
import { useWasteReport, type WasteRequest } from './use-waste-report';
import { WasteChart } from './WasteChart';
import { WasteTable, type WasteSort } from './WasteTable';

const DEFAULT_PUSHES = 100;

function initialRequest(): WasteRequest {
  const pushes = Number(queryParam('pushes'));
  return {
    repo: queryParam('repo') ?? 'autoland',
    pushes: Number.isInteger(pushes) && pushes >= 1 && pushes <= 1000 ? pushes : DEFAULT_PUSHES,
    run: 0,
    refresh: false,
  };
}

function WastePage() {
  const [request, setRequest] = useState<WasteRequest>(initialRequest);
  const { status, error } = useWasteReport(request);
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const repo = String(form.get('repo') ?? '').trim();
    const pushes = Number(form.get('pushes'));
    replaceQuery({ repo, pushes });
    setRequest((r) => ({ repo, pushes, run: r.run + 1, refresh: true }));
  };
  const loading = !error && status?.state !== 'done' && status?.state !== 'failed';

  return (
    <PageShell page="waste">
      <form class="query" onSubmit={onSubmit} data-testid="cit-waste-form">
        <LabeledInput label="Repository" name="repo" required pattern={REPO_NAME_PATTERN} defaultValue={request.repo} />
        <LabeledInput
          label="Last pushes"
          name="pushes"
          type="number"
          min={1}
          max={1000}
          required
          defaultValue={String(request.pushes)}
        />
        <button type="submit" class="primary" disabled={loading}>
          Load
        </button>
      </form>
      {error || status?.error ? (
        <p class="error" role="alert" data-testid="cit-waste-error">
          {error ?? status?.error}
        </p>
      ) : null}
      {loading && !error ? <Progress status={status} /> : null}
      {status?.report ? <ReportView report={status.report} /> : null}
    </PageShell>
  );
}

function Progress(props: { status: ReturnType<typeof useWasteReport>['status'] }) {
  const progress = props.status?.progress;
  const text =
    !progress || progress.phase === 'pushes'
      ? 'Finding the pushes…'
      : progress.phase === 'jobs'
        ? `Loaded the jobs of ${progress.pushesLoaded} of ${progress.pushesTotal} pushes (${formatCount(progress.jobsSeen)} jobs)…`
        : 'Reading exact run times from Taskcluster…';
  return (
    <p
      class="status-line"
      role="status"
      aria-live="polite"
      data-testid="cit-waste-progress"
      data-loaded={progress?.pushesLoaded ?? 0}
      data-total={progress?.pushesTotal ?? 0}
    >
      <progress
        max={Math.max(1, progress?.pushesTotal ?? 1)}
        value={progress?.pushesLoaded ?? 0}
        aria-label="Pushes loaded"
      />
      <span>{text}</span>
    </p>
  );
}

function ReportView(props: { report: WasteReport }) {
  const { report } = props;
  const services = useBackground('serviceUrls', { repo: report.repo });
  const [reason, setReason] = useState<WasteReason | 'all'>('all');
  const [sort, setSort] = useState<WasteSort>({ column: 'machineHours', direction: 'descending' });
  const rows = sortWasteRows(rowsWithReason(report.rows, reason), sort.column, sort.direction);
  const total = report.rows.reduce((sum, row) => sum + row.machineHours, 0);
  const exportCsv = () =>
    downloadText(
      wasteRowsToCsv(rows),
      `waste-${report.repo}-${report.window.pushes}-pushes-${report.generatedAt.slice(0, 10)}.csv`,
      'text/csv',
    );
  return (
    <section class="block" data-testid="cit-waste-report" data-rows={report.rows.length}>
      <p class="muted" data-testid="cit-waste-window">
        {report.repo}: {report.window.pushes} push{report.window.pushes === 1 ? '' : 'es'}
        {report.window.oldest && report.window.newest
          ? ` from ${formatUtc(report.window.oldest.timestamp)} to ${formatUtc(report.window.newest.timestamp)}`
          : ''}{' '}
        ({formatCount(report.jobsSeen)} jobs of {formatCount(report.jobTypesSeen)} job types).
        {report.window.pushes < report.requestedPushes
          ? ` Only ${report.window.pushes} of the ${report.requestedPushes} pushes asked for exist.`
          : ''}{' '}
        Hours per day are over the {formatHours(report.window.days * 24)} hours between the first and last push.
      </p>
      {report.note ? (
        <p class="muted" role="note">
          {report.note}
        </p>
      ) : null}
      <div class="summary">
        <div class="card">
          <div class="figure" data-testid="cit-waste-total-hours">
            {formatHours(total)}
          </div>
          machine hours listed
        </div>
        {WASTE_REASONS.map((r) => (
          <div key={r} class="card">
            <div class="figure" data-testid={`cit-waste-count-${r}`}>
              {report.counts[r]}
            </div>
            {WASTE_REASON_TITLES[r]}
          </div>
        ))}
      </div>
      {report.rows.length === 0 ? (
        <p data-testid="cit-waste-empty">Nothing wasteful found in this window.</p>
      ) : (
        <>
          <WasteChart rows={report.rows} />
          <p class="row">
            <label>
              Show{' '}
              <select
                value={reason}
                onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value as WasteReason | 'all')}
                data-testid="cit-waste-filter"
              >
                <option value="all">every kind ({report.rows.length})</option>
                {WASTE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {WASTE_REASON_TITLES[r]} ({report.counts[r]})
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={exportCsv} data-testid="cit-waste-csv">
              Export CSV ({rows.length} rows)
            </button>
          </p>
          <WasteTable
            rows={rows}
            sort={sort}
            onSort={setSort}
            repo={report.repo}
            treeherderUrl={report.treeherderUrl}
            taskclusterUrl={services.value?.taskclusterRootUrl}
          />
        </>
      )}
    </section>
  );
}

render(<WastePage />, document.getElementById('app')!);
