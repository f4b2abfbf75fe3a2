import type { LabelSpec } from '../model/types';
import type { OutcomeModel } from './outcomes';
import type { PlatformDef } from './platforms';
import type { NewTestSpec } from './spec';
import { manifestOfTest } from './test-manifests';

/** The tasks that run a scenario's new test, and the ones that fail it now and then. */
export interface NewTestPlan {
  spec: NewTestSpec;
  manifest: string;
  /** Every label whose manifests hold the test. */
  labels: LabelSpec[];
  /** Those of the unstable platform. */
  unstable: LabelSpec[];
}

/**
 * A new test (issue 19): from its push on, the tasks of one platform that run its manifest fail it with
 * probability q — their first run on that push fails, so a sheriff has a failing job to start from — and the
 * tasks of every other platform pass it. Every one of them runs on that push.
 */
export function planNewTest(
  spec: NewTestSpec,
  platforms: readonly PlatformDef[],
  catalog: readonly LabelSpec[],
  model: OutcomeModel,
  rules: Map<string, (index: number) => boolean | undefined>,
): NewTestPlan {
  const manifest = manifestOfTest(spec.path);
  const labels = catalog.filter((l) => l.testPaths && Object.values(l.testPaths).flat().includes(manifest));
  if (labels.length === 0) throw new Error(`no task of the scenario runs ${manifest}; check newTest.path`);
  const platform = platforms[spec.unstablePlatform];
  const unstable = labels.filter((l) => l.platform === platform?.platform && l.option === platform.option);
  const landing = spec.push - 1;
  for (const label of labels) rules.set(label.label, (i) => (i === landing ? true : undefined));
  for (const label of unstable) {
    label.failingTests = [spec.path];
    model.set(label.label, { f: 0, q: spec.q, culpritIndex: landing, forcedFailures: new Set([landing]) });
  }
  return { spec, manifest, labels, unstable };
}
