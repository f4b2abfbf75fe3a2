import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { runValidate, usage } from '../../../scripts/validate';
import { SCHEMA_KINDS } from '../../../src/ci/schema-kinds';
import { SAMPLES_DIR, samplesAvailable, samplesNote } from './samples';

function capture(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
      readText: async (path: string) => files[path] ?? readFile(path, 'utf8'),
    },
  };
}

describe('npm run validate', () => {
  it('--help lists every kind', async () => {
    const c = capture();
    expect(await runValidate(['--help'], c.io)).toBe(0);
    for (const kind of Object.keys(SCHEMA_KINDS)) expect(c.out.join('\n')).toContain(`  ${kind} `);
    expect(usage()).toMatch(/^Usage: npm run validate -- <kind> <file.json>/);
  });

  it('prints the drift error and exits 1 for a broken file', async () => {
    const c = capture({
      'bad.json': JSON.stringify({ count: 1, next: null, results: [[1]], job_property_names: ['id'] }),
    });
    expect(await runValidate(['jobs', 'bad.json'], c.io)).toBe(1);
    expect(c.err).toEqual([
      'treeherder changed the shape of /api/jobs/: field "results[0].push_id" is missing (expected number)',
    ]);
  });

  it('rejects unknown kinds, missing files and non-JSON clearly', async () => {
    const c = capture({ 'x.txt': 'not json' });
    expect(await runValidate(['nope', 'x.json'], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/^Unknown kind "nope"\. Known kinds: repositories, push-list/);
    expect(await runValidate(['jobs'], c.io)).toBe(2);
    expect(await runValidate(['jobs', 'x.txt'], c.io)).toBe(1);
    expect(c.err.at(-1)).toMatch(/^cannot read x\.txt as JSON/);
  });

  it.skipIf(!samplesAvailable)(`accepts real samples of several kinds${samplesNote}`, async () => {
    const cases: Array<[string, string]> = [
      ['push-list', 'treeherder/push_list.json'],
      ['jobs', 'treeherder/job_1.json'],
      ['job', 'treeherder/full_job.json'],
      ['actions', 'treeherder/initialActions.json'],
      ['task', 'treeherder/task_definition.json'],
      ['perf-summary', 'treeherder/performance_summary.json'],
    ];
    for (const [kind, file] of cases) {
      const c = capture();
      expect(await runValidate([kind, `${SAMPLES_DIR}${file}`], c.io)).toBe(0);
      expect(c.out).toEqual(['OK']);
    }
  });
});
