import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { answerHosts } from '../../test/e2e/harness/chromium';
import { GECKO_ID } from '../../test/e2e/harness/firefox';
import { TREEHERDER_HOST_ANSWERS } from '../../test/e2e/harness/treeherder-ui';
import { ROOT } from './build';
import { pasteClientOnOptionsPage, type DrivablePage } from './sign-in';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Fixed internal UUID of the add-on in the demo's Firefox, so the demo can open its options page. */
const DEMO_ADDON_UUID = 'de30de30-0000-4000-8000-00000000c170';

/**
 * The content script's status chip once the background answered it. The background learns the fake
 * CI's address from the jobs page, so signing in (which checks the client there) waits for this.
 */
const STATUS_CONNECTED = '[data-testid="cit-status"][data-state="connected"]';

export interface Credentials {
  clientId: string;
  accessToken: string;
}

/** A browser window the person uses; `closed` settles when they close it. */
export interface HeadedBrowser {
  closed: Promise<void>;
  close(): Promise<void>;
}

/** True when a browser window can open here. */
export function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/**
 * Chromium with the development build loaded (a fresh profile), signed in through the options page,
 * then the jobs page. Playwright drives only the sign-in (and, for Treeherder's real build, answers
 * its Bugzilla and Lando requests, so the page works offline); the window is the person's afterwards.
 */
export async function openChromium(
  extensionDir: string,
  pageUrl: string,
  credentials: Credentials,
  log: (line: string) => void,
  realTreeherder = false,
): Promise<HeadedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'cit-demo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: null,
    // Ctrl-C is the demo's to handle (it closes the browser, then the fake CI); Playwright's own
    // handler would end the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const closed = new Promise<void>((done) => context.once('close', () => done()));
  if (realTreeherder) await answerHosts(context, TREEHERDER_HOST_ANSWERS);
  log(`Chromium started with ${extensionDir} loaded (fresh profile ${profile}).`);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  const extensionId = new URL(worker.url()).host;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pageUrl);
  log(`Opened ${pageUrl}`);
  try {
    await page.waitForSelector(STATUS_CONNECTED, { timeout: 20000 });
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    log(
      `Signed in on the extension's options page: ${await pasteClientOnOptionsPage(options as unknown as DrivablePage, credentials)}`,
    );
    await options.close();
  } catch (error) {
    log(signInFallback(error, credentials));
  }
  await page.bringToFront();
  return {
    closed,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Firefox ESR through `web-ext run` (a temporary add-on that reloads when dist/dev-firefox is rebuilt),
 * with WebDriver BiDi switched on so the demo can sign in on the options page before handing over.
 * The demo lets go of Firefox after signing in, so Treeherder's real build reaches the real Bugzilla and
 * Lando here (with no network its bug titles stay empty).
 */
export async function openFirefox(
  extensionDir: string,
  pageUrl: string,
  credentials: Credentials,
  log: (line: string) => void,
  realTreeherder = false,
): Promise<HeadedBrowser> {
  const bidiPort = await freePort();
  // web-ext writes `--pref` strings into user.js unescaped, which breaks a JSON value, so the add-on's
  // fixed UUID goes into the prefs.js of a template profile that web-ext copies.
  const profile = await mkdtemp(join(tmpdir(), 'cit-demo-firefox-'));
  await writeFile(
    join(profile, 'prefs.js'),
    `user_pref("extensions.webextensions.uuids", ${JSON.stringify(JSON.stringify({ [GECKO_ID]: DEMO_ADDON_UUID }))});\n`,
  );
  const webExt = spawn(
    resolve(ROOT, 'node_modules/.bin/web-ext'),
    [
      'run',
      `--firefox=${FIREFOX}`,
      '--source-dir',
      extensionDir,
      '--start-url',
      pageUrl,
      '--no-input',
      `--firefox-profile=${profile}`,
      '--pref=remote.active-protocols=1',
      `--arg=--remote-debugging-port=${bidiPort}`,
      '--arg=--remote-allow-system-access',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  ); // own process group: Ctrl-C is ours to forward
  const closed = new Promise<void>((done) => webExt.once('exit', () => done()));
  let output = '';
  webExt.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  webExt.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(
    () => /Installed .* as a temporary add-on/.test(output),
    60000,
    closed,
    () => `web-ext run did not install the add-on:\n${output.trim()}`,
  );
  log(
    `Firefox ESR started by web-ext run with ${extensionDir} as a temporary add-on (it reloads when the build changes), at ${pageUrl}`,
  );
  if (realTreeherder) log('Treeherder asks bugzilla.mozilla.org and lando.moz.tools itself in this window (network).');

  try {
    const browser = await puppeteer.connect({
      browserWSEndpoint: `ws://127.0.0.1:${bidiPort}/session`,
      protocol: 'webDriverBiDi',
    });
    try {
      const jobsTab = (await browser.pages()).find((page) => page.url().startsWith(pageUrl));
      if (!jobsTab) throw new Error(`no tab shows ${pageUrl}`);
      await jobsTab.waitForSelector(STATUS_CONNECTED, { timeout: 20000 });
      const options = await browser.newPage();
      // Firefox never reports moz-extension:// navigations as complete over BiDi: don't wait for it.
      await options
        .goto(`moz-extension://${DEMO_ADDON_UUID}/options/options.html`, { timeout: 1500 })
        .catch(() => undefined);
      log(
        `Signed in on the extension's options page: ${await pasteClientOnOptionsPage(options as unknown as DrivablePage, credentials)}`,
      );
      await options.close();
      await jobsTab.bringToFront();
    } finally {
      await browser.disconnect();
    }
  } catch (error) {
    log(signInFallback(error, credentials));
  }
  return {
    closed,
    close: async () => {
      if (webExt.exitCode === null && webExt.pid !== undefined) {
        try {
          process.kill(-webExt.pid, 'SIGINT'); // web-ext closes Firefox and removes its temporary profile
        } catch {
          // already gone
        }
        await Promise.race([closed, new Promise((done) => setTimeout(done, 5000))]);
        killGroup(webExt);
      }
      await rm(profile, { recursive: true, force: true });
    },
  };
}

function signInFallback(error: unknown, credentials: Credentials): string {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `Could not sign in automatically (${reason}). To use the buttons, open the extension's options and paste client ${credentials.clientId} with access token ${credentials.accessToken}.`;
}

function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  gone: Promise<void>,
  explain: () => string,
): Promise<void> {
  let exited = false;
  void gone.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (exited || Date.now() > deadline) throw new Error(explain());
    await new Promise((done) => setTimeout(done, 200));
  }
}
