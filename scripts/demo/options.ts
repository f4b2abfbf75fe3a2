import { parseArgs } from 'node:util';
import { scenarioNames } from '../../test/fake-ci/scenario/spec';
import type { JobsPageUi } from '../../test/fake-ci/server';

export type DemoBrowser = 'firefox' | 'chromium';

export interface DemoOptions {
  scenario: string;
  /** 0 = any free port (tests). */
  port: number;
  /** Headed: Firefox unless `--browser chromium`. The tour: Chromium unless `--browser firefox`. */
  browser: DemoBrowser;
  /** Set: run the scripted tour headless and write one PNG per step here. */
  screenshotDir?: string;
  /** Skip `node scripts/build.mjs --dev` (the e2e test and repeated runs reuse dist/dev-*). */
  build: boolean;
  /** Simulated time runs this many times faster than the wall clock. */
  timeScale: number;
  /** The jobs page's poll interval (the modelled page; Treeherder's real build polls every 60 s). */
  pollMs: number;
  /** The jobs page: the fake's model of Treeherder, or Treeherder's real build from ../shared/treeherder-ui. */
  ui: JobsPageUi;
}

export const USAGE = `Usage: npm run demo -- [--scenario <${scenarioNames().join('|')}>] [--port 8045] [--browser firefox|chromium]
       npm run demo -- --headless --screenshot <dir> [--browser chromium|firefox] [--port 8045]
  --ui <model|treeherder>  the jobs page: the fake's model of Treeherder (default) or Treeherder's real
                      build from ../shared/treeherder-ui/build
  --no-build          reuse dist/dev-firefox and dist/dev-chrome as they are
  --time-scale <x>    simulated time speed (default 30)
  --poll <ms>         the jobs page's poll interval (default 15000)`;

/** Parses the command line; throws a sentence a person can act on. */
export function parseDemoOptions(argv: string[]): DemoOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'default' },
      port: { type: 'string', default: '8045' },
      browser: { type: 'string' },
      headless: { type: 'boolean', default: false },
      screenshot: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'time-scale': { type: 'string', default: '30' },
      poll: { type: 'string', default: '15000' },
      ui: { type: 'string', default: 'model' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) return 'help';
  if (!scenarioNames().includes(values.scenario)) {
    throw new Error(`Unknown scenario "${values.scenario}"; choose one of ${scenarioNames().join(', ')}.`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number (0 for any free port), not "${values.port}".`);
  if (values.browser !== undefined && values.browser !== 'firefox' && values.browser !== 'chromium') {
    throw new Error(`--browser must be firefox or chromium, not "${values.browser}".`);
  }
  if (values.headless && values.screenshot === undefined) {
    throw new Error('--headless runs the scripted tour, which needs --screenshot <dir> for its pictures.');
  }
  if (values.ui !== 'model' && values.ui !== 'treeherder') {
    throw new Error(`--ui must be model or treeherder, not "${values.ui}".`);
  }
  const timeScale = Number(values['time-scale']);
  const pollMs = Number(values.poll);
  if (!(timeScale >= 0)) throw new Error(`--time-scale must be a number ≥ 0, not "${values['time-scale']}".`);
  if (!(pollMs >= 500)) throw new Error(`--poll must be at least 500 (milliseconds), not "${values.poll}".`);
  const touring = values.screenshot !== undefined;
  return {
    scenario: values.scenario,
    port,
    browser: (values.browser as DemoBrowser | undefined) ?? (touring ? 'chromium' : 'firefox'),
    ...(touring ? { screenshotDir: values.screenshot } : {}),
    build: !values['no-build'],
    timeScale,
    pollMs,
    ui: values.ui,
  };
}
