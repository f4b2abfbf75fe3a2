import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingBuildSentence, treeherderUiBuild } from '../fake-ci/treeherder-ui';
import { devBuildDir } from './harness/browsers';

const root = resolve(import.meta.dirname, '../..');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SCREENSHOTS = ['01-page.png', '02-selected.png', '03-backfill.png', '04-popup.png'];

/** Runs the demo CLI as a person would; resolves with its exit code and output. */
function runDemo(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(resolve(root, 'node_modules/.bin/tsx'), ['scripts/demo.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => done({ code, output }));
  });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Runs the headless tour with `extra` arguments and checks that it wrote one non-trivial PNG per step. */
async function expectTour(dir: string, extra: string[]): Promise<void> {
  // scripts/test-all.mjs builds dist/dev-* before the e2e layer; build only when it is missing.
  const build = existsSync(join(devBuildDir('chromium'), 'manifest.json')) ? ['--no-build'] : [];
  const { code, output } = await runDemo(['--headless', '--screenshot', dir, '--port', '0', ...build, ...extra]);
  expect(code, output).toBe(0);
  for (const name of SCREENSHOTS) {
    const path = join(dir, name);
    expect(output).toContain(path);
    const png = await readFile(path);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${name} is a PNG`).toBe(true);
    // A blank 1280×900 page compresses to a few kB; the page with jobs and our UI is far larger.
    expect(png.length, `${name} size`).toBeGreaterThan(15_000);
    const { width, height } = pngSize(png);
    expect(width, name).toBeGreaterThanOrEqual(400);
    expect(height, name).toBeGreaterThanOrEqual(600);
  }
}

describe('npm run demo -- --headless --screenshot <dir>', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('tours the page in Chromium and writes one non-trivial PNG per step', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cit-demo-tour-'));
    dirs.push(dir);
    await expectTour(dir, []);
  }, 30_000);

  it.skipIf(!treeherderUiBuild())(
    `tours Treeherder's real build with --ui treeherder${treeherderUiBuild() ? '' : ` (skipped: ${missingBuildSentence()})`}`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cit-demo-tour-th-'));
      dirs.push(dir);
      await expectTour(dir, ['--ui', 'treeherder']);
    },
    30_000,
  );
});
