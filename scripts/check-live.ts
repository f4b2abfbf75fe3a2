/**
 * `npm run check:live`: fetches a few real production endpoints and validates them with the same
 * clients and schemas the extension uses, so upstream drift shows up with one command. Needs
 * network; not part of `npm test`. Options: `--repo=<name>` (default autoland),
 * `--treeherder-url=<origin>` (default production), `--artifacts` (also the multi-MB runnable-jobs.json).
 */
import { pathToFileURL } from 'node:url';
import {
  createCiClients,
  repoPathFromUrl,
  SchemaDriftError,
  type CiClients,
  type Job,
  type Push,
  type Repository,
} from '../src/ci';
import type { FetchFunction } from '../src/http/client';
import { HttpError, userMessageFor } from '../src/http/errors';
import { PRODUCTION_URLS } from '../src/settings';

export interface LiveCheckOptions {
  repo: string;
  treeherderUrl: string;
  artifacts: boolean;
  /** For tests: replaces the network and the backoff waits. */
  fetch?: FetchFunction;
  sleep?: (ms: number) => Promise<void>;
  out: (line: string) => void;
}

type Outcome = 'ok' | 'drift' | 'failed' | 'skipped';

/** Returns the exit code: 0 when every check passed. */
export async function runLiveCheck(options: LiveCheckOptions): Promise<number> {
  const outcomes: Outcome[] = [];
  let offline = false;

  /** Runs one check; returns its value, or undefined if it (or a check it needs) failed. */
  async function check<T>(name: string, run: () => Promise<T>, needs: unknown[] = []): Promise<T | undefined> {
    if (offline) return undefined; // one clear sentence at the end instead of a list of skips
    if (needs.some((value) => value === undefined)) {
      outcomes.push('skipped');
      options.out(`SKIP  ${name}`);
      return undefined;
    }
    try {
      const value = await run();
      outcomes.push('ok');
      options.out(`OK    ${name}`);
      return value;
    } catch (error) {
      if (error instanceof SchemaDriftError) {
        outcomes.push('drift');
        options.out(`DRIFT ${name}: ${error.message}`);
      } else {
        outcomes.push('failed');
        options.out(`FAIL  ${name}: ${userMessageFor(error)}`);
        if (error instanceof HttpError && error.kind === 'network') offline = true;
      }
      return undefined;
    }
  }

  const bootstrap = createCiClients(
    { ...PRODUCTION_URLS, treeherderUrl: options.treeherderUrl },
    { fetch: options.fetch, sleep: options.sleep, maxTries: 2, timeoutMs: 20_000 },
  );
  const repositories = await check('Treeherder /api/repository/', () => bootstrap.treeherder.repositories());
  const repository = repositories?.find((entry) => entry.name === options.repo);
  if (repositories && !repository) options.out(`FAIL  repository "${options.repo}" is not in /api/repository/`);

  // docs/design.md, decision 1: the repository entry tells us where Taskcluster and hg are.
  const clients: CiClients | undefined = repository
    ? createCiClients(
        {
          treeherderUrl: options.treeherderUrl,
          taskclusterRootUrl: repository.tc_root_url,
          hgUrl: new URL(repository.url).origin,
        },
        bootstrap.http,
      )
    : undefined;
  await checkRepository(clients, repository);

  if (offline) {
    options.out('');
    options.out(
      'check:live needs network access to treeherder.mozilla.org, Taskcluster and hg.mozilla.org; it could not reach them.',
    );
    return 1;
  }
  const failures = outcomes.filter((outcome) => outcome === 'drift' || outcome === 'failed').length;
  const drifts = outcomes.filter((outcome) => outcome === 'drift').length;
  options.out('');
  options.out(
    failures === 0
      ? `All ${outcomes.length} live checks passed.`
      : `${failures} of ${outcomes.length} live checks failed${drifts ? ` (${drifts} with schema drift)` : ''}.`,
  );
  return failures === 0 && (repositories === undefined || repository !== undefined) ? 0 : 1;

  async function checkRepository(ci: CiClients | undefined, repo: Repository | undefined) {
    const name = options.repo;
    const pushes = await check(`Treeherder push list (${name})`, () => ci!.treeherder.latestPushes(name, 3), [
      ci,
      repo,
    ]);
    // The second-newest push has usually finished scheduling.
    const push: Push | undefined = pushes?.[1] ?? pushes?.[0];
    const jobs = await check(`Treeherder jobs of push ${push?.id ?? '?'}`, () => ci!.treeherder.jobsForPush(push!.id), [
      push,
    ]);
    const job: Job | undefined = jobs?.find((entry) => entry.result !== 'success') ?? jobs?.[0];
    await check(`Treeherder job detail ${job?.id ?? '?'}`, () => ci!.treeherder.jobDetail(name, job!.id), [job]);
    await check(`Treeherder job log URLs ${job?.id ?? '?'}`, () => ci!.treeherder.jobLogUrls(name, job!.id), [job]);
    const decision = await check('decision task (job list, then /push/decisiontask/)', async () => {
      const found = await ci!.treeherder.decisionTask(name, push!.id, jobs);
      if (!found) throw new Error(`push ${push!.id} has no decision task yet`);
      return found;
    }, [push]);
    await check('Treeherder /push/decisiontask/', () => ci!.treeherder.decisionTasks(name, [push!.id]), [push]);
    const taskId = decision?.taskId;
    await check(`Taskcluster task ${taskId ?? '?'}`, () => ci!.taskcluster.task(taskId!), [taskId]);
    await check(`Taskcluster status ${taskId ?? '?'}`, () => ci!.taskcluster.taskStatus(taskId!), [taskId]);
    await check('Taskcluster artifact list of the decision task', () => ci!.taskcluster.listArtifacts(taskId!), [
      taskId,
    ]);
    await check('public/actions.json of the decision task', () => ci!.taskcluster.actionsJson(taskId!), [taskId]);
    if (options.artifacts) {
      await check('public/runnable-jobs.json of the decision task', () => ci!.taskcluster.runnableJobs(taskId!), [
        taskId,
      ]);
      await check('public/label-to-taskid.json of the decision task', () => ci!.taskcluster.labelToTaskId(taskId!), [
        taskId,
      ]);
    }
    await check(
      `Taskcluster index gecko.v2.${name}.latest.taskgraph.decision`,
      () => ci!.taskcluster.findTask(`gecko.v2.${name}.latest.taskgraph.decision`),
      [ci],
    );
    await check('Taskcluster auth currentScopes (anonymous)', () => ci!.taskcluster.currentScopes(), [ci]);
    const repoPath = repo ? repoPathFromUrl(repo.url) : undefined;
    const newer = pushes?.[0];
    const older = pushes?.[2];
    await check(
      'hg json-pushes between two pushes',
      () =>
        ci!.pushlog.pushesBetweenRevisions(repoPath!, {
          fromRevision: older!.revision,
          toRevision: newer!.revision,
          full: true,
        }),
      [repoPath, newer, older],
    );
    await check('hg json-automationrelevance', () => ci!.pushlog.filesTouched(repoPath!, newer!.revision), [
      repoPath,
      newer,
    ]);
    await check('Perfherder alert summaries', () => ci!.perfherder.alertSummaries({ repositoryId: repo!.id }), [repo]);
  }
}

function parseArgs(args: readonly string[]): Omit<LiveCheckOptions, 'out'> | 'help' {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  const value = (flag: string) => args.find((arg) => arg.startsWith(`--${flag}=`))?.slice(flag.length + 3);
  return {
    repo: value('repo') ?? 'autoland',
    treeherderUrl: value('treeherder-url') ?? PRODUCTION_URLS.treeherderUrl,
    artifacts: args.includes('--artifacts'),
  };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(
      'Usage: npm run check:live -- [--repo=autoland] [--treeherder-url=https://treeherder.mozilla.org] [--artifacts]',
    );
  } else {
    runLiveCheck({ ...parsed, out: (line) => console.log(line) }).then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        console.error(`check:live stopped unexpectedly: ${userMessageFor(error)}`);
        process.exitCode = 1;
      },
    );
  }
}
