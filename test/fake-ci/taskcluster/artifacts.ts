import { DAY, isoZ } from '../clock';
import type { App } from '../app';
import type { SimTask } from '../model/types';
import { perfReplicates, perfValue } from '../scenario/perf-values';
import { errorSummaryName } from '../treeherder/job-view';
import { DECISION_ARTIFACTS, decisionArtifact } from './decision-artifacts';
import { errorSummary, liveLog } from './log-content';

export interface Artifact {
  name: string;
  storageType: 's3' | 'reference' | 'error';
  contentType: string;
  content: () => string | Buffer;
}

/**
 * Artifacts of one run at `now`: none before the run starts, the live log while it runs, the full set once
 * it is resolved. Returns undefined when the run does not exist.
 */
export function artifactsOf(
  app: App,
  task: SimTask,
  runId: number,
  now: number,
  origin: string,
): Artifact[] | undefined {
  const run = app.world.timeline(task)[runId];
  if (!run || run.scheduled > now) return undefined;
  if (run.started > now && run.resolved > now) return [];
  const log = (): string => liveLog(app.world, app.scenario.truth, task, run, now);
  if (run.resolved > now)
    return [
      {
        name: 'public/logs/live.log',
        storageType: 'reference',
        contentType: 'text/plain; charset=utf-8',
        content: log,
      },
    ];

  const out: Artifact[] = [];
  if (run.started <= now) {
    out.push(s3('public/logs/live.log', 'text/plain; charset=utf-8', log));
    out.push(s3('public/logs/live_backing.log', 'text/plain; charset=utf-8', log));
  }
  const kind = task.spec.kind;
  if (kind === 'decision') {
    for (const name of DECISION_ARTIFACTS)
      out.push(s3(name, contentTypeOf(name), () => decisionArtifact(app, task, name, origin) ?? ''));
  } else if (kind === 'action-callback') {
    for (const [name, body] of task.generatedArtifacts ?? []) out.push(s3(name, contentTypeOf(name), body));
  } else if (kind === 'build') {
    out.push(
      s3('public/build/target.json', 'application/json', () =>
        JSON.stringify({
          buildid: isoZ(task.created).replace(/\D/g, '').slice(0, 14),
          moz_source_stamp: app.world.pushOfTask(task).revision,
        }),
      ),
    );
    out.push(
      s3('public/build/target.mozinfo.json', 'application/json', () =>
        JSON.stringify({ os: task.spec.os, debug: task.spec.option === 'debug' }),
      ),
    );
    out.push(
      s3('public/build/target.test_packages.json', 'application/json', () =>
        JSON.stringify({ common: ['target.common.tests.tar.gz'] }),
      ),
    );
    out.push(s3('public/build/target.tar.xz', 'application/x-xz', () => Buffer.from(`fake build of ${task.label}\n`)));
  } else if (kind === 'test') {
    out.push(s3(errorSummaryName(task), 'text/plain; charset=utf-8', () => errorSummary(task, run)));
    out.push(
      s3('public/test_info/resource-usage.json', 'application/json', () =>
        JSON.stringify({ version: 2, cpu_percent: 71.5, duration: (run.resolved - run.started) / 1000 }),
      ),
    );
    if (task.spec.perf) {
      out.push(
        s3('public/test_info/perfherder-data.json', 'application/json', () => {
          const replicates = perfReplicates(app.world, app.scenario.truth, task);
          return JSON.stringify({
            framework: { name: 'talos' },
            suites: [
              {
                name: task.spec.perf?.suite,
                value: perfValue(replicates),
                subtests: [{ name: task.spec.perf?.suite, value: perfValue(replicates), replicates }],
              },
            ],
          });
        }),
      );
    }
    if (run.runId === task.runs.length - 1) {
      for (const name of task.extraArtifacts ?? [])
        out.push(s3(name, contentTypeOf(name), () => fillerContent(name, task)));
    }
  }
  return out;
}

export function artifactJson(task: SimTask, a: Artifact): Record<string, unknown> {
  return {
    storageType: a.storageType,
    name: a.name,
    expires: isoZ(task.created + 365 * DAY),
    contentType: a.contentType,
  };
}

function s3(name: string, contentType: string, content: () => string | Buffer): Artifact {
  return { name, storageType: 's3', contentType, content };
}

function contentTypeOf(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.yml')) return 'application/x-yaml';
  if (name.endsWith('.png')) return 'image/png';
  if (name.endsWith('.gz')) return 'application/gzip';
  if (name.endsWith('.dmp')) return 'application/x-dmp';
  if (name.endsWith('.log') || name.endsWith('.extra') || name.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

function fillerContent(name: string, task: SimTask): string | Buffer {
  if (name.endsWith('.dmp')) return Buffer.concat([Buffer.from('MDMP'), Buffer.alloc(60, 0x5a)]);
  if (name.endsWith('.extra'))
    return JSON.stringify({
      ProductName: 'Firefox',
      CrashTime: String(Math.floor(task.created / 1000)),
      MozCrashReason: 'MOZ_CRASH(fake)',
    });
  if (name.endsWith('.png')) return Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  return JSON.stringify({ artifact: name, task: task.taskId });
}
