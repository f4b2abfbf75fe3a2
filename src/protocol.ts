/**
 * The one message protocol between content scripts, extension pages and the background.
 * Each entry: trust tier, zod schema of its data (validated by the receiver), result type.
 * Add a message here, then a handler in background/handlers; the compiler insists on both.
 */
import { z } from 'zod';
import { defineMessage } from './messaging/define';
import { settingsPatchSchema, type ServiceUrls, type Settings } from './settings';
import { triggerIntentSchema } from './actions/intents';
import { RepoNameSchema, RevisionSchema, TaskIdSchema } from './ids';
import { pushLookupSchema } from './push-ref';
import { pastedClientSchema } from './credentials';
import type { TriggerLogEntry } from './log/entry';
import type { TriggerStatus } from './log/status';
import type { JobGap } from './gap/compute-gap';
import type { PushCompleteness } from './completeness/compute-completeness';
import type { TrackedGroupView } from './monitor/view';
import type { TriggerOutcome, TriggerPreview } from './actions/trigger-outcome';
import type { BisectionSession } from './bisection-session/session';
import type { BisectionPreview } from './bisection-session/preview';
import type { WasteReportStatus } from './waste/types';
import type { ArtifactSearchStatus, TaskArtifacts } from './artifacts/types';
import type { GapRevisions, PushChangesets, RangeRevisions } from './revisions/types';
import type { PushFacts } from './bisection-session/verdict-summary';
import type { TriggerCost } from './guard/cost';

export interface CredentialsStatus {
  signedIn: boolean;
  clientId?: string;
  /** ISO time the credentials expire, when known. */
  expires?: string;
  expired?: boolean;
  source?: 'treeherder' | 'pasted' | 'oauth';
  /** Where they are kept: session (cleared with the browser) or local (remembered on this device). */
  storage?: 'session' | 'local';
  /** Scopes the client lacks for this repository's actions (checked at sign-in). */
  missingScopes?: string[];
  /** A sentence for the user about the check. */
  note?: string;
}

export interface PingResult {
  version: string;
  /** Where the sender is, as the background saw it. */
  fromExtensionPage: boolean;
}

/** A job as the background describes it to the page (from Treeherder's API, cached). */
export interface JobDescription {
  jobId: number;
  taskId: string;
  retryId: number;
  label: string;
  symbol: string;
  groupSymbol: string;
  platform: string;
  pushId: number;
  revision: string;
  state: string;
  result: string;
  tier: number;
  durationMinutes?: number;
}

/** A tracked trigger as the popup lists it: the monitor's view plus what the background knows around it. */
export interface TrackedTriggerView extends TrackedGroupView {
  /** Taskcluster root URL serving this repository, for task links. */
  taskclusterUrl?: string | undefined;
  /** Set when the trigger is a probe of a bisection: the popup nests it under that bisection. */
  bisectionId?: string | undefined;
  /** The probe's round in that bisection (0-based). */
  bisectionRound?: number | undefined;
}

/** What "Continue with +N jobs" did: the priced jobs went ahead, wait for a confirmation, or were refused. */
export type ContinueBisectionResult =
  | { status: 'continued'; session: BisectionSession; cost: TriggerCost }
  | { status: 'needs-confirmation'; reason: string; cost: TriggerCost }
  | { status: 'refused'; reason: string; cost: TriggerCost };

export type TriggerPreviewResult = TriggerPreview;
/**
 * A trigger's outcome. When the guard asks for confirmation, the background also issues a one-time token
 * bound to this intent and short-lived: a content script's confirmed re-send counts as confirmed only with
 * it (background/confirmations.ts), so no confirmation is assumed that the background did not ask for.
 */
export type TriggerResult =
  | Exclude<TriggerOutcome, { status: 'needs-confirmation' }>
  | (Extract<TriggerOutcome, { status: 'needs-confirmation' }> & { confirmationToken: string });

const repoName = RepoNameSchema;
const jobQuery = z.object({ repo: repoName, jobId: z.number().int().positive() }).strict();

export type BisectionPreviewResult = BisectionPreview;

const bisectionRequest = z
  .object({
    repo: repoName,
    jobId: z.number().int().positive(),
    mode: z.enum(['bisect', 'retrigger-until-fail']).default('bisect'),
    /** Extra pushes before the gap, when the user extends the range. */
    extendBy: z.number().int().min(0).max(100).default(0),
    /** Hard budget of jobs for the whole bisection. */
    budget: z.number().int().min(1).max(500).default(60),
    parallel: z.number().int().min(1).max(10).default(4),
  })
  .strict();

/** A perf bisection: from an alert summary (optionally one of its signatures), or a signature and its regressed push. */
const perfBisectionRequest = z
  .object({
    repo: repoName,
    alertSummaryId: z.number().int().positive().optional(),
    signatureId: z.number().int().positive().optional(),
    frameworkId: z.number().int().positive().optional(),
    pushId: z.number().int().positive().optional(),
    budget: z.number().int().min(1).max(500).default(40),
    parallel: z.number().int().min(1).max(10).default(4),
  })
  .strict()
  .refine((r) => r.alertSummaryId !== undefined || (r.signatureId !== undefined && r.pushId !== undefined), {
    message: 'needs an alert summary id, or a signature id and the regressed push id',
  });

/** A new baseline: perf jobs (one push), or a push and its perf job labels, each retriggered `times` times. */
const perfBaselineRequest = z
  .object({
    repo: repoName,
    jobIds: z.array(z.number().int().positive()).min(1).max(20).optional(),
    pushId: z.number().int().positive().optional(),
    labels: z.array(z.string().min(1).max(400)).min(1).max(20).optional(),
    times: z.number().int().min(1).max(20).default(5),
  })
  .strict()
  .refine((r) => r.jobIds !== undefined || (r.pushId !== undefined && r.labels !== undefined), {
    message: 'needs perf job ids, or a push id and perf job labels',
  });

/** The bisection requests as the background receives them (defaults filled in): derived, never re-typed. */
export type BisectionStartRequest = z.infer<typeof bisectionRequest>;
export type PerfBisectionRequest = z.infer<typeof perfBisectionRequest>;
export type BaselineRequest = z.infer<typeof perfBaselineRequest>;
const searchId = z.string().min(1).max(100);
const needsPush = { message: 'needs a push id or a revision' };

export const protocol = {
  /** Liveness and a round trip; anyone may send it. */
  ping: defineMessage<PingResult>()('any', z.object({}).strict()),

  /** A job's ids and names, for building intents from a job button. */
  describeJob: defineMessage<JobDescription>()('any', jobQuery),
  /** How many earlier pushes did not run this job's label since its last run. */
  jobGap: defineMessage<JobGap>()('any', jobQuery),
  /** Runnable vs scheduled jobs of a push (cached per decision task). */
  pushCompleteness: defineMessage<PushCompleteness>()(
    'any',
    z.object({ repo: repoName, pushId: z.number().int().positive() }).strict(),
  ),
  /** Cost and guard decision of an intent, without triggering. */
  previewTrigger: defineMessage<TriggerPreviewResult>()('any', z.object({ intent: triggerIntentSchema }).strict()),
  /**
   * Runs an intent through the one trigger pipeline. From a content script, `confirmed` needs the token of
   * the needs-confirmation answer to this same intent (extension pages cannot be scripted by a web page).
   */
  trigger: defineMessage<TriggerResult>()(
    'any',
    z
      .object({
        intent: triggerIntentSchema,
        confirmed: z.boolean().default(false),
        confirmationToken: z.string().min(1).max(100).optional(),
      })
      .strict(),
  ),

  /**
   * What became of a trigger: by the log id a `trigger` reply gave (status `unclear`), or by its intent when
   * the reply was lost (the background stopped mid-way: "message channel closed").
   */
  triggerStatus: defineMessage<TriggerStatus>()(
    'any',
    z.union([
      z.object({ logId: z.string().min(1).max(100) }).strict(),
      z.object({ intent: triggerIntentSchema }).strict(),
    ]),
  ),

  /** Range and expected cost of a bisection, before anything runs. */
  previewBisection: defineMessage<BisectionPreviewResult>()('any', bisectionRequest),
  /** Starts (or shows the already running) bisection of a failing job. */
  startBisection: defineMessage<BisectionSession>()('any', bisectionRequest),
  listBisections: defineMessage<BisectionSession[]>()('extension', z.object({}).strict()),
  stopBisection: defineMessage<BisectionSession | null>()('extension', z.object({ id: z.string().min(1) }).strict()),
  /**
   * A bisection that used up its budget goes on with `extraJobs` more, from where it stopped. A costly action: priced
   * like a trigger, and above the confirmation threshold it runs only with `confirmed` (after the user saw the cost).
   */
  continueBisection: defineMessage<ContinueBisectionResult>()(
    'extension',
    z
      .object({
        id: z.string().min(1),
        extraJobs: z.number().int().min(1).max(100),
        confirmed: z.boolean().default(false),
      })
      .strict(),
  ),
  /** The push a verdict names, with its author, commit lines and links to Treeherder, hg and Taskcluster. */
  pushDetails: defineMessage<PushFacts>()(
    'extension',
    pushLookupSchema
      .extend({ label: z.string().min(1).max(400).optional() })
      .strict()
      .refine((r) => r.pushId !== undefined || r.revision !== undefined, needsPush),
  ),
  /** Range and expected cost of a perf bisection (issue 8), before anything runs. */
  previewPerfBisection: defineMessage<BisectionPreviewResult>()('any', perfBisectionRequest),
  /** Starts (or shows the running) perf bisection of a Perfherder alert. */
  startPerfBisection: defineMessage<BisectionSession>()('any', perfBisectionRequest),
  /** Retriggers perf jobs N times and reports mean, sd and 95 % CI when they are done. */
  startPerfBaseline: defineMessage<BisectionSession>()('any', perfBaselineRequest),
  /** The Perfherder series a job reported on its push (empty for jobs that are not perf tests). */
  perfSeriesOfJob: defineMessage<{ signatureId: number; frameworkId: number; name: string; pushId: number }[]>()(
    'any',
    jobQuery,
  ),

  /** Tracked triggers with live task states, for the popup. */
  listTracked: defineMessage<TrackedTriggerView[]>()('extension', z.object({}).strict()),
  listTriggerLog: defineMessage<TriggerLogEntry[]>()(
    'extension',
    z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict(),
  ),
  exportTriggerLog: defineMessage<{ ndjson: string; count: number }>()('extension', z.object({}).strict()),
  /** Asks the background to poll tracked tasks now (popup open, or tests). */
  pollTrackedNow: defineMessage<TrackedTriggerView[]>()('extension', z.object({}).strict()),

  getSettings: defineMessage<Settings>()('extension', z.object({}).strict()),
  updateSettings: defineMessage<Settings>()('extension', settingsPatchSchema),

  getCredentialsStatus: defineMessage<CredentialsStatus>()('extension', z.object({}).strict()),
  setPastedCredentials: defineMessage<CredentialsStatus>()('extension', pastedClientSchema),
  clearCredentials: defineMessage<CredentialsStatus>()('extension', z.object({}).strict()),
  /** Sign-in route (a): import Treeherder's own stored login, after the user's explicit consent. */
  importTreeherderLogin: defineMessage<CredentialsStatus>()('extension', z.object({}).strict()),
  /** Sign-in route (c): Taskcluster OAuth2 third-party login. */
  signInWithOAuth: defineMessage<CredentialsStatus>()('extension', z.object({}).strict()),

  /** Waste report (issue 9): starts loading one repository's last N pushes in the background; poll its status. */
  startWasteReport: defineMessage<{ reportId: string }>()(
    'extension',
    z
      .object({
        repo: repoName,
        pushes: z.number().int().min(1).max(1000).default(100),
        refresh: z.boolean().optional(),
      })
      .strict(),
  ),
  wasteReportStatus: defineMessage<WasteReportStatus>()('extension', z.object({ reportId: searchId }).strict()),
  /** Artifact finder: every artifact of every run of a task (the content script's job popover asks). */
  taskArtifacts: defineMessage<TaskArtifacts>()('any', z.object({ repo: repoName, taskId: TaskIdSchema }).strict()),
  /** Starts a glob search over the artifacts of every task of a push; poll with the index of the next match wanted. */
  startArtifactSearch: defineMessage<ArtifactSearchStatus>()(
    'extension',
    pushLookupSchema
      .extend({ pattern: z.string().min(1).max(500) })
      .strict()
      .refine((r) => r.pushId !== undefined || r.revision !== undefined, needsPush),
  ),
  artifactSearchProgress: defineMessage<ArtifactSearchStatus>()(
    'extension',
    z.object({ searchId, from: z.number().int().min(0).default(0) }).strict(),
  ),
  stopArtifactSearch: defineMessage<ArtifactSearchStatus | null>()('extension', z.object({ searchId }).strict()),
  /** Revisions: a push's changesets, a range's pushes and files, a failing job's gap. */
  pushRevisions: defineMessage<PushChangesets>()(
    'extension',
    pushLookupSchema.strict().refine((r) => r.pushId !== undefined || r.revision !== undefined, needsPush),
  ),
  rangeRevisions: defineMessage<RangeRevisions>()(
    'extension',
    z.object({ repo: repoName, fromRevision: RevisionSchema, toRevision: RevisionSchema }).strict(),
  ),
  jobGapRevisions: defineMessage<GapRevisions>()('extension', jobQuery),
  /** Where a repository's Treeherder, Taskcluster and hg are (`hgRepoUrl`: the repository itself), for links. */
  serviceUrls: defineMessage<ServiceUrls & { hgRepoUrl: string }>()('extension', z.object({ repo: repoName }).strict()),
  /** Opens a report page in a new tab (content scripts cannot open extension pages themselves). */
  openToolPage: defineMessage<{ opened: true }>()(
    'any',
    z
      .object({
        page: z.enum(['waste', 'artifacts', 'revisions']),
        params: z.record(z.string().regex(/^[a-z]{1,12}$/), z.string().max(200)).default({}),
      })
      .strict(),
  ),
} as const;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
