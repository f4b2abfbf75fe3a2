import { describe, expect, it } from 'vitest';
import { runLiveCheck } from '../../../scripts/check-live';

describe('npm run check:live', () => {
  it('fails gracefully with one clear sentence when offline (no real network used)', async () => {
    const lines: string[] = [];
    const code = await runLiveCheck({
      repo: 'autoland',
      treeherderUrl: 'https://treeherder.invalid',
      artifacts: false,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      sleep: async () => undefined,
      out: (line) => lines.push(line),
    });
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^FAIL {2}Treeherder \/api\/repository\/: Could not reach treeherder\.invalid/);
    expect(lines.at(-1)).toMatch(/^check:live needs network access/);
    expect(lines.some((line) => line.startsWith('SKIP'))).toBe(false);
  });
});
