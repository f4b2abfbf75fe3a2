import { WASTE_COLUMNS, type SortDirection, type WasteColumn } from '../src/waste/table';
import { WASTE_REASON_TITLES, type WasteRow } from '../src/waste/types';
import { taskclusterTaskUrl, treeherderJobTypeUrl, treeherderPushUrl } from '../src/links';
import { formatCount, formatHours, formatPercent, formatUtc, shortRevision } from './format';

export interface WasteSort {
  column: WasteColumn;
  direction: SortDirection;
}

/** A click on a column: the other direction on the sorted column, else numbers largest first and text A–Z. */
export function nextSort(current: WasteSort, column: WasteColumn, numeric: boolean): WasteSort {
  if (current.column === column)
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: numeric ? 'descending' : 'ascending' };
}

/**
 * The rows (already sorted by the caller, who also exports them in this order), sortable by any column
 * from the keyboard: each header is a button, and aria-sort says how the table is sorted.
 */
export function WasteTable(props: {
  rows: readonly WasteRow[];
  sort: WasteSort;
  onSort: (sort: WasteSort) => void;
  repo: string;
  treeherderUrl?: string | undefined;
  /** Taskcluster root URL, for each job type's newest task. */
  taskclusterUrl?: string | undefined;
}) {
  const { rows, sort, repo, treeherderUrl, taskclusterUrl } = props;
  const toggle = (column: WasteColumn, numeric: boolean) => props.onSort(nextSort(sort, column, numeric));
  const pushLink = (revision: string) => (treeherderUrl ? treeherderPushUrl(treeherderUrl, repo, revision) : undefined);

  return (
    <div class="table-wrap">
      <table class="data" data-testid="cit-waste-table">
        <thead>
          <tr>
            {WASTE_COLUMNS.map(({ column, title, numeric }) => (
              <th
                key={column}
                class={numeric ? 'num' : undefined}
                scope="col"
                aria-sort={sort.column === column ? sort.direction : undefined}
              >
                <button type="button" data-testid={`cit-waste-sort-${column}`} onClick={() => toggle(column, numeric)}>
                  {title}
                  {sort.column === column ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.key}
              data-testid="cit-waste-row"
              data-label={row.label}
              data-reasons={row.reasons.join(' ')}
              data-machine-hours={row.machineHours}
            >
              <td class="mono">
                {treeherderUrl ? (
                  <a
                    href={treeherderJobTypeUrl(treeherderUrl, repo, row.label, { tier: row.tier })}
                    target="_blank"
                    rel="noreferrer"
                    title="Its runs in Treeherder"
                    data-testid="cit-waste-treeherder"
                  >
                    {row.label}
                  </a>
                ) : (
                  row.label
                )}
                {taskclusterUrl && row.newestRun ? (
                  <>
                    {' '}
                    <a
                      href={taskclusterTaskUrl(taskclusterUrl, row.newestRun.taskId, row.newestRun.runId)}
                      target="_blank"
                      rel="noreferrer"
                      class="tc-link"
                      title={`Its newest task in Taskcluster (${row.newestRun.taskId}, push ${row.newestRun.pushId})`}
                      aria-label={`${row.label}: newest task in Taskcluster`}
                      data-testid="cit-waste-taskcluster"
                    >
                      TC
                    </a>
                  </>
                ) : null}
              </td>
              <td>
                {row.platform} <span class="muted">{row.option}</span>
              </td>
              <td class="num">{row.tier}</td>
              <td>
                {row.reasons.map((r) => (
                  <span key={r} class="tag" data-reason={r} title={WASTE_REASON_TITLES[r]}>
                    {WASTE_REASON_TITLES[r]}
                  </span>
                ))}
              </td>
              <td
                class="num"
                title={`${row.finishedRuns} finished, ${row.failedRuns} failed, ${row.retriedRuns} exception or retry, ${row.incompleteRuns} incomplete`}
              >
                {formatCount(row.runs)}
              </td>
              <td class="num">{row.pushes}</td>
              <td class="num">{formatPercent(row.failureRate)}</td>
              <td class="num" title={`from ${row.hoursSource}`}>
                {formatHours(row.machineHours)}
              </td>
              <td class="num">{formatHours(row.machineHoursPerDay)}</td>
              <td>
                {row.lastSuccess ? (
                  row.lastSuccess.revision && pushLink(row.lastSuccess.revision) ? (
                    <a href={pushLink(row.lastSuccess.revision)} target="_blank" rel="noreferrer">
                      {formatUtc(row.lastSuccess.at)}
                    </a>
                  ) : (
                    formatUtc(row.lastSuccess.at)
                  )
                ) : (
                  <span class="muted">none in the window</span>
                )}
                {row.lastSuccess?.revision ? (
                  <span class="muted mono"> {shortRevision(row.lastSuccess.revision)}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
