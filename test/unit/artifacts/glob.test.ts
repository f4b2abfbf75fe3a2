import { describe, expect, it } from 'vitest';
import { compileGlob, GlobSyntaxError, matchesGlob } from '../../../src/artifacts/glob';

const CRASH = 'public/test_info/crashes/bccb385c-2bad-3e6f-69b1-a99cdda09c16.dmp';

describe('compileGlob', () => {
  it.each([
    ['**/*.dmp', CRASH, true],
    ['**/*.dmp', 'a.dmp', true],
    ['**/*.dmp', 'public/test_info/crashes/x.extra', false],
    ['**/*.dmp', 'public/x.dmp.gz', false],
    ['public/build/target.*', 'public/build/target.tar.xz', true],
    ['public/build/target.*', 'public/build/target.json', true],
    ['public/build/target.*', 'public/build/sub/target.json', false],
    ['public/build/target.*', 'public/build/host.json', false],
    ['public/**', 'public/logs/live.log', true],
    ['public/**/live.log', 'public/live.log', true],
    ['public/**/live.log', 'public/logs/live.log', true],
    ['public/**/live.log', 'private/logs/live.log', false],
    ['public/logs/live?log', 'public/logs/live.log', true],
    ['public/logs/live?log', 'public/logs/live/log', false],
    ['public/test_info/*', 'public/test_info/a/b.json', false],
  ])('%s vs %s → %s', (pattern, name, expected) => {
    expect(compileGlob(pattern).test(name)).toBe(expected);
  });

  it('matches a pattern without a slash against the base name, in any folder', () => {
    const glob = compileGlob('*.extra');
    expect(glob.basenameOnly).toBe(true);
    expect(glob.test('public/test_info/crashes/a.extra')).toBe(true);
    expect(glob.test('a.extra')).toBe(true);
    expect(glob.test('public/extra/a.dmp')).toBe(false);
    expect(compileGlob('live_backing.log').test('public/logs/live_backing.log')).toBe(true);
  });

  it('supports sets, negated sets and ranges without crossing a slash', () => {
    expect(matchesGlob('screenshot-[0-9].png', 'public/x/screenshot-7.png')).toBe(true);
    expect(matchesGlob('screenshot-[0-9].png', 'screenshot-a.png')).toBe(false);
    expect(matchesGlob('screenshot-[!0-9].png', 'screenshot-a.png')).toBe(true);
    expect(matchesGlob('screenshot-[^0-9].png', 'screenshot-1.png')).toBe(false);
    expect(matchesGlob('a[/]b', 'a/b')).toBe(false);
    expect(matchesGlob('a[!x]b', 'a/b')).toBe(false);
    expect(matchesGlob('[]]', ']')).toBe(true);
  });

  it('supports alternatives, also across folders', () => {
    const glob = compileGlob('**/*.{dmp,extra}');
    expect(glob.test(CRASH)).toBe(true);
    expect(glob.test('public/test_info/crashes/x.extra')).toBe(true);
    expect(glob.test('public/test_info/crashes/x.json')).toBe(false);
    expect(matchesGlob('public/{build/target,logs/live}.*', 'public/logs/live.log')).toBe(true);
    expect(matchesGlob('public/{build/target,logs/live}.*', 'public/build/target.json')).toBe(true);
    expect(matchesGlob('public/{build/target,logs/live}.*', 'public/build/live.log')).toBe(false);
  });

  it('takes regex characters literally and honours escapes', () => {
    expect(matchesGlob('public/a+b(1).json', 'public/a+b(1).json')).toBe(true);
    expect(matchesGlob('public/a+b(1).json', 'public/aab1.json')).toBe(false);
    expect(matchesGlob('public/\\*.json', 'public/*.json')).toBe(true);
    expect(matchesGlob('public/\\*.json', 'public/x.json')).toBe(false);
    expect(matchesGlob('a}b', 'a}b')).toBe(true);
    expect(matchesGlob('a,b', 'a,b')).toBe(true);
  });

  it('is case-sensitive and trims the pattern', () => {
    expect(matchesGlob('  **/*.DMP ', CRASH)).toBe(false);
    expect(compileGlob('  **/*.dmp  ').pattern).toBe('**/*.dmp');
  });

  it('ignores a leading slash in a path pattern', () => {
    expect(matchesGlob('/public/build/target.*', 'public/build/target.json')).toBe(true);
  });

  it.each([
    ['', /Type a pattern/],
    ['   ', /Type a pattern/],
    ['public/[abc', /no closing \]/],
    ['public/{a,b', /no closing \}/],
    ['{a,{b,c}}', /cannot be nested/],
    ['abc\\', /lone backslash/],
    ['[z-a]', /runs backwards/],
    ['x'.repeat(501), /longer than 500/],
  ])('refuses %j with a sentence', (pattern, message) => {
    expect(() => compileGlob(pattern)).toThrow(GlobSyntaxError);
    expect(() => compileGlob(pattern)).toThrow(message);
  });

  it('stays fast on patterns with many stars (no catastrophic backtracking)', () => {
    const glob = compileGlob('*a*a*a*a*a*a*a*a*a*b');
    const started = performance.now();
    expect(glob.test('a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
