/** Test platforms the fake knows, in the order scenarios take them, with the build each test needs. */

export interface PlatformDef {
  /** Treeherder machine platform of the tests. */
  platform: string;
  option: string;
  os: string;
  /** Treeherder machine platform of the build. */
  buildPlatform: string;
  buildLabel: string;
  /** Display name (Treeherder's thPlatformMap). */
  name: string;
  buildName: string;
}

const KNOWN: PlatformDef[] = [
  def('linux1804-64-qr', 'debug', 'linux', 'linux64', 'build-linux64/debug', 'Linux 18.04', 'Linux x64'),
  def(
    'windows11-64-24h2',
    'opt',
    'windows',
    'windows2012-64',
    'build-win64/opt',
    'Windows 11 x64 24H2',
    'Windows 2012 x64',
  ),
  def(
    'macosx1500-aarch64',
    'opt',
    'macosx',
    'osx-cross-aarch64',
    'build-macosx64-aarch64/opt',
    'macOS 15 AArch64',
    'OS X Cross Compiled AArch64',
  ),
  def(
    'android-em-7-0-x86_64-qr',
    'debug',
    'android',
    'android-5-0-x86_64',
    'build-android-x86_64/debug',
    'Android 7.0 x86-64 WebRender',
    'Android 5.0 x86-64',
  ),
  def(
    'linux1804-64-shippable-qr',
    'opt',
    'linux',
    'linux64-shippable',
    'build-linux64-shippable/opt',
    'Linux 18.04 x64 WebRender Shippable',
    'Linux x64 Shippable',
  ),
  def(
    'windows11-64-24h2',
    'debug',
    'windows',
    'windows2012-64',
    'build-win64/debug',
    'Windows 11 x64 24H2',
    'Windows 2012 x64',
  ),
  def(
    'linux1804-64-asan-qr',
    'opt',
    'linux',
    'linux64-asan',
    'build-linux64-asan/opt',
    'Linux 18.04 x64 WebRender asan',
    'Linux x64 asan',
  ),
  def(
    'macosx1500-aarch64',
    'debug',
    'macosx',
    'osx-cross-aarch64',
    'build-macosx64-aarch64/debug',
    'macOS 15 AArch64',
    'OS X Cross Compiled AArch64',
  ),
  def(
    'windows11-64-24h2-shippable',
    'opt',
    'windows',
    'windows2012-64-shippable',
    'build-win64-shippable/opt',
    'Windows 11 x64 24H2 Shippable',
    'Windows 2012 x64 Shippable',
  ),
  def(
    'android-hw-a55-14-0-aarch64-shippable',
    'opt',
    'android',
    'android-5-0-aarch64-shippable',
    'build-android-aarch64-shippable/opt',
    'Android 14.0 Galaxy A55 AArch64 Shippable',
    'Android 5.0 AArch64 Shippable',
  ),
];

/** The shippable Linux platform perf tests run on, added to a catalog when a perf scenario needs it. */
export const PERF_PLATFORM: PlatformDef = KNOWN[4] as PlatformDef;

/** The first `count` platforms; beyond the known list, synthetic Linux variants. */
export function pickPlatforms(count: number): PlatformDef[] {
  const out: PlatformDef[] = [];
  for (let i = 0; i < count; i++) {
    const known = KNOWN[i];
    if (known) out.push(known);
    else {
      const n = i - KNOWN.length + 2;
      out.push(
        def(
          `linux2404-64-v${n}`,
          'opt',
          'linux',
          `linux64-v${n}`,
          `build-linux64-v${n}/opt`,
          `Linux 24.04 x64 v${n}`,
          `Linux x64 v${n}`,
        ),
      );
    }
  }
  return out;
}

/** Display-name order used for platform rows (Treeherder orders rows by its platform map). */
export function platformOrder(platform: string): number {
  const special = ['gecko-decision', 'lint'];
  const s = special.indexOf(platform);
  if (s >= 0) return 1000 + s;
  const i = KNOWN.findIndex((p) => p.platform === platform || p.buildPlatform === platform);
  return i >= 0 ? i : 500;
}

/** Display name for a Treeherder machine platform. */
export function platformName(platform: string): string {
  if (platform === 'gecko-decision') return 'Gecko Decision Task';
  if (platform === 'lint') return 'Linting';
  const hit = KNOWN.find((p) => p.platform === platform) ?? KNOWN.find((p) => p.buildPlatform === platform);
  if (hit) return hit.platform === platform ? hit.name : hit.buildName;
  return platform;
}

function def(
  platform: string,
  option: string,
  os: string,
  buildPlatform: string,
  buildLabel: string,
  name: string,
  buildName: string,
): PlatformDef {
  return { platform, option, os, buildPlatform, buildLabel, name, buildName };
}
