import type { Handlers } from '../src/messaging/router';
import type { Protocol } from '../src/protocol';
import { toNdjson } from '../src/log/entry';
import { viewOfGroup } from '../src/monitor/view';
import { browser } from '../platform/browser';
import { clearCredentials, credentialsStatus } from './sign-in/credentials';
import { importTreeherderLogin, signInWithOAuth, signInWithPastedClient } from './sign-in/sign-in';
import { describeJob, jobGap, pushCompleteness } from './services/page-data';
import { bisections, pipeline, tracker, triggerLog } from './runtime';
import { servicesForRepo } from './services/repository-services';
import { perfSeriesOfJob } from './bisection/perf-data';
import type { BisectionStartRequest } from '../src/protocol';
import { failureMode, newBaselineMode, perfMode, retriggerUntilFailMode } from '../src/bisection-session/modes';
import { loadSettings, saveSettingsPatch } from './storage/settings-store';
import { startWasteReport, wasteReportStatus } from './reports/waste';
import { artifactSearchProgress, startArtifactSearch, stopArtifactSearch, taskArtifacts } from './reports/artifacts';
import { jobGapRevisions, pushRevisions, rangeRevisions } from './reports/revisions';
import { openToolPage } from './reports/tool-pages';
import { pushDetails } from './reports/push-details';
import { withSentence } from './error-sentence';
import { budgetRanOut } from '../src/bisection-session/verdict-summary';
import { suspectPush, type BisectionSession } from '../src/bisection-session/session';
import { describeCost } from '../src/guard/cost';
import type { ContinueBisectionResult, TrackedTriggerView } from '../src/protocol';
import { createConfirmationTokens } from './confirmations';

/** Confirmations the guard asked a content script for (issue 15: a page must not confirm for the user). */
const confirmations = createConfirmationTokens();

/** Newest first, each with the Treeherder and Taskcluster origins for its links and the bisection it probes for. */
async function trackedViews(): Promise<TrackedTriggerView[]> {
  const groups = (await tracker.list()).reverse();
  const probes = new Map<string, { bisectionId: string; bisectionRound: number }>();
  for (const session of await bisections.list())
    for (const round of session.rounds)
      for (const probe of round.probes)
        if (probe.logId) probes.set(probe.logId, { bisectionId: session.id, bisectionRound: round.index });
  return Promise.all(
    groups.map(async (group) => {
      const urls = await servicesForRepo(group.push.repo).then(
        (s) => s.urls,
        () => undefined,
      );
      return {
        ...viewOfGroup(group),
        treeherderUrl: urls?.treeherderUrl,
        taskclusterUrl: urls?.taskclusterRootUrl,
        ...probes.get(group.logId),
      };
    }),
  );
}

/**
 * "Continue with +N jobs" (issue 16): priced as the retriggers it will send (the label's recent durations) and
 * checked by the one cost guard — the daily cap refuses, above the confirmation threshold it waits for the user.
 */
async function continueBisection(id: string, extraJobs: number, confirmed: boolean): Promise<ContinueBisectionResult> {
  const session = (await bisections.list()).find((s) => s.id === id);
  if (!session) throw new Error('This bisection is no longer kept; start a new one from the failing job.');
  if (!budgetRanOut(session))
    throw new Error(`Only a bisection that used up its budget can go on; this one is ${describeStatus(session)}.`);
  const price = await pipeline.preview({
    kind: 'retrigger',
    push: suspectPush(session, session.suspects.length - 1),
    labels: [session.label],
    times: extraJobs,
  });
  const what = `Continue the bisection of ${session.label} with ${extraJobs} more job${extraJobs === 1 ? '' : 's'}`;
  if (price.decision === 'refuse') return { status: 'refused', reason: price.reason ?? what, cost: price.cost };
  if (price.decision === 'confirm' && !confirmed)
    return {
      status: 'needs-confirmation',
      reason: `${what}: ${describeCost(price.cost)}. Confirm to go ahead.`,
      cost: price.cost,
    };
  const next = await bisections.extendBudget(id, extraJobs);
  if (!next) throw new Error('This bisection changed meanwhile; look at it again.');
  return { status: 'continued', session: next, cost: price.cost };
}

function describeStatus(session: BisectionSession): string {
  return session.status === 'done' ? 'finished with a verdict' : session.status;
}

/** The Bisect popover's two modes for a failing job share one request. */
function failingJobMode(request: BisectionStartRequest) {
  return request.mode === 'retrigger-until-fail' ? retriggerUntilFailMode : failureMode;
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
  trigger: async ({ intent, confirmed, confirmationToken }, sender) => {
    // Extension pages cannot be scripted by a web page; a content script's "confirmed" needs our fresh token.
    const fresh = sender.fromExtensionPage ? confirmed : confirmed && confirmations.consume(confirmationToken, intent);
    const outcome = await pipeline.trigger(intent, {
      confirmed: fresh,
      origin: sender.fromExtensionPage ? 'extension page' : 'Treeherder page',
      ...(sender.messageId ? { requestId: sender.messageId } : {}),
    });
    return outcome.status === 'needs-confirmation'
      ? { ...outcome, confirmationToken: confirmations.issue(intent) }
      : outcome;
  },
  triggerStatus: (query) => pipeline.status(query),

  previewBisection: (request) => bisections.preview(failingJobMode(request), request),
  startBisection: (request) => bisections.start(failingJobMode(request), request),
  listBisections: async () => [...(await bisections.list())].reverse(),
  stopBisection: async ({ id }) => (await bisections.stop(id)) ?? null,
  continueBisection: ({ id, extraJobs, confirmed }) => continueBisection(id, extraJobs, confirmed),
  pushDetails: (request) => pushDetails(request),
  previewPerfBisection: (request) => bisections.preview(perfMode, request),
  startPerfBisection: (request) => bisections.start(perfMode, request),
  startPerfBaseline: (request) => bisections.start(newBaselineMode, request),
  perfSeriesOfJob: ({ repo, jobId }) => perfSeriesOfJob(repo, jobId),

  listTracked: () => trackedViews(),
  pollTrackedNow: async () => {
    // The popup open (or a test) also settles triggers whose outcome is still being checked.
    await Promise.all([tracker.poll(), bisections.stepAll(), pipeline.reconcilePending()]);
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
  serviceUrls: ({ repo }) =>
    withSentence(async () => {
      const { urls, repoPath } = await servicesForRepo(repo);
      return { ...urls, hgRepoUrl: `${urls.hgUrl}/${repoPath}` };
    }),
};
