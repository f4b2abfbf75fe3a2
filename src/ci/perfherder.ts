/** Perfherder client (served by Treeherder): a series around a push, and alert summaries. */
import type { HttpClient, RequestOptions } from '../http/client';
import type { ServiceUrls } from '../settings';
import {
  AlertSummaryPageSchema,
  PerformanceSummarySchema,
  type AlertSummaryPage,
  type PerformanceSeries,
} from './schemas/perfherder';
import { trimSlashes, withQuery } from './url';

export interface PerfherderClientOptions {
  http: HttpClient;
  urls: Pick<ServiceUrls, 'treeherderUrl'>;
}

export interface SeriesAroundPushQuery {
  /** Repository name, e.g. `autoland`. */
  repository: string;
  /** Perfherder signature id. */
  signatureId: number;
  frameworkId: number;
  /** The push's timestamp, Unix seconds. */
  pushTimestamp: number;
  /** Days of data on each side of the push. Default 7. */
  windowDays?: number;
  /** Include replicate values. Default false. */
  replicates?: boolean;
}

export interface AlertSummaryQuery {
  /** Treeherder repository id. */
  repositoryId?: number;
  frameworkId?: number;
  /** Alert summary status code (0 untriaged, …). */
  status?: number;
  page?: number;
  /** One alert summary by its id. */
  id?: number;
}

export interface SeriesOnPushQuery {
  repository: string;
  /** The push's tip revision. */
  revision: string;
  /** Include replicate values. Default true. */
  replicates?: boolean;
}

export interface PerfherderClient {
  /** The series of one signature from `windowDays` before to `windowDays` after the push. */
  seriesAroundPush(query: SeriesAroundPushQuery): Promise<PerformanceSeries[]>;
  alertSummaries(query?: AlertSummaryQuery): Promise<AlertSummaryPage>;
  /** Every series (no subtests) with data on one push: what a push's perf jobs measured. */
  seriesOnPush(query: SeriesOnPushQuery): Promise<PerformanceSeries[]>;
}

const DAY_SECONDS = 24 * 60 * 60;

export function createPerfherderClient(options: PerfherderClientOptions): PerfherderClient {
  const { http } = options;
  const base = trimSlashes(options.urls.treeherderUrl);
  const describe = (endpoint: string, what: string): RequestOptions => ({ source: 'perfherder', endpoint, what });

  return {
    async seriesAroundPush(query) {
      const window = (query.windowDays ?? 7) * DAY_SECONDS;
      const url = withQuery(`${base}/api/performance/summary/`, {
        repository: query.repository,
        signature: String(query.signatureId),
        framework: String(query.frameworkId),
        startday: perfherderDay(query.pushTimestamp - window),
        endday: perfherderDay(query.pushTimestamp + window),
        all_data: 'true',
        replicates: String(query.replicates ?? false),
      });
      return http.getJson(
        url,
        PerformanceSummarySchema,
        describe('/api/performance/summary/', `the performance series of signature ${query.signatureId}`),
      );
    },

    async alertSummaries(query = {}) {
      const params: Record<string, string> = {};
      if (query.repositoryId !== undefined) params.repository = String(query.repositoryId);
      if (query.frameworkId !== undefined) params.framework = String(query.frameworkId);
      if (query.status !== undefined) params.status = String(query.status);
      if (query.page !== undefined) params.page = String(query.page);
      if (query.id !== undefined) params.id = String(query.id);
      return http.getJson(
        withQuery(`${base}/api/performance/alertsummary/`, params),
        AlertSummaryPageSchema,
        describe('/api/performance/alertsummary/', 'the performance alert summaries'),
      );
    },

    async seriesOnPush(query) {
      const url = withQuery(`${base}/api/performance/summary/`, {
        repository: query.repository,
        revision: query.revision,
        no_subtests: 'true',
        all_data: 'true',
        replicates: String(query.replicates ?? true),
      });
      return http.getJson(
        url,
        PerformanceSummarySchema,
        describe('/api/performance/summary/', `the performance data of revision ${query.revision.slice(0, 12)}`),
      );
    },
  };
}

/** Perfherder's `startday`/`endday` format: `YYYY-MM-DDTHH:MM:SS` in UTC. */
function perfherderDay(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19);
}
