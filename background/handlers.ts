import type { Handlers } from '../src/messaging/router';
import type { Protocol } from '../src/protocol';
import { toNdjson } from '../src/log/entry';
import { viewOfGroup } from '../src/monitor/view';
import { browser } from '../platform/browser';
import { clearCredentials, credentialsStatus } from './sign-in/credentials';
import { importTreeherderLogin, signInWithOAuth, signInWithPastedClient } from './sign-in/sign-in';
import { describeJob, jobGap, pushCompleteness } from './services/page-data';
import { knownFailure } from './services/known-failures';
import { bisections, pipeline, tracker, triggerLog } from './runtime';
import { servicesForRepo } from './services/repository-services';
import { perfSeriesOfJob } from './bisection/perf-data';
import type { BisectionStartRequest } from '../src/protocol';
import {
  failureMode,
  newBaselineMode,
  newTestMode,
  perfMode,
  retriggerUntilFailMode,
} from '../src/bisection-session/modes';
import { previewNewTest } from './bisection/new-test-preview';
import { loadSettings, saveSettingsPatch } from './storage/settings-store';
import { startWasteReport, wasteReportStatus } from './reports/waste';
import { artifactSearchProgress, startArtifactSearch, stopArtifactSearch, taskArtifacts } from './reports/artifacts';
import { jobGapRevisions, pushRevisions, rangeRevisions } from './reports/revisions';
import { openToolPage } from './reports/tool-pages';

/** Newest first, each with the Treeherder origin for its links. */
async function trackedViews() {
  const groups = (await tracker.list()).reverse();
  return Promise.all(
    groups.map(async (group) => ({
      ...viewOfGroup(group),
      treeherderUrl: await servicesForRepo(group.push.repo).then(
        (s) => s.urls.treeherderUrl,
        () => undefined,
      ),
    })),
  );
}

/** The Bisect popover's two modes for a failing job share one request. */
function failingJobMode(request: BisectionStartRequest) {
  return request.mode === 'retrigger-until-fail' ? retriggerUntilFailMode : failureMode;
}

/** A failure bisection starts from the failing line's prior (known intermittent, new line), when one is known. */
async function withLinePrior(request: BisectionStartRequest): Promise<BisectionStartRequest> {
  if (request.mode !== 'bisect') return request;
  const known = await knownFailure(request.repo, request.jobId).catch(() => undefined);
  return { ...request, linePrior: known?.prior };
}

/** One handler per protocol message. Data arrives already validated by the router. */
export const handlers: Handlers<Protocol> = {
  ping: (_data, sender) => ({
    version: browser.runtime.getManifest().version,
    fromExtensionPage: sender.fromExtensionPage,
  }),

  describeJob: ({ repo, jobId }) => describeJob(repo, jobId),
  jobGap: ({ repo, jobId }) => jobGap(repo, jobId),
  pushCompleteness: ({ repo, pushId }) => pushCompleteness(repo, pushId),
  previewTrigger: ({ intent }) => pipeline.preview(intent),
  trigger: ({ intent, confirmed }, sender) =>
    pipeline.trigger(intent, { confirmed, origin: sender.fromExtensionPage ? 'extension page' : 'Treeherder page' }),

  knownFailure: ({ repo, jobId }) => knownFailure(repo, jobId),
  previewBisection: async (request) => bisections.preview(failingJobMode(request), await withLinePrior(request)),
  startBisection: async (request) => bisections.start(failingJobMode(request), await withLinePrior(request)),
  listBisections: async () => [...(await bisections.list())].reverse(),
  stopBisection: async ({ id }) => (await bisections.stop(id)) ?? null,
  previewPerfBisection: (request) => bisections.preview(perfMode, request),
  startPerfBisection: (request) => bisections.start(perfMode, request),
  startPerfBaseline: (request) => bisections.start(newBaselineMode, request),
  previewNewTest: (request) => previewNewTest(request),
  startNewTest: (request) => bisections.start(newTestMode, request),
  perfSeriesOfJob: ({ repo, jobId }) => perfSeriesOfJob(repo, jobId),

  listTracked: () => trackedViews(),
  pollTrackedNow: async () => {
    await Promise.all([tracker.poll(), bisections.stepAll()]);
    return trackedViews();
  },
  listTriggerLog: ({ limit }) => triggerLog.recent(limit),
  exportTriggerLog: async () => {
    const entries = await triggerLog.all();
    return { ndjson: toNdjson(entries), count: entries.length };
  },

  getSettings: () => loadSettings(),
  updateSettings: (patch) => saveSettingsPatch(patch),
  getCredentialsStatus: () => credentialsStatus(),
  setPastedCredentials: ({ clientId, accessToken }) => signInWithPastedClient(clientId, accessToken),
  clearCredentials: () => clearCredentials(),
  importTreeherderLogin: () => importTreeherderLogin(),
  signInWithOAuth: () => signInWithOAuth(),

  startWasteReport: (request) => startWasteReport(request),
  wasteReportStatus: ({ reportId }) => wasteReportStatus(reportId),
  taskArtifacts: ({ repo, taskId }) => taskArtifacts(repo, taskId),
  startArtifactSearch: (request) => startArtifactSearch(request),
  artifactSearchProgress: ({ searchId, from }) => artifactSearchProgress(searchId, from),
  stopArtifactSearch: ({ searchId }) => stopArtifactSearch(searchId),
  pushRevisions: (request) => pushRevisions(request),
  rangeRevisions: (request) => rangeRevisions(request),
  jobGapRevisions: ({ repo, jobId }) => jobGapRevisions(repo, jobId),
  openToolPage: ({ page, params }, sender) => openToolPage(page, params, sender.tabId),
};
