/**
 * `npm run demo`: the fake Firefox CI, the development build, and a browser with the extension signed
 * in at the fake jobs page (Firefox ESR; `--browser chromium`). Ctrl-C stops everything.
 * `npm run demo -- --headless --screenshot <dir>`: a scripted tour instead, one PNG per step.
 * `npm run demo -- --help` lists the options.
 */
import { resolve } from 'node:path';
import { devBuildDir } from '../test/e2e/harness/browsers';
import { startFakeCi, type FakeCi } from '../test/fake-ci/server';
import { buildDevExtension } from './demo/build';
import { hasDisplay, openChromium, openFirefox, type HeadedBrowser } from './demo/headed';
import { parseDemoOptions, USAGE, type DemoOptions } from './demo/options';
import { runTour } from './demo/tour';

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  let options: DemoOptions | 'help';
  try {
    options = parseDemoOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    log(USAGE);
    return 0;
  }
  if (options.screenshotDir === undefined && !hasDisplay()) {
    console.error(
      'No display is available here (DISPLAY is not set), so no browser window can open; run `npm run demo -- --headless --screenshot <dir>` for a scripted tour that writes screenshots instead.',
    );
    return 1;
  }

  let fake: FakeCi;
  try {
    fake = await startFakeCi({
      scenario: options.scenario,
      port: options.port,
      timeScale: options.timeScale,
      pollIntervalMs: options.pollMs,
      ui: options.ui,
    });
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(
      inUse
        ? `Port ${options.port} is already in use (another demo or fake CI?); pass --port <n>, or --port 0 for any free port.`
        : `The fake CI did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const pageUrl = `${fake.url}/jobs?repo=${fake.truth.repo}`;
  const page =
    options.ui === 'treeherder'
      ? "Treeherder's real build, which polls every 60 s"
      : `the modelled page, which polls every ${options.pollMs / 1000} s`;
  log(
    `Fake Firefox CI: scenario "${options.scenario}" at ${fake.url} (simulated time ×${options.timeScale}; jobs page: ${page}; state at ${fake.url}/__fake/state)`,
  );

  try {
    if (options.build) {
      log('Building the development extension (node scripts/build.mjs --dev)…');
      await buildDevExtension();
    }
    const extensionDir = devBuildDir(options.browser);

    if (options.screenshotDir !== undefined) {
      const dir = resolve(options.screenshotDir);
      log(`Headless tour in ${options.browser === 'chromium' ? 'Chromium' : 'Firefox ESR'}:`);
      const paths = await runTour({
        fake,
        browser: options.browser,
        dir,
        log: (line) => log(`  ${line}`),
      });
      log(`Screenshots:\n${paths.map((p) => `  ${p}`).join('\n')}`);
      return 0;
    }

    const open = options.browser === 'chromium' ? openChromium : openFirefox;
    const browser = await open(extensionDir, pageUrl, fake.credentials, log, options.ui === 'treeherder');
    log('Ready. Ctrl-C stops the browser and the fake CI.');
    return await untilStopped(browser);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await fake.close();
  }
}

/** Resolves when the person closes the browser or presses Ctrl-C (then closes the browser). */
async function untilStopped(browser: HeadedBrowser): Promise<number> {
  // `on`, not `once`: a terminal's Ctrl-C reaches this process both directly and relayed by tsx, and a
  // second SIGINT without a listener would kill the process before it has closed the browser.
  const interrupted = new Promise<'signal'>((done) => {
    process.on('SIGINT', () => done('signal'));
    process.on('SIGTERM', () => done('signal'));
  });
  const how = await Promise.race([interrupted, browser.closed.then(() => 'closed' as const)]);
  log(how === 'signal' ? 'Stopping the browser and the fake CI…' : 'The browser was closed; stopping the fake CI…');
  await browser.close();
  log('Stopped.');
  return 0;
}

process.exitCode = await main();
// Playwright and puppeteer may keep handles open after closing; the demo is done.
process.exit();
