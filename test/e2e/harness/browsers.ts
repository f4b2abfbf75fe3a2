import { resolve } from 'node:path';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { E2eBrowser, LaunchOptions } from './types';

export const BROWSERS = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

const root = resolve(import.meta.dirname, '../../..');

/** The development build (it matches the local fake CI); scripts/test-all.mjs builds it first. */
export function devBuildDir(name: BrowserName): string {
  return resolve(root, 'dist', name === 'chromium' ? 'dev-chrome' : 'dev-firefox');
}

export function launch(name: BrowserName, options: LaunchOptions = {}): Promise<E2eBrowser> {
  return name === 'chromium' ? launchChromium(devBuildDir(name), options) : launchFirefox(devBuildDir(name), options);
}

export const ARTIFACTS_DIR = resolve(root, 'out/e2e-artifacts');
