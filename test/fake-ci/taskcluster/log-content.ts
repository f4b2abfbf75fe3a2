import { isoZ } from '../clock';
import type { RunTimes } from '../model/timeline';
import type { SimTask } from '../model/types';
import { perfReplicates, perfValue } from '../scenario/perf-values';
import type { ScenarioTruth } from '../scenario/truth';
import type { World } from '../model/world';

/** `public/logs/live_backing.log` text of a run (mozharness-like, with TEST-UNEXPECTED-FAIL lines on failure). */
export function liveLog(world: World, truth: ScenarioTruth, task: SimTask, run: RunTimes, now: number): string {
  const lines: string[] = [];
  const stamp = (ms: number): string => `[taskcluster ${isoZ(ms)}]`;
  lines.push(`${stamp(run.started)} Task ID: ${task.taskId}`);
  lines.push(`${stamp(run.started)} Worker Node Type: ${run.workerId}`);
  lines.push(`${stamp(run.started)} === Task Starting ===`);
  lines.push(`[task ${isoZ(run.started)}] run-task started for ${task.label}`);
  const tests = task.failingTests ?? [];
  const failed = run.outcome === 'failed';
  if (task.spec.kind === 'test') {
    const passing = ['test_basic.html', 'test_events.html', 'browser_startup.js'];
    for (const t of passing)
      lines.push(
        `[task ${isoZ(run.started)}] TEST-START | ${t}`,
        `[task ${isoZ(run.started)}] TEST-PASS | ${t} | took 812ms`,
      );
    if (failed)
      for (const t of tests) lines.push(`[task ${isoZ(run.started)}] TEST-UNEXPECTED-FAIL | ${t} | Test timed out`);
    if (task.spec.perf) {
      const replicates = perfReplicates(world, truth, task);
      const data = {
        framework: { name: 'talos' },
        suites: [
          {
            name: task.spec.perf.suite,
            value: perfValue(replicates),
            lowerIsBetter: task.spec.perf.lowerIsBetter,
            subtests: [{ name: task.spec.perf.suite, value: perfValue(replicates), replicates }],
          },
        ],
      };
      lines.push(`[task ${isoZ(run.started)}] PERFHERDER_DATA: ${JSON.stringify(data)}`);
    }
  }
  if (run.resolved <= now) {
    lines.push(`${stamp(run.resolved)} === Task Finished ===`);
    lines.push(`${stamp(run.resolved)} Exit Code: ${run.outcome === 'completed' ? 0 : 1}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `*_errorsummary.log`: mozlog JSON lines. */
export function errorSummary(task: SimTask, run: RunTimes): string {
  const tests = run.outcome === 'failed' ? (task.failingTests ?? []) : [];
  const groups = [...new Set(['dom/base/test', ...tests.map(dirOf)])];
  const out: unknown[] = [{ action: 'test_groups', line: 0, groups }];
  for (const [i, t] of tests.entries())
    out.push({
      action: 'test_result',
      test: t,
      subtest: null,
      status: 'FAIL',
      expected: 'PASS',
      message: 'Test timed out',
      group: dirOf(t),
      line: i + 1,
    });
  for (const g of groups)
    out.push({
      action: 'group_result',
      group: g,
      status: tests.some((t) => dirOf(t) === g) ? 'ERROR' : 'OK',
      duration: 120_000,
      line: out.length,
    });
  return `${out.map((o) => JSON.stringify(o)).join('\n')}\n`;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i > 0 ? path.slice(0, i) : path;
}
