import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { type FakeCi, type FakeCiOptions, type JobsPageUi, startFakeCi } from '../../fake-ci/server';
import { missingBuildSentence, treeherderUiBuild } from '../../fake-ci/treeherder-ui';
import { pasteClient } from '../extension-pages';
import { ARTIFACTS_DIR, BROWSERS, type BrowserName, launch } from './browsers';
import { TREEHERDER_LAUNCH_OPTIONS } from './treeherder-ui';
import type { E2eBrowser, E2ePage, LaunchOptions } from './types';

export interface SessionOptions {
  browser: BrowserName;
  /** A fake CI to start with the browser; without it, tests start theirs with `useFake`. */
  scenario?: FakeCiOptions;
  /**
   * The jobs page: the fake's model (default) or Treeherder's real build, for which the browser also
   * answers Bugzilla and Lando, opens a 1600 × 1000 window and can run Treeherder's poll on demand.
   */
  ui?: JobsPageUi;
  /** Browser settings the tests need: the colour scheme pages see, clipboard reads. */
  launch?: Pick<LaunchOptions, 'colorScheme' | 'clipboard'>;
}

/**
 * One e2e session: a browser with the development build and the fake CI it talks to. Created before
 * the tests run (so a describe body can hand it to them) and started in `beforeAll`.
 */
export class E2eSession {
  private currentBrowser: E2eBrowser | undefined;
  private currentFake: FakeCi | undefined;

  constructor(readonly options: SessionOptions) {}

  get browserName(): BrowserName {
    return this.options.browser;
  }

  get ui(): JobsPageUi {
    return this.options.ui ?? 'model';
  }

  get browser(): E2eBrowser {
    if (!this.currentBrowser) throw new Error('the e2e session has not started (startE2E / describeInBothBrowsers)');
    return this.currentBrowser;
  }

  get fake(): FakeCi {
    if (!this.currentFake) throw new Error('no fake CI is running in this session (pass a scenario or call useFake)');
    return this.currentFake;
  }

  async start(): Promise<this> {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    if (this.options.scenario) await this.useFake(this.options.scenario);
    this.currentBrowser = await launch(this.browserName, {
      ...(this.ui === 'treeherder' ? TREEHERDER_LAUNCH_OPTIONS : {}),
      ...this.options.launch,
    });
    return this;
  }

  /** Replaces the session's fake CI (closing the previous one) by a new one serving the session's UI. */
  async useFake(options: FakeCiOptions): Promise<FakeCi> {
    await this.currentFake?.close();
    this.currentFake = undefined;
    this.currentFake = await startFakeCi({ ...options, ui: this.ui });
    return this.currentFake;
  }

  /** Opens the jobs page of the scenario's repository; `query` is appended (e.g. `&group_state=expanded`). */
  openJobsPage(query = ''): Promise<E2ePage> {
    return this.browser.open(`${this.fake.url}/jobs?repo=${this.fake.truth.repo}${query}`);
  }

  /** Signs in with the fake's sheriff client on the options page; the sentence the page showed. */
  signIn(): Promise<string> {
    return pasteClient(this.browser, this.fake.credentials);
  }

  /** `out/e2e-artifacts/<name>-<browser>.png` */
  screenshotPath(name: string): string {
    return join(ARTIFACTS_DIR, `${name}-${this.browserName}.png`);
  }

  async close(): Promise<void> {
    await this.currentBrowser?.close();
    await this.currentFake?.close();
    this.currentBrowser = undefined;
    this.currentFake = undefined;
  }
}

/** Starts a session now (scripts, or tests that manage their own lifetime). */
export function startE2E(options: SessionOptions): Promise<E2eSession> {
  return new E2eSession(options).start();
}

/**
 * `describe` once per browser (Chromium, then Firefox), each with its own session started before its
 * tests and closed after them. With `ui: 'treeherder'` and no ../shared/treeherder-ui build, the block
 * is skipped and says why.
 */
export function describeInBothBrowsers(
  title: string,
  options: Omit<SessionOptions, 'browser'>,
  body: (e2e: E2eSession, browserName: BrowserName) => void,
): void {
  const missing = options.ui === 'treeherder' && !treeherderUiBuild() ? missingBuildSentence() : undefined;
  if (missing) {
    console.warn(`[e2e] skipping "${title}": ${missing}`);
    describe.skip(`${title} (skipped: ${missing})`, () => {
      for (const browserName of BROWSERS) body(new E2eSession({ ...options, browser: browserName }), browserName);
    });
    return;
  }
  describe.each(BROWSERS)(`${title} in %s`, (browserName) => {
    const e2e = new E2eSession({ ...options, browser: browserName });
    beforeAll(async () => {
      await e2e.start();
    });
    afterAll(() => e2e.close());
    body(e2e, browserName);
  });
}
