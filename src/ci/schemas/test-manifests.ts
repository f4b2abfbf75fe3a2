/**
 * The decision task's test-manifest maps (gecko `taskcluster/gecko_taskgraph/decision.py`), both gzip files:
 * `public/tests-by-manifest.json.gz` — `{manifest: [test…]}`, moztest's `TestResolver.tests_by_manifest`
 * (tests relative to the manifest's directory; web-platform tests by test id) — and
 * `public/manifests-by-task.json.gz` — `{label: [manifest…]}` from each full-graph task's `test_manifests`
 * attribute (`full_task_graph_to_manifests_by_task`). Several MB each: only these shapes are checked.
 */
import { z } from '../zod';

export const TestsByManifestSchema = z.record(z.string(), z.array(z.string()));
export const ManifestsByTaskSchema = z.record(z.string(), z.array(z.string()));

export type TestsByManifest = z.output<typeof TestsByManifestSchema>;
export type ManifestsByTask = z.output<typeof ManifestsByTaskSchema>;

/**
 * What a test task's own definition says about its manifests: `payload.env.MOZHARNESS_TEST_PATHS`, a JSON string
 * `{"<suite>": [manifest…]}` (gecko `transforms/test/worker.py`, set when the task schedules by manifest).
 */
export const TaskPayloadEnvSchema = z.looseObject({
  payload: z.looseObject({ env: z.record(z.string(), z.unknown()).optional() }).optional(),
});
export const MozharnessTestPathsSchema = z.record(z.string(), z.array(z.string()));
/** A task-graph node's `attributes.test_manifests` (gecko `transforms/test/__init__.py`). */
export const TestManifestsAttributeSchema = z.array(z.string());
