// Runs `web-ext lint` on the Firefox store build and fails on any error. Warnings are printed;
// the README explains each one that remains.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(root, process.argv[2] ?? 'dist/firefox');
const result = spawnSync(
  resolve(root, 'node_modules/.bin/web-ext'),
  ['lint', '--source-dir', dir, '--output=json', '--no-config-discovery'],
  { encoding: 'utf8' },
);
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(`web-ext lint did not produce a report:\n${result.stdout}\n${result.stderr}`);
  process.exit(1);
}
const { errors, warnings, notices } = report.summary;
for (const item of [...report.errors, ...report.warnings]) {
  console.log(`${item._type ?? ''} ${item.code} ${item.file ?? ''}${item.line ? `:${item.line}` : ''} ${item.message}`);
}
console.log(`web-ext lint ${dir}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors === 0 ? 0 : 1);
