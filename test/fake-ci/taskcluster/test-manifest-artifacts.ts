import { gzipSync } from 'node:zlib';
import type { App } from '../app';
import type { SimTask } from '../model/types';
import { manifestsByTask, testsByManifest } from '../scenario/test-manifests';
import type { Artifact } from './artifacts';

/**
 * The decision task's test-manifest maps, in scenarios that schedule by manifest: `public/manifests-by-task.json.gz`
 * and `public/tests-by-manifest.json.gz`, gzip files as gecko's `decision.py` writes them (`write_artifact` on a
 * `.gz` name) and served as such (`application/gzip`, no Content-Encoding). A scenario's new test is listed from
 * its push on. Other scenarios publish neither, like a decision task from before they existed.
 */
export function testManifestArtifacts(app: App, decision: SimTask): Artifact[] {
  const push = app.world.pushOfTask(decision);
  const repo = app.world.repo(push.repo);
  if (!repo?.catalog.some((l) => l.testPaths)) return [];
  const newTest = app.scenario.specials.newTest;
  const absent = newTest && push.index < newTest.spec.push - 1 ? [newTest.spec.path] : [];
  const gzip = (value: unknown) => () => gzipSync(Buffer.from(JSON.stringify(value)));
  return [
    {
      name: 'public/manifests-by-task.json.gz',
      storageType: 's3',
      contentType: 'application/gzip',
      content: gzip(manifestsByTask(repo.catalog)),
    },
    {
      name: 'public/tests-by-manifest.json.gz',
      storageType: 's3',
      contentType: 'application/gzip',
      content: gzip(testsByManifest(repo.catalog, absent)),
    },
  ];
}
