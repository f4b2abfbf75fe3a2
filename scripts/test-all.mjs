// `npm test`: every layer, one summary. Type-check, unit/integration (vitest), both builds,
// web-ext lint, then browser e2e in Chromium and Firefox. Ends with the plain line
// "N passed, N failed[, N skipped]" that CI counts, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'out');
mkdirSync(out, { recursive: true });
const bin = (name) => resolve(root, 'node_modules/.bin', name);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, command, args) {
  console.log(`\n=== ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  console.log(`--- ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function step(label, command, args) {
  if (run(label, command, args)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

function vitestLayer(label, config, jsonName, { skippedIsFailure }) {
  const json = resolve(out, jsonName);
  const ok = run(label, bin('vitest'), [
    'run',
    '-c',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${json}`,
  ]);
  if (!existsSync(json)) {
    failed++;
    failures.push(`${label} (no report)`);
    return;
  }
  const report = JSON.parse(readFileSync(json, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  const notRun = report.numPendingTests + report.numTodoTests;
  if (skippedIsFailure && notRun > 0) {
    failed += notRun;
    failures.push(`${label}: ${notRun} skipped`);
  } else skipped += notRun;
  if (report.numFailedTests > 0) failures.push(`${label}: ${report.numFailedTests} failed`);
  // A crashed run (e.g. a file that failed to import) has failed suites but maybe no failed tests.
  if (!ok && report.numFailedTests === 0) {
    failed++;
    failures.push(`${label}: runner failed`);
  }
}

step('typecheck (tsc)', bin('tsc'), ['-p', '.']);
step('format and lint (biome check)', bin('biome'), ['check', '--diagnostic-level=error', '.']);
vitestLayer('unit and integration tests (vitest)', 'vitest.config.ts', 'vitest-unit.json', { skippedIsFailure: false });
step('store build (dist/firefox, dist/chrome, zips)', 'node', ['scripts/build.mjs']);
step('development build (dist/dev-firefox, dist/dev-chrome)', 'node', ['scripts/build.mjs', '--dev']);
step('web-ext lint dist/firefox (0 errors)', 'node', ['scripts/lint-ext.mjs']);
vitestLayer('browser e2e (Chromium and Firefox)', 'vitest.e2e.config.ts', 'vitest-e2e.json', {
  skippedIsFailure: true,
});

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
