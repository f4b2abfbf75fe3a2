/**
 * Which tasks of a push run one test, from what Firefox CI's decision task publishes (gecko
 * `taskcluster/gecko_taskgraph/decision.py`):
 * - `public/tests-by-manifest.json.gz`: `{manifest: [test…]}` — moztest's TestResolver.tests_by_manifest: each
 *   test relative to its manifest's directory, web-platform tests by test id (`/css/…/x.html`);
 * - `public/manifests-by-task.json.gz`: `{label: [manifest…]}` — every full-graph task's `test_manifests`
 *   attribute (the manifests its chunk runs; the same list its `MOZHARNESS_TEST_PATHS` env holds per suite).
 * Treeherder's own "test path" filter reads manifests-by-task (mozilla/treeherder `ui/job-view/pushes/Push.jsx`).
 */

/** A job of the push: what the search needs of Treeherder's jobs list. */
export interface PushJob {
  label: string;
  taskId?: string | undefined;
  symbol: string;
  groupSymbol: string;
  platform: string;
  platformOption: string;
}

export interface TestTask {
  label: string;
  taskId: string;
  /** `linux1804-64-qr/debug`, with the suite when the push has several tasks of that platform running the test. */
  platform: string;
  symbol: string;
  groupSymbol: string;
  /** The manifest(s) of the test this task runs. */
  manifests: string[];
  /**
   * Set when the task schedules by manifest (its `MOZHARNESS_TEST_PATHS`) and the push's actions.json offers
   * `backfill-task`: the `{suite: [manifest…]}` a run of only the test's manifests gets.
   */
  testPaths?: Record<string, string[]> | undefined;
}

export interface TestTaskSearch {
  testPath: string;
  /** The manifests that list the test. */
  manifests: string[];
  /** How the manifests were found: listed in tests-by-manifest, or guessed from the test's directory. */
  matchedBy: 'tests-by-manifest' | 'directory';
  tasks: TestTask[];
  /** Labels that run the test but did not run on this push (optimized away): not validated. */
  notScheduled: string[];
}

/** What the background found for a push and a test: the search, and where its facts came from. */
export interface TestTaskLookup extends TestTaskSearch {
  pushId: number;
  revision: string;
  /** Where the label → manifests map came from: the decision task's artifact, or its task graph's attributes. */
  manifestsFrom: 'manifests-by-task' | 'task-graph';
  /** Whether the push's actions.json offers push-level `backfill-task` (runs of chosen manifests only). */
  testPathJobs: boolean;
}

export type TestsByManifest = Readonly<Record<string, readonly string[]>>;
export type ManifestsByTask = Readonly<Record<string, readonly string[]>>;

const WPT = 'testing/web-platform/tests';
const WPT_MOZILLA = 'testing/web-platform/mozilla/tests';

/**
 * A test path as a user types it: forward slashes, no leading `./`; a web-platform test's source path
 * becomes its test id (`/…`, `/_mozilla/…`), the form the artifacts use (the reverse of Treeherder's
 * `transformTestPath`).
 */
export function normalizeTestPath(input: string): string {
  let path = input.trim().replace(/\\/g, '/').replace(/^\.\//, '').split('?')[0]!.split('#')[0]!;
  if (path.startsWith(`${WPT_MOZILLA}/`)) path = `/_mozilla${path.slice(WPT_MOZILLA.length)}`;
  else if (path.startsWith(`${WPT}/`)) path = path.slice(WPT.length);
  return path;
}

/** Whether an entry of tests-by-manifest under `manifest` is `testPath` (normalized). */
function entryIsTest(manifest: string, entry: string, testPath: string): boolean {
  const test = entry.split('?')[0]!;
  if (test.startsWith('/')) return test === testPath;
  return joinPath(dirname(manifest), test) === testPath;
}

/** The manifests listing the test, by tests-by-manifest; or by directory when that artifact is missing. */
export function manifestsOfTest(
  testPath: string,
  testsByManifest: TestsByManifest | null,
  manifestsByTask: ManifestsByTask,
): { manifests: string[]; matchedBy: TestTaskSearch['matchedBy'] } {
  if (testsByManifest) {
    const manifests = Object.entries(testsByManifest)
      .filter(([manifest, tests]) => tests.some((t) => entryIsTest(manifest, t, testPath)))
      .map(([manifest]) => manifest);
    return { manifests: manifests.sort(), matchedBy: 'tests-by-manifest' };
  }
  // Without the list: the manifests in the test's directory, else in its nearest ancestor that has any.
  const known = new Set(Object.values(manifestsByTask).flat());
  for (let dir = dirname(testPath); dir !== '' && dir !== '/'; dir = dirname(dir)) {
    const here = [...known].filter((m) => manifestDir(m) === dir);
    if (here.length) return { manifests: here.sort(), matchedBy: 'directory' };
  }
  return { manifests: [], matchedBy: 'directory' };
}

/** Every task of the push that runs the test, one per label (its first run), and the labels that did not run. */
export function findTestTasks(input: {
  testPath: string;
  testsByManifest: TestsByManifest | null;
  manifestsByTask: ManifestsByTask;
  jobs: readonly PushJob[];
}): TestTaskSearch {
  const testPath = normalizeTestPath(input.testPath);
  const { manifests, matchedBy } = manifestsOfTest(testPath, input.testsByManifest, input.manifestsByTask);
  const wanted = new Set(manifests);
  const labels = Object.entries(input.manifestsByTask)
    .map(([label, list]) => ({ label, manifests: list.filter((m) => wanted.has(m)) }))
    .filter((entry) => entry.manifests.length > 0);
  const firstJob = new Map<string, PushJob>();
  for (const job of input.jobs) if (job.taskId && !firstJob.has(job.label)) firstJob.set(job.label, job);

  const found = labels.flatMap(({ label, manifests: runs }) => {
    const job = firstJob.get(label);
    return job?.taskId ? [{ job, taskId: job.taskId, manifests: runs }] : [];
  });
  const names = found.map(({ job }) => platformOf(job));
  const tasks = found
    .map(({ job, taskId, manifests: runs }, i): TestTask => {
      const shared = names.filter((n) => n === names[i]).length > 1;
      return {
        label: job.label,
        taskId,
        platform: shared ? `${names[i]} (${suiteOf(job.label)})` : names[i]!,
        symbol: job.symbol,
        groupSymbol: job.groupSymbol,
        manifests: runs,
      };
    })
    .sort((a, b) => compare(a.platform, b.platform) || compare(a.label, b.label));
  const notScheduled = labels
    .map((l) => l.label)
    .filter((label) => !firstJob.has(label))
    .sort();
  return { testPath, manifests, matchedBy, tasks, notScheduled };
}

/** `test-linux1804-64-qr/debug-mochitest-plain-3` → `linux1804-64-qr/debug`; else Treeherder's platform and option. */
export function platformOf(job: Pick<PushJob, 'label' | 'platform' | 'platformOption'>): string {
  const match = /^test-([^/]+\/[a-z0-9]+)-/.exec(job.label);
  return match ? match[1]! : `${job.platform}/${job.platformOption}`;
}

/** `test-linux1804-64-qr/debug-mochitest-plain-nofis-3` → `mochitest-plain-nofis`. */
function suiteOf(label: string): string {
  const match = /^test-[^/]+\/[a-z0-9]+-(.+)$/.exec(label);
  return (match ? match[1]! : label).replace(/-\d+$/, '');
}

/** A web-platform manifest is its directory's test id (`/css/css-flexbox`); others are files in a directory. */
function manifestDir(manifest: string): string {
  return manifest.startsWith('/') ? manifest : dirname(manifest);
}

/** Code-point order: the same in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '') : path.slice(0, i);
}

function joinPath(dir: string, relative: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
